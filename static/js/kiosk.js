// The touch kiosk: one tap on a service gives a number (and a printed ticket).
//
// - Taking a number is a plain HTTP POST: it works while the websocket is down.
// - The first tap locks every button until the server has answered: no double tickets.
// - Waiting counts come live from /kiosk's "board"; while the socket is down they are
//   fetched from GET /api/v1/hall every few seconds.
// - Any screen but the start returns to the start by itself; the start screen returns to
//   Vietnamese (the hall's language) whenever it is shown again.

import { hallClock, waitText } from "./hall-time.js";
import { api, live, pageData, reloadWhenAtRest } from "./motcua.js";

const data = pageData();
const strings = pageData("i18n");
const POLL_MS = 10000;
const $ = (id) => document.getElementById(id);

const state = {
  lang: data.language,
  screen: "start",
  priority: null,
  busy: false,
  board: data.board,
  ticket: null,
  print: null,
  lastTouch: Date.now(),
  returnAt: 0,
  returnAfter: data.return_after_s,
  idle: data.idle_s,
};

function tr(key, fields = {}) {
  const table = strings[state.lang] || strings.vi;
  const text = table[key] ?? strings.vi[key] ?? key;
  if (Array.isArray(text)) return text;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(fields[name] ?? ""));
}

function named(item) {
  return state.lang === "en" && item.name_en ? item.name_en : item.name;
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// --- drawing -----------------------------------------------------------------------

function mySectors() {
  const allowed = data.sectors;
  return state.board.sectors.filter((s) => !allowed || allowed.includes(s.code));
}

function sectorButton(sector, button = null) {
  if (!button) {
    button = el("button", "k-sector");
    button.type = "button";
    button.dataset.sector = sector.code;
    button.append(el("span", "k-sector-name"), el("span", "k-sector-note"));
    button.addEventListener("click", () => takeNumber(sector.code));
  }
  button.querySelector(".k-sector-name").textContent = named(sector);
  let note;
  if (!sector.open) note = tr(sector.closed_reason === "cap" ? "cap" : "closed");
  else if (sector.waiting > 0) note = tr("waiting", { n: sector.waiting });
  else note = tr("waiting_none");
  button.querySelector(".k-sector-note").textContent = note;
  button.disabled = !sector.open || state.busy;
  button.classList.toggle("is-closed", !sector.open);
  return button;
}

function drawStart() {
  const sectors = mySectors();
  const list = $("sectors");
  // Live counts update the buttons in place: a button replaced between a finger's
  // press and release would swallow the tap.
  const shown = new Map([...list.children].map((b) => [b.dataset.sector, b]));
  const buttons = sectors.map((s) => sectorButton(s, shown.get(s.code)));
  if (buttons.length !== list.children.length || buttons.some((b, i) => list.children[i] !== b)) {
    list.replaceChildren(...buttons);
  }
  list.dataset.count = String(sectors.length);
  list.classList.toggle("is-many", sectors.length > 8); // more than one column (two) holds
  const priorities = state.board.priorities || [];
  $("priority-open").hidden = priorities.length === 0 || state.priority !== null;
  $("priority-open").disabled = state.busy;
  $("priority-banner").hidden = state.priority === null;
  $("choose-title").hidden = state.priority !== null;
  if (state.priority) {
    const chosen = priorities.find((p) => p.code === state.priority);
    $("priority-chosen").textContent = tr("priority_chosen", { name: chosen ? named(chosen) : "" });
  }
}

function drawPriorities() {
  const buttons = (state.board.priorities || []).map((p) => {
    const button = el("button", "k-choice", named(p));
    button.type = "button";
    button.dataset.priority = p.code;
    button.addEventListener("click", () => {
      state.priority = p.code;
      show("start", { keepLanguage: true });
    });
    return button;
  });
  $("priorities").replaceChildren(...buttons);
}

function drawTicket() {
  const t = state.ticket;
  $("ticket-number").textContent = t.number;
  $("ticket-number").style.setProperty("--chars", String(Math.max(4, t.number.length)));
  $("ticket-sector").textContent = state.lang === "en" && t.sector_name_en ? t.sector_name_en : t.sector_name;
  const category = (state.board.priorities || []).find((p) => p.code === t.priority);
  $("ticket-priority").hidden = !t.priority;
  $("ticket-priority").textContent = category ? tr("priority_chosen", { name: named(category) }) : "";
  $("ticket-ahead").textContent = t.ahead ? tr("ahead", { n: t.ahead }) : tr("ahead_none");
  $("ticket-wait").hidden = !t.ahead || t.estimated_wait_s == null;
  $("ticket-wait").textContent = t.estimated_wait_s ? tr("wait", { time: waitText(t.estimated_wait_s, tr) }) : "";
  const counters = state.board.counters.filter((c) => c.sectors.includes(t.sector)).map((c) => c.name);
  $("ticket-counters").hidden = counters.length === 0;
  $("ticket-counters").textContent = tr("served_at", { counters: counters.join(", ") });
  $("ticket-qr").src = `/t/${encodeURIComponent(t.token)}/qr.svg`;
  const status = state.print ? state.print.status : "skipped";
  const printLine = $("ticket-print");
  printLine.textContent = tr(status === "ok" ? "print_ok" : status === "failed" ? "print_failed" : "print_skipped");
  printLine.className = `k-print is-${status}`;
  drawCountdown();
}

function drawCountdown() {
  const left = Math.max(0, Math.ceil((state.returnAt - Date.now()) / 1000));
  $("ticket-countdown").textContent = tr("returning", { s: left });
}

// Each language is offered by its own name, the same whatever language is showing.
const LANGUAGE_NAMES = { vi: "Tiếng Việt", en: "English" };

function drawWords() {
  document.documentElement.lang = state.lang;
  for (const node of document.querySelectorAll("[data-t]")) node.textContent = tr(node.dataset.t);
  const other = state.lang === "vi" ? "en" : "vi";
  $("lang").textContent = LANGUAGE_NAMES[other];
  $("lang").lang = other;
  $("hall-name").textContent = state.lang === "en" && state.board.hall.name_en ? state.board.hall.name_en : state.board.hall.name;
  drawClock();
}

function drawClock() {
  $("clock").textContent = hallClock(new Date(), state.board.hall.timezone, tr("weekdays"));
}

function draw() {
  drawWords();
  if (state.screen === "start") drawStart();
  if (state.screen === "priority") drawPriorities();
  if (state.screen === "ticket") drawTicket();
}

// --- screens -----------------------------------------------------------------------

function show(screen, { keepLanguage = false } = {}) {
  state.screen = screen;
  if (screen === "start" && !keepLanguage) {
    state.lang = data.language;
    state.priority = null;
  }
  $("kiosk").dataset.screen = screen;
  $("screen-start").hidden = screen !== "start";
  $("screen-priority").hidden = screen !== "priority";
  $("screen-ticket").hidden = screen !== "ticket";
  hideError();
  draw();
  window.scrollTo(0, 0);
}

function showError(key) {
  $("error-text").textContent = tr(key);
  $("error").hidden = false;
}

function hideError() {
  $("error").hidden = true;
}

const ERRORS = {
  sector_closed: "error_closed",
  daily_cap_reached: "error_cap",
  rate_limited: "error_busy",
};

async function takeNumber(sector) {
  if (state.busy) return; // the first tap wins; the server decides the rest
  state.busy = true;
  for (const b of document.querySelectorAll("#sectors button")) b.disabled = true;
  const busyText = $("busy").querySelector("p");
  busyText.textContent = tr("busy");
  const busyTimer = setTimeout(() => { $("busy").hidden = false; }, 250);
  // The number is already taken by then; a slow or silent printer is what we wait for.
  const printTimer = setTimeout(() => { busyText.textContent = tr("printing"); }, 1500);
  const body = state.priority ? { sector, priority: state.priority } : { sector };
  const res = await api("/api/v1/tickets", { method: "POST", body, timeoutMs: 20000 });
  clearTimeout(busyTimer);
  clearTimeout(printTimer);
  $("busy").hidden = true;
  state.busy = false;
  if (res.ok) {
    state.ticket = res.data.ticket;
    state.print = res.data.print;
    const failed = state.print && state.print.status === "failed";
    // A citizen without a paper ticket needs longer to note the number down.
    state.returnAt = Date.now() + state.returnAfter * (failed ? 2 : 1) * 1000;
    show("ticket", { keepLanguage: true });
    refreshHall();
    return;
  }
  if (res.status === 401 || res.status === 403) {
    window.location.reload(); // unpaired or revoked: the page explains what to do
    return;
  }
  const code = res.data && res.data.error ? res.data.error.code : null;
  draw();
  showError(res.status === 0 ? "error_network" : ERRORS[code] || "error_other");
  if (code === "sector_closed" || code === "daily_cap_reached") refreshHall();
}

// --- live data ---------------------------------------------------------------------

function applyBoard(board) {
  state.board = { ...state.board, ...board };
  if (board.kiosk) {
    state.returnAfter = board.kiosk.return_after_s ?? state.returnAfter;
    state.idle = board.kiosk.idle_s ?? state.idle;
  }
  if (state.screen === "start" && !state.busy) drawStart();
}

async function refreshHall() {
  const res = await api("/api/v1/hall");
  if (res.ok && res.data) applyBoard(res.data);
}

let pollTimer = null;
function connection(up) {
  $("offline").hidden = up;
  if (up && pollTimer) {
    clearInterval(pollTimer);
    pollTimer = null;
  } else if (!up && !pollTimer) {
    pollTimer = setInterval(refreshHall, POLL_MS);
  }
}

function tick() {
  drawClock();
  const now = Date.now();
  // A socket that never opens (blocked by a proxy, server away) fires no event: look.
  if (!socket.connected && now - loadedAt > 3000) connection(false);
  if (state.screen === "ticket") {
    drawCountdown();
    if (now >= state.returnAt) show("start");
    return;
  }
  const atRest =
    state.screen === "start" && state.priority === null && state.lang === data.language && $("error").hidden;
  if (!atRest && !state.busy && now - state.lastTouch > state.idle * 1000) show("start");
}

// --- wiring ------------------------------------------------------------------------

function touched() {
  state.lastTouch = Date.now();
}

document.addEventListener("pointerdown", touched, { capture: true });
document.addEventListener("keydown", touched, { capture: true });
document.addEventListener("contextmenu", (event) => event.preventDefault());
$("lang").addEventListener("click", () => {
  state.lang = state.lang === "vi" ? "en" : "vi";
  draw();
});
$("priority-open").addEventListener("click", () => show("priority", { keepLanguage: true }));
$("priority-back").addEventListener("click", () => show("start", { keepLanguage: true }));
$("priority-cancel").addEventListener("click", () => {
  state.priority = null;
  draw();
});
$("ticket-done").addEventListener("click", () => show("start"));
$("error-ok").addEventListener("click", hideError);

const loadedAt = Date.now();
// Edited or revoked by an administrator: reload between citizens, not under a finger.
const betweenCitizens = () =>
  state.screen === "start" && !state.busy && $("error").hidden && Date.now() - state.lastTouch > 5000;
const socket = live(
  "/kiosk",
  { board: applyBoard, device_changed: reloadWhenAtRest(betweenCitizens) },
  { onStatus: connection },
);
show("start");
setInterval(tick, 1000);
