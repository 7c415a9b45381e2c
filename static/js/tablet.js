// The counter's rating tablet: idle → "are you satisfied?" → (reasons) → thank you → idle.
// The server pushes requests; the rating goes through the JSON API from this paired device.

import { api, csrfToken, live, pageData, reloadWhenAtRest, t } from "./motcua.js";

const data = pageData();
const $ = (id) => document.getElementById(id);
const THANKS_MS = 8000;
const SCREENS = ["idle", "ask", "why", "thanks"];

let request = null; // the rating request shown now
let screen = "idle";
let deadline = 0; // when the prompt gives up (ms since epoch)
let backToIdle = null;
let sending = false;
let timeoutS = data.idle.timeout_s;

function showScreen(name) {
  screen = name;
  for (const id of SCREENS) $(id).hidden = id !== name;
  document.body.dataset.screen = name;
}

function idle() {
  request = null;
  clearTimeout(backToIdle);
  showScreen("idle");
}

function drawIdle(state) {
  timeoutS = state.timeout_s;
  const english = data.lang === "en";
  $("hall-name").textContent = english && state.hall.name_en ? state.hall.name_en : state.hall.name;
  $("idle-counter").textContent = state.counter.name;
  $("idle-officer").textContent = state.officer && state.counter.status !== "closed"
    ? t("officer_line", { name: state.officer }) : t("counter_closed");
}

function levelButton(level) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = `level level-${level}`;
  button.dataset.level = level;
  button.textContent = t(`level_${level}`);
  button.addEventListener("click", () => chooseLevel(level));
  return button;
}

function reasonButton(reason) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "reason";
  button.dataset.code = reason.code;
  button.setAttribute("aria-pressed", "false");
  const name = document.createElement("span");
  name.textContent = data.lang === "en" ? reason.name_en : reason.name;
  const tag = document.createElement("span");
  tag.className = "reason-tag";
  tag.textContent = t("selected");
  button.append(name, tag);
  button.addEventListener("click", () => {
    const on = button.getAttribute("aria-pressed") !== "true";
    button.setAttribute("aria-pressed", String(on));
  });
  return button;
}

function ask(next) {
  if (request && request.ticket === next.ticket && screen !== "idle") return; // already asking
  request = next;
  timeoutS = next.timeout_s;
  deadline = Date.now() + next.remaining_s * 1000;
  clearTimeout(backToIdle);
  $("ask-ticket").textContent = t("ticket_line", {
    number: next.number, sector: data.lang === "en" ? next.sector_name_en : next.sector_name,
  });
  $("ask-officer").textContent = next.officer ? t("officer_line", { name: next.officer }) : "";
  $("levels").replaceChildren(...next.levels.map(levelButton));
  $("levels").dataset.count = String(next.levels.length);
  $("reasons").replaceChildren(...next.reasons.map(reasonButton));
  $("comment").value = "";
  for (const id of ["ask-error", "why-error"]) $(id).hidden = true;
  showScreen("ask");
}

function chooseLevel(level) {
  if (sending || !request) return;
  if (level === "unsatisfied") {
    keepAlive();
    showScreen("why");
    return;
  }
  send(level, [], "");
}

/** A citizen still choosing reasons or typing gets a fresh timeout after each touch. */
function keepAlive() {
  deadline = Math.max(deadline, Date.now() + timeoutS * 1000);
}

function thank(title, text) {
  $("thanks").classList.toggle("refused", Boolean(text === null));
  document.querySelector(".thanks-title").textContent = title;
  $("thanks-text").textContent = text || "";
  showScreen("thanks");
  clearTimeout(backToIdle);
  backToIdle = setTimeout(idle, THANKS_MS);
}

async function freshCsrfToken() {
  try {
    const html = await (await fetch(window.location.href, { credentials: "same-origin" })).text();
    const token = new DOMParser().parseFromString(html, "text/html")
      .querySelector('meta[name="csrf-token"]');
    if (token) document.querySelector('meta[name="csrf-token"]').content = token.content;
  } catch (err) {
    // Offline: the retry below reports the failure.
  }
  return csrfToken();
}

async function post(body) {
  let res = await api("/api/v1/ratings", { method: "POST", body });
  if (res.data && res.data.error && res.data.error.code === "csrf_failed") {
    await freshCsrfToken(); // the page outlived its session: get a new token, try once more
    res = await api("/api/v1/ratings", { method: "POST", body });
  }
  return res;
}

async function send(level, reasons, comment) {
  sending = true;
  document.body.classList.add("sending");
  const errorBox = $(screen === "why" ? "why-error" : "ask-error");
  errorBox.hidden = false;
  errorBox.textContent = t("sending");
  const res = await post({ ticket: request.ticket, level, reasons, comment });
  sending = false;
  document.body.classList.remove("sending");
  errorBox.hidden = true;
  if (res.ok) return thank(document.querySelector(".thanks-title").dataset.text, $("thanks-text").dataset.text);
  const error = res.data && res.data.error;
  if (res.status === 0 || res.status >= 500 || !error) {
    errorBox.textContent = t("send_failed"); // keep the choice: the citizen taps again
    errorBox.hidden = false;
    keepAlive();
    return undefined;
  }
  if (error.code === "already_rated") return thank(error.message, "");
  return thank(error.message, null); // refused: say why, store nothing, go back to idle
}

function closed(event) {
  if (screen === "thanks" || !request) return;
  if (event.ticket === null || event.ticket === request.ticket) idle();
}

function onStatus(up) {
  $("link").hidden = up;
}

function watchDeadline() {
  if (screen !== "ask" && screen !== "why") return;
  const left = deadline - Date.now();
  $("ask-bar").style.width = `${Math.max(0, Math.min(100, (100 * left) / (timeoutS * 1000)))}%`;
  if (!sending && left < 0) idle();
}

const title = document.querySelector(".thanks-title");
title.dataset.text = title.textContent;
$("thanks-text").dataset.text = $("thanks-text").textContent;
$("why-back").addEventListener("click", () => { keepAlive(); showScreen("ask"); });
$("why-send").addEventListener("click", () => {
  if (sending || !request) return;
  const reasons = [...$("reasons").querySelectorAll('[aria-pressed="true"]')].map((b) => b.dataset.code);
  send("unsatisfied", reasons, $("comment").value.trim());
});
$("why").addEventListener("pointerdown", keepAlive);
$("why").addEventListener("input", keepAlive);
drawIdle(data.idle);
showScreen("idle");
setInterval(watchDeadline, 500);
// Moved to another counter or revoked: reload once no citizen is rating.
const noOneRating = () => screen === "idle" && !sending;
live(
  "/rating",
  {
    rating_state: drawIdle,
    rating_requested: ask,
    rating_closed: closed,
    device_changed: reloadWhenAtRest(noOneRating),
  },
  { onStatus },
);
