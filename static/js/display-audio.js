// The display's announcer: a locally generated chime, then the call spoken `repeat` times.
// Calls queue up and never overlap; a recall is just another call and plays again.
// Audio is fetched the moment a call arrives (in arrival order) so it is ready when its
// turn comes; without a WAV the browser's own Vietnamese voice reads the same text.

const GAP_MS = 700;
const STALE_MS = 90_000; // a call waiting this long behind others is shown, not spoken

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export class Announcer {
  constructor({ onStart = () => {}, onEnd = () => {} } = {}) {
    const Context = window.AudioContext || window.webkitAudioContext;
    this.ctx = Context ? new Context() : null;
    this.queue = [];
    this.busy = false;
    this.enabled = true;
    this.repeat = 2;
    this.onStart = onStart;
    this.onEnd = onEnd;
  }

  /** True when the browser lets this page make sound now (autoplay allowed or unlocked). */
  get unlocked() {
    return Boolean(this.ctx) && this.ctx.state === "running";
  }

  /** Try to start audio (works inside a user gesture, or where autoplay is allowed). */
  async unlock() {
    if (!this.ctx) return false;
    try {
      await Promise.race([this.ctx.resume(), wait(500)]);
    } catch (err) {
      return false;
    }
    return this.unlocked;
  }

  /** Queue a `ticket_called` payload; its audio download starts right away. */
  enqueue(call) {
    const item = { call, at: Date.now(), audio: null };
    if (this.enabled && call.audio_url) {
      item.audio = fetch(call.audio_url, { credentials: "same-origin" })
        .then((res) => (res.ok ? res.arrayBuffer() : Promise.reject(new Error(res.status))))
        .catch(() => null);
    }
    this.queue.push(item);
    this.pump();
  }

  async pump() {
    if (this.busy) return;
    this.busy = true;
    try {
      while (this.queue.length) {
        const item = this.queue.shift();
        this.onStart(item.call);
        const fresh = Date.now() - item.at < STALE_MS;
        if (this.enabled && this.unlocked && fresh) {
          try {
            await this.speak(item);
          } catch (err) {
            console.warn("announcement failed", err);
          }
        }
        this.onEnd(item.call);
      }
    } finally {
      this.busy = false;
    }
  }

  async speak(item) {
    await this.chime();
    const bytes = item.audio ? await item.audio : null;
    let buffer = null;
    if (bytes) {
      try {
        buffer = await this.ctx.decodeAudioData(bytes.slice(0));
      } catch (err) {
        buffer = null;
      }
    }
    for (let i = 0; i < this.repeat; i += 1) {
      if (i > 0) await wait(GAP_MS);
      if (buffer) await this.play(buffer);
      else await speakText(item.call.text);
    }
  }

  /** A soft two-tone "ding-dong" made with oscillators: nothing to download. */
  chime() {
    const ctx = this.ctx;
    const start = ctx.currentTime + 0.05;
    [
      [880, 0],
      [659.25, 0.45],
    ].forEach(([freq, offset]) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = "sine";
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.6, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.9);
      osc.connect(gain).connect(ctx.destination);
      osc.start(start + offset);
      osc.stop(start + offset + 0.95);
    });
    return wait(1500);
  }

  play(buffer) {
    return new Promise((resolve) => {
      const source = this.ctx.createBufferSource();
      source.buffer = buffer;
      source.connect(this.ctx.destination);
      const guard = setTimeout(resolve, buffer.duration * 1000 + 1500);
      source.onended = () => {
        clearTimeout(guard);
        resolve();
      };
      source.start();
    });
  }
}

/** Read text with the browser's Vietnamese voice, if it has one (never an English voice). */
function speakText(text) {
  const synth = window.speechSynthesis;
  if (!text || !synth) return Promise.resolve();
  const voice = synth.getVoices().find((v) => v.lang && v.lang.toLowerCase().startsWith("vi"));
  if (!voice) return Promise.resolve();
  return new Promise((resolve) => {
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.voice = voice;
    utterance.lang = voice.lang;
    utterance.rate = 0.9;
    const guard = setTimeout(resolve, 15_000);
    utterance.onend = utterance.onerror = () => {
      clearTimeout(guard);
      resolve();
    };
    synth.speak(utterance);
  });
}
