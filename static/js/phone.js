// The citizen's phone page: where their number stands, pushed live on /ticket.
//
// The server sends the ticket on every (re)connect, then "ticket_updated" when it
// changes (called, transferred, finished) and "queue_changed" when its line moves.
// While the socket is down the page asks GET /api/v1/tickets/<token> now and then.

import { waitText } from "./hall-time.js";
import { api, live, pageData, t } from "./motcua.js";

const data = pageData();
const english = document.documentElement.lang === "en";
const POLL_MS = 20000;
const $ = (id) => document.getElementById(id);

let ticket = data.ticket;
let movedFrom = data.transferred_from;

function sectorName(item) {
  return english && item.sector_name_en ? item.sector_name_en : item.sector_name;
}

function render() {
  const status = ticket.status;
  $("phone").dataset.status = status;
  $("number").textContent = ticket.number;
  $("sector").textContent = sectorName(ticket);
  const moved = movedFrom && status === "waiting";
  $("moved").hidden = !moved;
  if (moved) $("moved").textContent = t("moved", { sector: sectorName(ticket) });
  const called = status === "called";
  $("call").hidden = !called;
  $("counter").textContent = ticket.counter_name || t("counter_n", { n: ticket.counter ?? "" });
  $("status").hidden = called;
  $("status").textContent = t(`status_${status}`);
  const waiting = status === "waiting";
  $("facts").hidden = !waiting;
  $("vibrate").hidden = !waiting || !canVibrate || vibrateArmed;
  const counter = $("counter").textContent;
  document.title = called ? t("title_called", { counter }) : `${t("your_number")} ${ticket.number}`;
  $("ahead").textContent = ticket.ahead ? t("ahead", { n: ticket.ahead }) : t("ahead_none");
  $("wait").hidden = !ticket.ahead || ticket.estimated_wait_s == null;
  $("wait").textContent = ticket.estimated_wait_s ? t("wait", { time: waitText(ticket.estimated_wait_s, t) }) : "";
}

// Browsers let a page vibrate only after the citizen has touched it once.
const canVibrate = typeof navigator.vibrate === "function";
let vibrateArmed = false;
$("vibrate").addEventListener("click", () => {
  navigator.vibrate(80);
  vibrateArmed = true;
  $("vibrate").hidden = true;
  $("live").textContent = t("vibrate_on");
});

function alertCitizen() {
  // Vibration works where the phone allows it (Android browsers after a first touch).
  if (navigator.vibrate) navigator.vibrate([500, 200, 500, 200, 500]);
  $("call").classList.remove("is-new");
  void $("call").offsetWidth; // restart the attention animation
  $("call").classList.add("is-new");
}

function onTicket(payload) {
  const next = payload.ticket;
  if (payload.transferred_from) movedFrom = payload.transferred_from;
  const sectorChanged = next.sector !== ticket.sector;
  if (sectorChanged && next.status === "waiting") movedFrom = { sector_name: ticket.sector_name, sector_name_en: ticket.sector_name_en };
  const newCall = next.status === "called" && (ticket.status !== "called" || next.call_count > ticket.call_count);
  ticket = next;
  render();
  if (newCall) alertCitizen();
  if (sectorChanged && socket.connected) {
    // Follow the new sector's line: the server joins rooms when we connect.
    socket.disconnect();
    socket.connect();
  }
}

function onQueue(payload) {
  if (payload.sector !== ticket.sector || ticket.status !== "waiting") return;
  const mine = payload.line.find((entry) => entry.id === ticket.id);
  if (!mine) return;
  ticket = { ...ticket, ahead: mine.ahead, estimated_wait_s: mine.wait_s };
  render();
}

async function poll() {
  const res = await api(`/api/v1/tickets/${encodeURIComponent(data.token)}`);
  if (res.ok && res.data) onTicket(res.data);
}

let pollTimer = null;
function connection(up) {
  $("live").textContent = up ? t("live") : t("offline");
  $("live").classList.toggle("is-offline", !up);
  if (up && pollTimer) {
    clearInterval(pollTimer);
    pollTimer = null;
  } else if (!up && !pollTimer) {
    pollTimer = setInterval(poll, POLL_MS);
  }
}

render();
const socket = live("/ticket", { ticket_updated: onTicket, queue_changed: onQueue }, {
  auth: { token: data.token },
  onStatus: connection,
});
// A socket that never opens fires no event: check now and then.
setInterval(() => { if (!socket.connected) connection(false); }, 5000);
