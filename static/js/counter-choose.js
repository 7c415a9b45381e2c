// Choosing the counter to work at: its number key or a click opens it (signs in), then
// the workstation loads. Opening goes through the JSON API like every other action.

import { api, t } from "./motcua.js";

let opening = false;

async function openCounter(number) {
  if (opening) return;
  opening = true;
  const res = await api(`/api/v1/counters/${number}/open`, { method: "POST" });
  opening = false;
  if (res.ok) {
    window.location.assign(`/counter/${number}`);
    return;
  }
  const box = document.getElementById("choose-error");
  const error = res.data && res.data.error;
  if (error && error.code === "counter_busy") {
    const here = !error.details || error.details.counter === number;
    box.textContent = here ? t("busy_here") : t("busy_own", { counter: error.details.counter });
  } else box.textContent = error ? error.message : t("network");
  box.hidden = false;
}

document.addEventListener("click", (event) => {
  const card = event.target.closest("[data-counter]");
  if (card) openCounter(Number(card.dataset.counter));
});

document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.altKey || event.metaKey || event.repeat) return;
  const key = /^Numpad\d$/.test(event.code) ? event.code.slice(6) : event.key;
  const card = document.querySelector(`[data-key="${CSS.escape(key)}"]`);
  if (card && /^[1-9]$/.test(key)) {
    event.preventDefault();
    openCounter(Number(card.dataset.counter));
  }
});
