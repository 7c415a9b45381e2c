"""The announcer (``app.extensions["motcua_voice"]``): sentence, audio URL and cached WAV.

The URL names everything needed to rebuild the audio — ``/audio/call/<key>/<number>/
<counter>.wav`` — so any server process behind the port can answer it, not only the
one that emitted the call. ``key`` changes with the voice settings, so a display never
plays yesterday's voice after a change. The route only accepts numbers that a sector
of this hall can issue and counters that exist: it is not a text-to-speech service.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from urllib.parse import quote

from motcua.hallctx import current_hall
from motcua.services.hallcache import HallData
from motcua.voice.backends import make_backend
from motcua.voice.settings import VoiceSettings
from motcua.voice.words import NUMBER_PATTERN
from motcua.voice.worker import Job, serial_worker

log = logging.getLogger("motcua.voice")
WAIT_S = 10.0
MAX_CACHED = 3000  # files per settings key; a day's calls are far fewer
SERIES_SPAN = 1_000_000  # numbers a sector without a daily cap may reach


class Announcer:
    def __init__(self, instance_path: str, async_mode: str) -> None:
        self.audio_dir = Path(instance_path) / "audio"
        self.worker = serial_worker(async_mode)
        self.pending: dict[Path, Job] = {}
        self._backend = None
        self._backend_key: str | None = None
        self._written = 0
        self._state: tuple[HallData, tuple] | None = None  # derived from one configuration

    def _hall_state(self, config: HallData | None = None) -> tuple[VoiceSettings, tuple, tuple]:
        """Return the voice settings, every sector and the counters of this configuration."""
        config = config or current_hall().config()
        known = self._state
        if known is not None and known[0] is config:
            return known[1]
        section = config.settings.sections.get("voice")
        settings = VoiceSettings.from_section(section, str(self.audio_dir.parent))
        state = (settings, config.every_sector, config.counters)
        self._state = (config, state)
        return state

    def backend(self, settings: VoiceSettings, sectors: list):
        """Return the backend for these settings, rebuilt (and checked, loudly) when they change."""
        prefixes = "".join(sorted({s.prefix for s in sectors}))
        backend = make_backend(settings, prefixes)
        fingerprint = backend.clips.fingerprint() if backend.name == "clips" else ""
        key = settings.key(fingerprint)
        if key != self._backend_key:
            self._backend, self._backend_key = backend, key
            self._check(backend)
        return self._backend, key

    def _check(self, backend) -> None:
        if backend.name == "espeak":
            try:
                self.worker.submit(backend.warm_up).wait(WAIT_S)
            except Exception:  # the problem is reported just below
                pass
        problem = backend.problem()
        if backend.name == "none":
            log.info("voice: backend 'none'; displays use the browser's own speech")
        elif problem:
            log.error(
                "voice: %s backend unavailable: %s. The hall keeps working; displays speak "
                "the sentence with the browser's speech synthesis instead.",
                backend.name,
                problem,
            )
        else:
            log.info("voice: %s backend ready", backend.name)

    def check_now(self) -> None:
        """Check the configured backend at start-up and log clearly whether it can speak."""
        settings, sectors, _ = self._hall_state()
        self.backend(settings, sectors)

    def announce(self, number: str, counter: int, config: HallData | None = None) -> dict:
        """Return the sentence and its audio URL, and start making the audio right away."""
        settings, sectors, _ = self._hall_state(config)
        text = settings.sentence(number, counter)
        backend, key = self.backend(settings, sectors)
        if backend.problem():
            return {"text": text, "audio_url": None}
        self._render(backend, key, text, number, counter)
        return {"text": text, "audio_url": audio_url(key, number, counter)}

    def audio_file(self, key: str, number: str, counter: int) -> Path | None:
        """Return the WAV for a call named by a URL, making it if needed (None: not a call)."""
        settings, sectors, counters = self._hall_state()
        backend, current_key = self.backend(settings, sectors)
        if key != current_key or backend.problem():
            return None
        if not issuable(number, sectors) or counter not in {c.number for c in counters}:
            return None
        path = self._path(key, number, counter)
        job = self._render(backend, key, settings.sentence(number, counter), number, counter)
        if job is not None:
            try:
                job.wait(WAIT_S)
            finally:
                self.pending.pop(path, None)  # a failed job is tried afresh next time
        return path

    def _path(self, key: str, number: str, counter: int) -> Path:
        return self.audio_dir / key / f"{number}-{counter}.wav"

    def _render(self, backend, key: str, text: str, number: str, counter: int) -> Job | None:
        path = self._path(key, number, counter)
        if path.exists():
            self.pending.pop(path, None)
            return None
        job = self.pending.get(path)
        if job is None:
            job = self.worker.submit(_write_atomically, backend, text, path)
            self.pending[path] = job
            self._written += 1
            if self._written % 100 == 0:
                self.worker.submit(_prune, self.audio_dir, key)
        return job


def _write_atomically(backend, text: str, path: Path) -> None:
    """Render to a temporary name and rename, so no process ever serves half a file."""
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.stem}.{os.getpid()}.tmp.wav")
    try:
        backend.render(text, tmp)
        os.replace(tmp, path)
    except Exception:
        log.exception("voice: could not make %s", path.name)
        tmp.unlink(missing_ok=True)
        raise


def _prune(audio_dir: Path, key: str) -> None:
    """Drop other settings' folders and the oldest files beyond MAX_CACHED."""
    for folder in audio_dir.iterdir():
        if folder.is_dir() and folder.name != key:
            for file in folder.iterdir():
                file.unlink(missing_ok=True)
            folder.rmdir()
    files = sorted((audio_dir / key).glob("*.wav"), key=lambda p: p.stat().st_mtime)
    for file in files[:-MAX_CACHED]:
        file.unlink(missing_ok=True)


def issuable(number: str, sectors: list) -> bool:
    """Tell whether some sector of this hall can issue ``number`` (prefix and series)."""
    match = NUMBER_PATTERN.match(number)
    if match is None:
        return False
    prefix, figures = match.groups()
    value = int(figures)
    for sector in sectors:
        span = sector.daily_cap or SERIES_SPAN
        if sector.prefix == prefix and sector.start <= value < sector.start + span:
            if str(value) == figures:  # numbers are never zero-padded
                return True
    return False


def audio_url(key: str, number: str, counter: int) -> str:
    """Return the URL of a call's audio (any server process can answer it)."""
    return f"/audio/call/{key}/{quote(number)}/{counter}.wav"
