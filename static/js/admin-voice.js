// The voice page's preview: ask the server for a sample call, then play its audio from
// the same /audio/... route the hall display uses (so what you hear is what the hall hears).

import { api, t } from "./motcua.js";

const $ = (id) => document.getElementById(id);
const button = $("preview-play");
let audio = null;

async function play() {
  button.disabled = true;
  $("preview-status").textContent = t("loading");
  const number = encodeURIComponent($("preview-number").value);
  const counter = encodeURIComponent($("preview-counter").value);
  const res = await api(`/admin/voice/preview?number=${number}&counter=${counter}`, { timeoutMs: 20000 });
  button.disabled = false;
  if (!res.ok || !res.data) {
    $("preview-status").textContent = t("failed");
    return;
  }
  $("preview-text").textContent = res.data.text || "";
  if (!res.data.audio_url) {
    $("preview-status").textContent = t("no_audio");
    return;
  }
  if (audio) audio.pause();
  audio = new Audio(res.data.audio_url);
  try {
    await audio.play();
    $("preview-status").textContent = t("playing");
    button.dataset.played = res.data.audio_url;
  } catch (err) {
    $("preview-status").textContent = t("blocked");
  }
}

button.addEventListener("click", play);
