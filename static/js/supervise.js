// Live supervision: every counter, queue and device, with alerts, redrawn on each push.
import { live, pageData, t } from "./motcua.js";

const $ = (id) => document.getElementById(id);
let hall = pageData().first;
let skew = 0; // server clock minus this phone's clock, so "for 7 min" is the server's view

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

function now() {
  return Date.now() + skew;
}

function duration(seconds) {
  if (seconds < 60) return t("seconds", { n: Math.max(0, Math.round(seconds)) });
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return t("minutes", { n: minutes });
  return t("hours", { h: Math.floor(minutes / 60), m: minutes % 60 });
}

function since(iso) {
  return iso ? (now() - Date.parse(iso)) / 1000 : 0;
}

function clockOf(iso) {
  return new Date(iso).toLocaleTimeString("vi-VN", { hour: "2-digit", minute: "2-digit" });
}

function sectorName(code) {
  const sector = hall.sectors.find((s) => s.code === code);
  return sector ? sector.name : code;
}

function alertText(alert) {
  const time = duration(alert.seconds || 0);
  if (alert.kind === "long_wait") return t("alert_long_wait", { sector: sectorName(alert.subject), time });
  if (alert.kind === "idle_counter") return t("alert_idle_counter", { counter: alert.subject, time });
  if (alert.kind === "print_failed") return t("alert_print_failed", { device: alert.subject, error: alert.detail });
  return t("alert_device_offline", { device: alert.subject, kind: t(`kind_${alert.detail}`) });
}

function drawAlerts() {
  const list = $("alerts");
  list.replaceChildren();
  if (!hall.alerts.length) list.append(el("li", { class: "sv-ok" }, t("no_alerts")));
  for (const alert of hall.alerts) {
    list.append(el("li", { class: `sv-alert sv-${alert.kind}` }, alertText(alert)));
  }
}

function counterLine(counter) {
  if (counter.state === "serving") {
    return `${t("serving", { number: counter.current.number })} · ${t("for", { time: duration(since(counter.current.called_at)) })}`;
  }
  if (counter.state === "idle") {
    return counter.since ? `${t("idle")} ${t("since", { time: clockOf(counter.since) })} (${duration(since(counter.since))})` : t("idle");
  }
  if (counter.state === "paused") return counter.pause_reason ? `${t("paused")}: ${counter.pause_reason}` : t("paused");
  return t("closed");
}

function drawCounters() {
  // Working counters first; a closed one is a single quiet line.
  const order = { serving: 0, idle: 1, paused: 2, closed: 3 };
  const sorted = [...hall.counters].sort((a, b) => order[a.state] - order[b.state] || a.number - b.number);
  $("counters").replaceChildren(...sorted.map((counter) =>
    counter.state === "closed"
      ? el("li", { class: "sv-card sv-closed", "data-counter": counter.number },
          el("p", { class: "sv-card-title" }, counter.name, el("span", { class: "sv-officer" }, t("closed"))))
      : el("li", { class: `sv-card sv-${counter.state}`, "data-counter": counter.number },
          el("p", { class: "sv-card-title" }, counter.name,
            el("span", { class: "sv-officer" }, counter.officer || t("no_officer"))),
          el("p", { class: "sv-state" }, counterLine(counter)))));
}

function drawSectors() {
  $("sectors").replaceChildren(...hall.sectors.map((sector) =>
    el("li", { class: "sv-card", "data-sector": sector.code },
      el("p", { class: "sv-card-title" }, sector.name,
        el("span", { class: sector.waiting ? "sv-big" : "sv-big sv-none" }, t("waiting", { n: sector.waiting }))),
      sector.waiting ? el("p", {}, `${t("oldest", { time: duration(since(sector.oldest_since)) })} · ${t("estimate", { time: duration(sector.estimated_wait_s) })}`) : null,
      el("p", { class: "sv-muted" }, t("today", sector)))));
}

function deviceLine(device) {
  const seen = device.last_seen_at ? t("last_seen", { time: duration(since(device.last_seen_at)) }) : t("never_seen");
  const parts = [device.online ? t("online") : `${t("offline")} · ${seen}`];
  if (device.print) parts.push(device.print.status === "failed" ? t("print_failed", { error: device.print.error }) : t("print_ok"));
  return parts.join(" · ");
}

function drawDevices() {
  $("devices").replaceChildren(...hall.devices.map((device) =>
    el("li", { class: `sv-device ${device.online ? "is-online" : "is-offline"}`, "data-device": device.id },
      el("span", { class: "sv-dot", "aria-hidden": "true" }),
      el("span", {}, el("strong", {}, device.name), " — ", t(`kind_${device.kind}`),
        device.counter ? ` (${t("counter_n", { n: device.counter })})` : ""),
      el("span", { class: "sv-muted" }, deviceLine(device)))));
}

function draw(next) {
  hall = next;
  skew = Date.parse(next.now) - Date.now();
  drawAlerts();
  drawCounters();
  drawSectors();
  drawDevices();
}

function tick() {
  $("clock").textContent = new Date(now()).toLocaleTimeString("vi-VN");
  drawCounters(); // durations move every second
}

draw(hall);
tick();
setInterval(tick, 1000);
live("/supervise", { supervision: draw }, {
  onStatus: (up) => {
    $("link").dataset.up = up ? "1" : "0";
    $("link").textContent = up ? t("connected") : t("disconnected");
  },
});
