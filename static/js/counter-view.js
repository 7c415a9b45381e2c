// Drawing the counter workstation from one `counter_state` (no actions here).

import { t } from "./motcua.js";

const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else if (key.startsWith("data-")) node.setAttribute(key, value);
    else node[key] = value;
  }
  for (const child of children) if (child != null) node.append(child);
  return node;
}

/** Format a duration: "45 giây" under a minute, "12 phút" after. */
export function duration(seconds) {
  if (seconds == null) return "—";
  if (seconds < 60) return t("seconds", { n: Math.max(0, Math.round(seconds)) });
  return t("minutes", { n: Math.round(seconds / 60) });
}

/** Format a running clock m:ss. */
function clock(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

export function totalWaiting(state) {
  return (state.queue || []).reduce((sum, line) => sum + line.waiting, 0);
}

function renderStatus(counter) {
  const pill = $("counter-status");
  pill.className = `pill status-${counter.status}`;
  const label = t(`status_${counter.status}`);
  pill.textContent = counter.status === "paused" && counter.pause_reason
    ? `${label}: ${counter.pause_reason}` : label;
  $("counter-name").textContent = counter.name;
  $("pause-label").textContent = counter.status === "paused" ? t("resume") : t("pause");
  document.body.dataset.status = counter.status;
}

function renderCurrent(state, elapsed) {
  const current = state.current;
  const counter = state.counter;
  $("current").classList.toggle("empty", !current);
  $("current").classList.toggle("is-priority", Boolean(current && current.priority));
  $("current-number").textContent = current ? current.number : "—";
  $("current-sector").textContent = current ? current.sector_name : "";
  const facts = $("current-facts");
  facts.replaceChildren();
  const none = $("current-none");
  none.hidden = Boolean(current);
  if (!current) {
    if (counter.status === "paused") {
      none.textContent = t("paused_hint", { reason: counter.pause_reason });
    } else if (counter.status === "closed") none.textContent = t("closed_hint");
    else none.textContent = t("none_serving");
    return;
  }
  if (current.priority) {
    facts.append(el("li", { class: "fact-priority" }, `${t("priority")}: ${current.priority_name}`));
  }
  if (current.transferred_from) {
    facts.append(el("li", {}, t("from_sector", { sector: current.transferred_from })));
  }
  facts.append(el("li", {}, t("waited", { time: duration(current.waited_s) })));
  facts.append(el("li", { class: current.call_count > 1 ? "fact-warn" : "" },
    t("called_times", { n: current.call_count })));
  facts.append(el("li", { class: "serving-clock", "data-base": current.serving_s },
    t("serving_for", { time: clock(current.serving_s + elapsed) })));
}

function renderQueue(queue) {
  const list = $("queue");
  list.replaceChildren();
  for (const line of queue) {
    const next = el("ol", { class: "next" });
    for (const ticket of line.next) {
      const chip = el("li", { class: ticket.priority ? "chip priority" : "chip" }, ticket.number);
      if (ticket.priority) chip.append(el("span", { class: "chip-tag" }, t("priority")));
      next.append(chip);
    }
    const counts = el("p", { class: "counts" },
      el("strong", { class: "waiting-count" }, String(line.waiting)),
      ` ${t("waiting_label")}`);
    if (line.priority_waiting) {
      counts.append(el("span", { class: "prio-count" },
        t("priority_n", { n: line.priority_waiting })));
    }
    list.append(el("li", { class: line.waiting ? "line" : "line empty", "data-sector": line.code },
      el("p", { class: "line-name" }, line.name), counts, line.next.length ? next : null));
  }
}

function renderTally(tally) {
  const cell = (key) => document.querySelector(`#tally [data-k="${key}"]`);
  cell("served").textContent = tally.served;
  cell("no_show").textContent = tally.no_show;
  cell("avg").textContent = duration(tally.avg_service_s);
  cell("ratings").textContent = tally.ratings.total;
}

const STATUS_KEY = { done: "done", no_show: "no_show", transferred: "transferred_status" };

function renderRecent(recent, pendingId) {
  const body = $("recent");
  body.replaceChildren();
  if (!recent.length) {
    body.append(el("tr", {}, el("td", { class: "muted" }, t("none_recent"))));
    return;
  }
  recent.forEach((ticket, index) => {
    const actions = el("td", { class: "row-actions" });
    if (ticket.status === "no_show") {
      actions.append(el("button", { type: "button", class: "btn small", "data-requeue": ticket.id,
        "data-number": ticket.number }, t("requeue")));
    }
    // On the citizen's behalf: only the ticket just finished (the tablet's own prompt aside).
    if (index === 0 && ticket.status === "done" && !ticket.rated && ticket.id !== pendingId) {
      actions.append(el("button", { type: "button", class: "btn small", "data-rate": ticket.id,
        "data-number": ticket.number }, t("rate")));
    }
    // A transferred citizen still waits in another sector with the same number: a fresh
    // paper shows where. Finished tickets need none (the server refuses them too).
    if (ticket.reprintable) {
      actions.append(el("button", { type: "button", class: "btn small", "data-reprint": ticket.id,
        "data-number": ticket.number }, t("reprint")));
    }
    const status = t(STATUS_KEY[ticket.status] || ticket.status);
    body.append(el("tr", { class: `st-${ticket.status}` },
      el("td", { class: "r-number" }, ticket.number, el("span", { class: "r-sector" }, ticket.sector_name)),
      el("td", {}, el("span", { class: `tag tag-${ticket.status}` }, status),
        ticket.rated ? el("span", { class: "tag tag-rated" }, t("rated_yes")) : null),
      actions));
  });
}

function renderPending(pending, elapsed) {
  const box = $("pending-rating");
  const left = pending ? pending.remaining_s - elapsed : 0;
  box.hidden = !pending || left <= 0;
  if (!box.hidden) {
    $("pending-text").textContent = t("pending_rating", { number: pending.number, s: Math.ceil(left) });
    $("rate-pending").dataset.rate = pending.ticket;
    $("rate-pending").dataset.number = pending.number;
  }
}

function renderNextCall(next) {
  $("next-call").textContent = next
    ? t("next_is", { number: next.number, sector: next.sector_name }) : t("next_none");
}

function renderButtons(state) {
  const open = state.counter.status === "open";
  const serving = Boolean(state.current);
  for (const button of document.querySelectorAll("#actions [data-action]")) {
    const action = button.dataset.action;
    let enabled = state.counter.status !== "closed";
    if (action === "call") enabled = open;
    else if (action !== "pause") enabled = enabled && serving;
    button.disabled = !enabled;
  }
}

/** Draw the whole page; `elapsed` is seconds since the state arrived. */
export function render(state, elapsed = 0) {
  renderStatus(state.counter);
  renderCurrent(state, elapsed);
  renderQueue(state.queue);
  renderTally(state.tally);
  renderRecent(state.recent, state.pending_rating && state.pending_rating.ticket);
  renderPending(state.pending_rating, elapsed);
  renderNextCall(state.next_call);
  renderButtons(state);
}

/** Refresh only the running clocks (every second). */
export function tick(state, elapsed) {
  const clockItem = document.querySelector(".serving-clock");
  if (clockItem && state.current) {
    clockItem.textContent = t("serving_for", { time: clock(state.current.serving_s + elapsed) });
  }
  renderPending(state.pending_rating, elapsed);
}
