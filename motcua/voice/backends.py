"""Voice engines, chosen by ``[voice].backend`` through the ``BACKENDS`` registry.

- ``espeak``: pyttsx3 driving espeak-ng's Vietnamese voice (offline) to a WAV file;
- ``clips``: recorded human WAVs, one per word (or per fixed phrase of the
  template), concatenated in the order the verbaliser says them;
- ``none``: no audio from the server (displays use the browser's own speech).

``render`` runs on the voice thread only (see ``worker``); ``problem`` says in one
sentence why a backend cannot speak, or None.
"""

from __future__ import annotations

import contextlib
import io
import logging
import time
import wave
from pathlib import Path

from motcua.voice.clips import ClipSet
from motcua.voice.settings import VoiceSettings
from motcua.voice.worker import native_sleep

log = logging.getLogger(__name__)
ESPEAK_ATTEMPTS = 3
SYNTH_TIMEOUT_S = 10.0
IDLE_TIMEOUT_S = 1.0


class SilentBackend:
    """No server audio: the display speaks ``text`` with the browser, if it can."""

    name = "none"

    def __init__(self, settings: VoiceSettings) -> None:
        self.settings = settings

    def problem(self) -> str | None:
        return "the voice backend is 'none'"

    def render(self, text: str, path: Path) -> None:
        raise RuntimeError("the 'none' voice backend makes no audio")


class _Engine:
    """The process's single pyttsx3 engine, created on the voice thread at first use."""

    engine = None
    error: str | None = None
    voice: str | None = None  # the voice last given to espeak-ng
    rate: tuple[int, int] | None = None  # the rate last given, and what espeak-ng read back

    @classmethod
    def get(cls):
        # No lock: only the voice thread (one job at a time) ever gets here.
        if cls.engine is None and cls.error is None:
            try:
                import pyttsx3

                cls.engine = pyttsx3.init("espeak")
            except Exception as err:  # RuntimeError or OSError without espeak-ng
                cls.error = f"espeak-ng cannot start ({err.__class__.__name__}: {err})"
        if cls.engine is None:
            raise RuntimeError(cls.error)
        return cls.engine

    @classmethod
    def tuned(cls, voice: str, rate: int):
        """The engine, ready to speak with this voice at this rate.

        pyttsx3 starts espeak-ng in its asynchronous mode: a rate is a command run on
        espeak-ng's own thread, and a synthesis after a voice change leaves the rate at
        espeak-ng's default. So the rate is read back before every render and told
        again when it is not what was last told; then the render waits until
        espeak-ng's thread has run it and gone back to waiting, because a synthesis
        queued right behind the rate command can miss that thread's wake-up and wait
        out its inactivity check (3 x 50 ms). Measured over 2,500 renders with the
        voice and rate changed at random: no render at a wrong rate, none over 100 ms.
        Told both before every render, as before, 1 render in ~1,500 took 166 ms and
        the first after a change could come at the old rate; told only on a change,
        a third came at the wrong rate once the voice had changed.
        """
        engine = cls.get()
        if cls.voice != voice:
            engine.setProperty("voice", voice)
            cls.voice = voice
        if cls.rate != (rate, engine.getProperty("rate")):
            engine.setProperty("rate", rate)
            _espeak_idle()
            cls.rate = (rate, engine.getProperty("rate"))  # espeak-ng may clamp it
            native_sleep(0.002)  # past the instant its thread goes back to waiting
        return engine


def _espeak_idle() -> None:
    """Wait (bounded) until espeak-ng's own thread has run all it was given.

    Its synthesis callbacks run pyttsx3's code on that thread; the next job must not
    touch the engine before they have returned.
    """
    from pyttsx3.drivers import _espeak

    deadline = time.monotonic() + IDLE_TIMEOUT_S
    while _espeak.IsPlaying() and time.monotonic() < deadline:
        native_sleep(0.001)


class EspeakBackend:
    """pyttsx3 + espeak-ng's Vietnamese voice (vi, vi-vn-x-central, vi-vn-x-south)."""

    name = "espeak"

    def __init__(self, settings: VoiceSettings) -> None:
        self.settings = settings

    def warm_up(self) -> None:
        """Start the engine (about 0.2 s) so the first call is not the slow one."""
        _Engine.get()

    def problem(self) -> str | None:
        return _Engine.error

    def render(self, text: str, path: Path) -> None:
        engine = _Engine.tuned(self.settings.voice, self.settings.rate)
        # pyttsx3 2.99 now and then writes an empty file: try again.
        for _attempt in range(ESPEAK_ATTEMPTS):
            # pyttsx3 prints "Audio saved to …" for every file; keep the server log clean.
            with contextlib.redirect_stdout(io.StringIO()):
                _save(engine, text, path)
            with wave.open(str(path), "rb") as wav:
                if wav.getnframes() > 0:
                    return
            log.warning("voice: espeak-ng returned no audio; trying again")
        raise RuntimeError(f"espeak-ng produced no audio for {text!r}")


def _save(engine, text: str, path: Path) -> None:
    """Write the WAV and wait until it is really written.

    espeak-ng synthesises on its own thread and pyttsx3's ``runAndWait`` may return
    before the file exists (seen under gevent); its ``finished-utterance``
    notification comes after the file is closed.
    """
    finished: list[bool] = []
    token = engine.connect("finished-utterance", lambda **kw: finished.append(True))
    try:
        engine.save_to_file(text, str(path))
        engine.runAndWait()
        deadline = time.monotonic() + SYNTH_TIMEOUT_S
        while not finished and time.monotonic() < deadline:
            native_sleep(0.002)
    finally:
        engine.disconnect(token)
    if not finished:
        raise RuntimeError(f"espeak-ng did not finish within {SYNTH_TIMEOUT_S} s")
    _espeak_idle()


class ClipsBackend:
    """Recorded WAVs from ``clips_dir`` joined word by word (see README for the names)."""

    name = "clips"

    def __init__(self, settings: VoiceSettings, prefixes: str = "") -> None:
        self.settings = settings
        self.clips = ClipSet(settings.clips_path)
        self.prefixes = prefixes

    def problem(self) -> str | None:
        return self.clips.problem(self.settings, self.prefixes)

    def render(self, text: str, path: Path) -> None:
        self.clips.join(self.clips.plan(text), path)


BACKENDS: dict[str, type] = {
    "espeak": EspeakBackend,
    "clips": ClipsBackend,
    "none": SilentBackend,
}


def make_backend(settings: VoiceSettings, prefixes: str = ""):
    """Return the backend the settings name (prefixes: the letters ticket numbers may carry)."""
    cls = BACKENDS[settings.backend]
    return cls(settings, prefixes) if cls is ClipsBackend else cls(settings)
