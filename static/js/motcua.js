// Shared browser helpers for every motcua page (ES module).
//
// - api(): JSON calls with the page's CSRF token (cookie-authenticated state changes need it)
// - live(): a Socket.IO connection that reconnects by itself; the server sends the full
//   state on every (re)connect, so a page never shows stale data and never needs F5
// - pageData() / t(): data and translated strings the template put in JSON blocks

export function pageData(id = "page-data") {
  const node = document.getElementById(id);
  return node ? JSON.parse(node.textContent) : {};
}

const strings = pageData("i18n");

/** Return the translated string for key (the template supplies them), with {name} fields. */
export function t(key, fields = {}) {
  const text = strings[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(fields[name] ?? ""));
}

export function csrfToken() {
  const meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? meta.content : "";
}

/** Call the JSON API; resolve to {ok, status, data} and never throw on HTTP errors. */
export async function api(path, { method = "GET", body, timeoutMs = 8000 } = {}) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const headers = { Accept: "application/json" };
  if (method !== "GET") headers["X-CSRFToken"] = csrfToken();
  if (body !== undefined) headers["Content-Type"] = "application/json";
  try {
    const res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
      signal: controller.signal,
    });
    const data = res.status === 204 ? null : await res.json().catch(() => null);
    return { ok: res.ok, status: res.status, data };
  } catch (err) {
    return { ok: false, status: 0, data: null, error: String(err) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Connect to a Socket.IO namespace with websocket transport (works across several
 * server processes without sticky sessions) and automatic reconnection.
 * handlers: {event: fn}; onStatus(connected: boolean) shows a connection indicator.
 */
export function live(namespace, handlers, { auth, onStatus } = {}) {
  const socket = window.io(namespace, {
    transports: ["websocket"],
    auth,
    reconnectionDelay: 300,
    reconnectionDelayMax: 1000, // back within about a second of a restart (LAN)
    randomizationFactor: 0.3,
  });
  for (const [event, fn] of Object.entries(handlers)) socket.on(event, fn);
  socket.on("connect", () => onStatus && onStatus(true));
  socket.on("disconnect", () => onStatus && onStatus(false));
  socket.on("connect_error", () => onStatus && onStatus(false));
  return socket;
}

/**
 * The handler of "device_changed" (an administrator edited or revoked this device): the
 * page reloads to take its new pairing as soon as atRest() says nobody is in the middle
 * of using it.
 */
export function reloadWhenAtRest(atRest) {
  let waiting = null;
  return () => {
    if (waiting) return;
    const check = () => {
      if (atRest()) window.location.reload();
    };
    waiting = setInterval(check, 500);
    check();
  };
}

/** Format seconds as a short Vietnamese/English duration using the page's strings. */
export function minutes(seconds) {
  const m = Math.max(1, Math.round(seconds / 60));
  return t("minutes", { n: m });
}
