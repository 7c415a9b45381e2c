// The display's sound switch. Browsers block sound until a person touches the page (unless
// Chromium runs with --autoplay-policy=no-user-gesture-required, see README): then the page
// asks once for "Bật âm thanh" and remembers the answer in localStorage. "No sound on this
// screen" keeps a second TV in the same room silent.

const SOUND_KEY = "motcua.display.sound";
const $ = (id) => document.getElementById(id);

export async function setUpSound(announcer, choice) {
  if (choice === "ask") localStorage.removeItem(SOUND_KEY);
  const stored = localStorage.getItem(SOUND_KEY);
  if (choice === "off" || stored === "off") {
    announcer.enabled = false;
    document.body.dataset.sound = "off";
    return;
  }
  if (await announcer.unlock()) return soundReady();
  if (stored === "on") {
    // Chosen before, but this browser still wants a touch: a quiet hint, not a big panel.
    $("sound-hint").hidden = false;
    const retry = async () => {
      if (await announcer.unlock()) {
        window.removeEventListener("pointerdown", retry);
        window.removeEventListener("keydown", retry);
        soundReady();
      }
    };
    window.addEventListener("pointerdown", retry);
    window.addEventListener("keydown", retry);
    return;
  }
  $("sound-on").addEventListener("click", async () => {
    localStorage.setItem(SOUND_KEY, "on");
    if (await announcer.unlock()) soundReady();
  });
  $("sound-off").addEventListener("click", () => {
    localStorage.setItem(SOUND_KEY, "off");
    announcer.enabled = false;
    $("sound-gate").hidden = true;
    document.body.dataset.sound = "off";
  });
  $("sound-gate").hidden = false;
  document.body.dataset.sound = "blocked";
  $("sound-on").focus();
}

function soundReady() {
  $("sound-gate").hidden = true;
  $("sound-hint").hidden = true;
  document.body.dataset.sound = "on";
}
