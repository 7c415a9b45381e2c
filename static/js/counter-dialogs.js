// The workstation's choice dialogs: transfer, pause, requeue and rating on the citizen's behalf.
// Each works by keypad (1-9 choose, Enter confirm, Esc/Backspace cancel) and by mouse.

import { t } from "./motcua.js";

const $ = (id) => document.getElementById(id);
let ctx = null; // {act, counterPath, say, data}
let open = null; // {kind, dialog, options, selected, target}

const OPENING_KEY = { transfer: "*", pause: "-" };

function optionButton(index, label, onPick) {
  const item = document.createElement("li");
  const button = document.createElement("button");
  button.type = "button";
  button.className = "option";
  button.dataset.index = String(index);
  const key = document.createElement("kbd");
  key.textContent = index < 9 ? String(index + 1) : "";
  const text = document.createElement("span");
  text.textContent = label;
  button.append(key, text);
  button.addEventListener("click", () => onPick(index));
  item.append(button);
  return item;
}

function select(index) {
  if (!open || index < 0 || index >= open.options.length) return;
  open.selected = index;
  open.dialog.querySelectorAll(".option").forEach((button, i) => {
    button.setAttribute("aria-pressed", String(i === index));
  });
  if (open.kind === "rate") {
    $("rate-reasons").hidden = open.options[index] !== "unsatisfied";
  }
}

function fill(listId, labels, pickConfirms) {
  const list = $(listId);
  list.replaceChildren(...labels.map((label, i) => optionButton(i, label, (index) => {
    select(index);
    if (pickConfirms) confirm();
  })));
}

function dialogError(text) {
  const box = open.dialog.querySelector(".dialog-error");
  if (box) {
    box.textContent = text;
    box.hidden = !text;
  } else if (text) ctx.say(text, "error");
}

export function isDialogOpen() {
  return open !== null;
}

export function closeDialog() {
  if (!open) return;
  const { dialog } = open;
  open = null;
  if (dialog.open) dialog.close();
}

/** Open a dialog of `kind` for the current state (target: {id, number} of a recent ticket). */
export function openDialog(kind, state, target = null) {
  const dialog = $(`${kind}-dialog`);
  const { data } = ctx;
  let options = [];
  if (kind === "transfer") {
    options = data.sectors.filter((s) => s.code !== state.current.sector);
    fill("transfer-options", options.map((s) => s.name), true);
    target = { id: state.current.id, number: state.current.number };
  } else if (kind === "pause") {
    options = data.pause_reasons;
    fill("pause-options", options, true);
    $("pause-other").value = "";
  } else if (kind === "rate") {
    options = data.rating.levels;
    fill("rate-options", options.map((level) => t(`level_${level}`)), false);
    $("rate-comment").value = "";
    fillReasons(data.rating.reasons, data.lang);
  }
  dialog.querySelectorAll(".d-number").forEach((node) => { node.textContent = target ? target.number : ""; });
  open = { kind, dialog, options, selected: -1, target };
  dialogError("");
  dialog.showModal();
  const focus = kind === "requeue" ? $("requeue-reason") : dialog.querySelector(".option");
  if (focus) focus.focus();
}

function fillReasons(reasons, lang) {
  const box = $("rate-reasons");
  const legend = box.querySelector("legend");
  box.replaceChildren(legend, ...reasons.map((reason) => {
    const label = document.createElement("label");
    label.className = "check";
    const input = document.createElement("input");
    input.type = "checkbox";
    input.value = reason.code;
    label.append(input, ` ${lang === "en" ? reason.name_en : reason.name}`);
    return label;
  }));
  box.hidden = true;
}

/** Close the dialog, then send: keys pressed meanwhile go to the page, not into a field. */
function send(path, body, message) {
  closeDialog();
  ctx.act(path, body, { ok: () => ctx.say(message) });
}

function confirm() {
  if (!open) return undefined;
  const { kind, options, selected, target } = open;
  const { counterPath } = ctx;
  if (kind === "transfer" && selected >= 0) {
    const sector = options[selected];
    send(counterPath("transfer"), { sector: sector.code },
      t("transferred", { number: target.number, sector: sector.name }));
  } else if (kind === "pause") {
    const reason = $("pause-other").value.trim() || options[selected] || "";
    if (!reason) return dialogError(t("reason_required"));
    send(counterPath("pause"), { reason }, `${t("status_paused")}: ${reason}`);
  } else if (kind === "requeue") {
    const reason = $("requeue-reason").value.trim();
    if (!reason) return dialogError(t("reason_required"));
    send(counterPath("requeue"), { ticket: target.id, reason }, t("requeued", { number: target.number }));
  } else if (kind === "rate" && selected >= 0) {
    const level = options[selected];
    const reasons = level === "unsatisfied"
      ? [...$("rate-reasons").querySelectorAll("input:checked")].map((input) => input.value) : [];
    const body = { ticket: target.id, level, reasons, comment: $("rate-comment").value.trim() };
    send("/api/v1/ratings", body, t("rated", { number: target.number }));
  }
  return undefined;
}

/** Handle a key while a dialog is open; return true when it was used. */
export function dialogKey(event, key) {
  const inField = event.target.closest && event.target.closest("input, textarea");
  if (key === "Escape" || (key === "Backspace" && !inField) || key === OPENING_KEY[open.kind]) {
    if (inField && key !== "Escape") return false;
    closeDialog();
    return true;
  }
  if (key === "Enter") {
    confirm();
    return true;
  }
  if (!inField && /^[1-9]$/.test(key)) {
    select(Number(key) - 1);
    return true;
  }
  return false;
}

export function setupDialogs(context) {
  ctx = context;
  for (const dialog of document.querySelectorAll("dialog.choice")) {
    dialog.querySelector("[data-close]").addEventListener("click", closeDialog);
    dialog.querySelector("[data-confirm]").addEventListener("click", confirm);
    dialog.addEventListener("close", () => { if (open && open.dialog === dialog) open = null; });
  }
}
