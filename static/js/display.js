// The hall display: the latest call very large, every counter, recent calls, waiting counts.
// Everything is redrawn from the `board` the server sends on every (re)connect and change,
// so after a network cut or a server restart the screen is exact again without F5.

import { live, pageData, reloadWhenAtRest, t } from "./motcua.js";
import { Announcer } from "./display-audio.js";
import { setUpSound } from "./display-sound.js";

const { options, board: firstBoard } = pageData();
const WEEKDAYS = pageData("i18n").weekdays;
const english = document.documentElement.lang === "en";
const $ = (id) => document.getElementById(id);
const state = { board: null, hero: null, offlineTimer: null, announced: 0 };

const announcer = new Announcer({ onStart: showCall, onEnd: callDone });

// --- what this screen shows -------------------------------------------------------------
function counterShown(counter) {
  if (options.counters.length && !options.counters.includes(counter.number)) return false;
  if (options.sectors.length && !counter.sectors.some((s) => options.sectors.includes(s))) {
    return false;
  }
  return true;
}

function sectorShown(sector, board) {
  if (options.sectors.length) return options.sectors.includes(sector.code);
  if (!options.counters.length) return true;
  return board.counters.some((c) => counterShown(c) && c.sectors.includes(sector.code));
}

function callShown(counterNumber, sectorCode) {
  if (options.counters.length && !options.counters.includes(counterNumber)) return false;
  if (options.sectors.length && !options.sectors.includes(sectorCode)) return false;
  return true;
}

const sectorName = (sector) => (english && sector.name_en) || sector.name;

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// --- drawing the board ------------------------------------------------------------------
function counterStatus(counter) {
  if (counter.status === "paused") return ["paused", t("paused")];
  if (counter.status === "closed") return ["closed", t("closed")];
  return counter.current ? ["serving", t("serving")] : ["ready", t("ready")];
}

function drawCounters(board) {
  const shown = board.counters.filter(counterShown);
  const list = $("counter-list");
  list.replaceChildren(
    ...shown.map((counter) => {
      const [status, label] = counterStatus(counter);
      const row = el("li", `counter-row is-${status}`);
      row.dataset.counter = counter.number;
      const box = el("span", "counter-number");
      box.append(el("small", "", t("counter")), String(counter.number));
      row.append(box);
      const current = counter.status === "closed" ? "" : counter.current?.number ?? "—";
      row.append(el("span", "counter-current", current));
      row.append(el("span", "counter-status", label));
      return row;
    }),
  );
  const columns = shown.length > 8 ? 2 : 1;
  list.style.setProperty("--columns", columns);
  list.style.setProperty("--rows", Math.max(4, Math.ceil(shown.length / columns)));
}

function isHero(call) {
  return Boolean(state.hero) && state.hero.number === call.number &&
    state.hero.counter === call.counter;
}

function drawRecent(board) {
  // The call on the big panel is not repeated below it.
  const calls = board.recent_calls
    .filter((call) => callShown(call.counter, call.sector) && !isHero(call))
    .slice(0, board.display.recent ?? 5);
  $("recent-list").replaceChildren(
    ...calls.map((call) => {
      const item = el("li", "recent-call");
      item.append(el("span", "recent-number", call.number));
      item.append(el("span", "recent-arrow", "➜"));
      item.append(el("span", "recent-counter", t("counter_n", { n: call.counter })));
      return item;
    }),
  );
}

function drawWaiting(board) {
  const sectors = board.sectors.filter((s) => sectorShown(s, board));
  $("waiting-list").replaceChildren(
    ...sectors.map((sector) => {
      const item = el("li", `waiting-sector${sector.waiting ? "" : " is-empty"}`);
      item.dataset.sector = sector.code;
      item.append(el("span", "waiting-name", sectorName(sector)));
      item.append(el("span", "waiting-count", String(sector.waiting)));
      return item;
    }),
  );
}

function drawNotice(board) {
  const text = (board.display && board.display.notice) || "";
  $("notice").hidden = !text;
  const node = $("notice-text");
  if (node.textContent !== text) {
    node.textContent = text;
    node.style.setProperty("--marquee-s", `${Math.max(18, text.length * 0.3)}s`);
  }
}

function drawBoard(board) {
  state.board = board;
  announcer.repeat = (board.voice && board.voice.repeat) || 2;
  $("hall-name").textContent = (english && board.hall.name_en) || board.hall.name;
  drawCounters(board);
  drawRecent(board);
  drawWaiting(board);
  drawNotice(board);
  if (!announcer.busy) heroFromBoard(board);
}

// --- the latest call --------------------------------------------------------------------
// A display limited to a few counters may find none of them among the hall's last calls:
// then the latest ticket still at one of its counters is the one to show.
function latestCurrent(board) {
  const current = board.counters
    .filter((c) => counterShown(c) && c.current && callShown(c.number, c.current.sector))
    .map((c) => ({ ...c.current, counter: c.number }))
    .sort((a, b) => b.called_at.localeCompare(a.called_at));
  return current[0] || null;
}

function heroFromBoard(board) {
  const latest = board.recent_calls.find((call) => callShown(call.counter, call.sector)) ||
    latestCurrent(board);
  if (!latest) return drawHero(null);
  const sector = board.sectors.find((s) => s.code === latest.sector);
  const counter = board.counters.find((c) => c.number === latest.counter);
  // Still at the counter after more than one call: it was called again (also after a reload).
  const current = counter && counter.current;
  const recalled = Boolean(current && current.number === latest.number && current.call_count > 1);
  drawHero({
    number: latest.number,
    counter: latest.counter,
    sector: sector ? sectorName(sector) : "",
    recall: recalled || (isHero(latest) && state.hero.recall),
  });
}

function drawHero(call) {
  state.hero = call;
  const hero = $("hero");
  hero.dataset.empty = call ? "false" : "true";
  $("hero-number").textContent = call ? call.number : "—";
  $("hero-counter").textContent = call ? String(call.counter) : "—";
  $("hero-sector").textContent = call ? call.sector : "";
  $("hero-recall").hidden = !(call && call.recall);
  hero.classList.toggle("is-recall", Boolean(call && call.recall));
  if (state.board) drawRecent(state.board);
}

function flashHero() {
  const hero = $("hero");
  hero.classList.remove("is-fresh");
  void hero.offsetWidth; // restart the CSS animation
  hero.classList.add("is-fresh");
}

function showCall(payload) {
  const name = (english && payload.ticket.sector_name_en) || payload.ticket.sector_name;
  drawHero({
    number: payload.ticket.number,
    counter: payload.counter.number,
    sector: name || "",
    recall: payload.recall,
  });
  flashHero();
  document.body.dataset.announcing = payload.ticket.number;
}

function callDone() {
  state.announced += 1;
  document.body.dataset.announced = String(state.announced);
  delete document.body.dataset.announcing;
  if (!announcer.queue.length && state.board) heroFromBoard(state.board);
}

function ticketCalled(payload) {
  if (!callShown(payload.counter.number, payload.ticket.sector)) return;
  announcer.enqueue(payload);
}

// --- date and clock ---------------------------------------------------------------------
function tick() {
  const zone = (state.board || firstBoard).hall.timezone || "Asia/Ho_Chi_Minh";
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      timeZone: zone,
      weekday: "short",
      day: "2-digit",
      month: "2-digit",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(new Date())
      .map((p) => [p.type, p.value]),
  );
  const weekday = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(parts.weekday);
  $("date").textContent = `${WEEKDAYS[weekday] ?? ""}, ${parts.day}/${parts.month}/${parts.year}`;
  $("time").textContent = `${parts.hour}:${parts.minute}`;
}

// --- connection -------------------------------------------------------------------------
function connection(up) {
  document.body.dataset.connected = up ? "true" : "false";
  if (up) {
    clearTimeout(state.offlineTimer);
    state.offlineTimer = null;
    $("offline").hidden = true;
  } else if (!state.offlineTimer) {
    // Once per outage: each failed reconnect attempt reports "down" again.
    state.offlineTimer = setTimeout(() => ($("offline").hidden = false), 1500);
  }
}

drawBoard(firstBoard);
tick();
setInterval(tick, 1000);
setUpSound(announcer, options.sound);
// A paired display edited by an administrator reloads once no call is being announced.
const quiet = () => !announcer.busy && announcer.queue.length === 0;
live(
  "/display",
  { board: drawBoard, ticket_called: ticketCalled, device_changed: reloadWhenAtRest(quiet) },
  { onStatus: connection },
);
