// The counter workstation: one key per step, every action through the JSON API.
//
// Keys (full keyboard or USB numeric keypad, NumLock on or off, no modifiers):
//   Enter  call next (finishes the current ticket)   +  finish (tablet asks for a rating)
//   .      recall                                     0  absent (no-show)
//   *      transfer to another service area          -  pause / resume
// In a list dialog: 1-9 choose, Enter confirms, Esc or Backspace cancels.
// Nothing fires while typing in a text field. While an action runs, the same key again is
// ignored (a bounce or a double press); a different key runs once the first is done.

import { api, live, pageData, t } from "./motcua.js";
import { render, tick, totalWaiting } from "./counter-view.js";
import { openDialog, setupDialogs, dialogKey, isDialogOpen } from "./counter-dialogs.js";

const data = pageData();
const N = data.counter;
const $ = (id) => document.getElementById(id);
let state = data.state;
let receivedAt = Date.now();
let busy = false;
let inFlight = null; // the key action running now
let queued = null; // a different key pressed meanwhile runs next; the same key again is a bounce
let alertArmed = false; // armed by the first live state: loading the page never rings

const NUMPAD = {
  Numpad0: "0", Numpad1: "1", Numpad2: "2", Numpad3: "3", Numpad4: "4", Numpad5: "5",
  Numpad6: "6", Numpad7: "7", Numpad8: "8", Numpad9: "9", NumpadDecimal: ".",
  NumpadEnter: "Enter", NumpadAdd: "+", NumpadSubtract: "-", NumpadMultiply: "*",
  NumpadDivide: "/", NumpadComma: ".",
};
const KEYMAP = {
  Enter: "call", "+": "finish", ".": "recall", ",": "recall", 0: "no_show",
  "*": "transfer", "-": "pause",
};

/** Return the key meant, the same with NumLock on or off. */
export function keyOf(event) {
  return NUMPAD[event.code] || event.key;
}

function typing(target) {
  return Boolean(target && target.closest && target.closest("input, textarea, select, [contenteditable]"));
}

// ---- messages -------------------------------------------------------------------

let messageTimer = null;

export function say(text, kind = "info") {
  const box = $("message");
  box.textContent = text;
  box.className = `message message-${kind}`;
  box.hidden = false;
  clearTimeout(messageTimer);
  messageTimer = setTimeout(() => { box.hidden = true; }, kind === "error" ? 12000 : 5000);
}

/** Show an API failure in the page's language; refresh what may be stale. */
export function explain(res, overrides = {}) {
  const code = res.data && res.data.error ? res.data.error.code : null;
  if (res.status === 0) return say(t("network"), "error");
  if (res.status === 401) {
    window.location.assign(`/login?next=${encodeURIComponent(window.location.pathname)}`);
    return undefined;
  }
  if (code === "csrf_failed") {
    window.location.reload();
    return undefined;
  }
  if (overrides[code]) return say(overrides[code], "error");
  if (code === "counter_busy" || (res.status === 403 && code)) {
    refresh();
    return say(code === "counter_busy" ? t("busy_refreshed") : res.data.error.message, "error");
  }
  return say(res.data && res.data.error ? res.data.error.message : t("network"), "error");
}

// ---- state ------------------------------------------------------------------------

function newArrivals(before, after) {
  if (!alertArmed || before > 0 || after === 0) return;
  const banner = $("arrival");
  banner.hidden = false;
  banner.classList.remove("pulse");
  void banner.offsetWidth; // restart the animation
  banner.classList.add("pulse");
  setTimeout(() => { banner.hidden = true; }, 10000);
  if (localStorage.getItem("motcua.sound") === "1") chime();
}

function chime() {
  try {
    const ctx = new AudioContext();
    [660, 880].forEach((freq, i) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = freq;
      gain.gain.value = 0.06;
      osc.connect(gain).connect(ctx.destination);
      osc.start(ctx.currentTime + i * 0.18);
      osc.stop(ctx.currentTime + i * 0.18 + 0.15);
    });
  } catch (err) {
    // No audio device: the visual alert is enough.
  }
}

function show(next) {
  if (state && next.server_now < state.server_now) return; // an older push arrived late
  const before = totalWaiting(state);
  state = next;
  receivedAt = Date.now();
  render(state, 0);
  newArrivals(before, totalWaiting(state));
  checkOwnership();
}

function checkOwnership() {
  const officer = state.counter.officer;
  const lost = !officer || officer.id !== data.officer_id;
  const wasLost = document.body.classList.contains("not-mine");
  document.body.classList.toggle("not-mine", lost);
  if (lost && !wasLost && state.counter.status !== "closed") say(t("taken_over"), "error");
}

export async function refresh() {
  const res = await api(`/counter/${N}/state`);
  if (res.ok) show(res.data);
  else if (res.status === 403) say(t("other_counter"), "error");
}

// ---- actions ----------------------------------------------------------------------

let pending = 0;
let chain = Promise.resolve();

async function perform(path, body, { ok, overrides } = {}) {
  const res = await api(path, { method: "POST", body });
  if (res.ok) {
    await refresh(); // the next key-press is judged on the new state, not a stale one
    if (ok) ok(res);
  } else explain(res, overrides);
  return res;
}

function settled() {
  pending -= 1;
  if (pending > 0) return;
  busy = false;
  document.body.classList.remove("busy");
  const next = queued;
  queued = null;
  inFlight = null;
  if (next) run(next);
}

/** POST a counter action after any still running (never dropped), then re-read the state. */
export function act(path, body, options = {}) {
  pending += 1;
  busy = true;
  document.body.classList.add("busy");
  const job = chain.then(() => perform(path, body, options));
  chain = job.catch(() => null).then(settled);
  return job;
}

/** Run a key's action; while one runs, keep one different key for afterwards. */
function run(action) {
  if (busy) {
    if (action !== inFlight) queued = action;
    return;
  }
  inFlight = action;
  ACTIONS[action]();
  if (!busy) inFlight = null; // it only opened a dialog or explained why not
}

const counterPath = (action) => `/api/v1/counters/${N}/${action}`;

function needsCurrent() {
  if (state.current) return true;
  say(t("no_current"), "info");
  return false;
}

const ACTIONS = {
  call: () => act(counterPath("call-next"), { current: state.current ? state.current.id : null }, {
    ok: (res) => say(res.status === 204 ? t("no_one_waiting") : t("called", { number: res.data.ticket.number })),
    overrides: state.counter.status === "paused"
      ? { counter_not_open: t("paused_hint", { reason: state.counter.pause_reason }) } : {},
  }),
  finish: () => needsCurrent() && act(counterPath("finish"), undefined, {
    ok: (res) => say(t("finished", { number: res.data.ticket.number })),
  }),
  recall: () => needsCurrent() && act(counterPath("recall"), undefined, {
    ok: (res) => say(t("called", { number: res.data.ticket.number })),
  }),
  no_show: () => needsCurrent() && act(counterPath("no-show"), undefined, {
    ok: (res) => say(t("absent", { number: res.data.ticket.number })),
  }),
  transfer: () => needsCurrent() && openDialog("transfer", state),
  pause: () => (state.counter.status === "paused"
    ? act(counterPath("resume")) : openDialog("pause", state)),
};

function onKey(event) {
  if (event.ctrlKey || event.altKey || event.metaKey || event.repeat) return;
  const key = keyOf(event);
  if (isDialogOpen()) {
    if (dialogKey(event, key)) event.preventDefault();
    return;
  }
  if (typing(event.target)) return;
  const action = KEYMAP[key];
  if (!action) return;
  event.preventDefault(); // Enter must not also click a focused button
  if (document.body.classList.contains("not-mine")) return;
  run(action);
}

async function reprint(id, number) {
  const res = await api(`/api/v1/tickets/${id}/reprint`, { method: "POST" });
  if (!res.ok) return explain(res);
  const printed = res.data.print || {};
  if (printed.status === "failed") {
    return say(t("reprint_failed", { number, error: printed.error || "" }), "error");
  }
  return say(t("reprinted", { number }));
}

function onClick(event) {
  const button = event.target.closest("button");
  if (!button) return;
  if (button.dataset.action) {
    button.blur();
    if (!document.body.classList.contains("not-mine")) run(button.dataset.action);
  } else if (button.dataset.requeue) {
    openDialog("requeue", state, { id: Number(button.dataset.requeue), number: button.dataset.number });
  } else if (button.dataset.rate) {
    openDialog("rate", state, { id: Number(button.dataset.rate), number: button.dataset.number });
  } else if (button.dataset.reprint) {
    reprint(Number(button.dataset.reprint), button.dataset.number);
  }
}

async function closeCounter() {
  const res = await act(counterPath("close"), undefined, {
    overrides: { counter_busy: t("close_refused") },
  });
  if (res && res.ok) $("logout").submit();
}

function setupSound() {
  const button = $("sound");
  const draw = () => {
    const on = localStorage.getItem("motcua.sound") === "1";
    button.textContent = on ? t("sound_on") : t("sound_off");
    button.setAttribute("aria-pressed", String(on));
  };
  button.addEventListener("click", () => {
    const on = localStorage.getItem("motcua.sound") !== "1";
    localStorage.setItem("motcua.sound", on ? "1" : "0");
    draw();
    if (on) chime();
  });
  draw();
}

function onStatus(up) {
  const link = $("link");
  link.dataset.up = up ? "1" : "0";
  link.textContent = up ? t("connected") : t("offline");
}

function showLive(next) {
  if (next.counter.number !== N) {
    // Signed in at another counter since this page loaded: never draw that counter here.
    document.body.classList.add("not-mine");
    say(t("other_counter"), "error");
    return;
  }
  show(next);
  alertArmed = true;
  document.body.dataset.live = "1";
}

show(state);
setupSound();
setupDialogs({ act, counterPath, say, data });
document.addEventListener("keydown", onKey);
document.addEventListener("click", onClick);
$("close-counter").addEventListener("click", closeCounter);
setInterval(() => tick(state, (Date.now() - receivedAt) / 1000), 1000);
live("/counter", { counter_state: showLive }, { onStatus });
