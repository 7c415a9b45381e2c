"""The hall's ``[voice]`` settings as one frozen value, with the sentence and cache key."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from motcua.hallconfig import VoiceSection
from motcua.voice.words import call_sentence

AUDIO_FORMAT_VERSION = 1  # bump when rendering changes, so cached files are not reused


@dataclass(frozen=True)
class VoiceSettings:
    backend: str
    template: str
    dialect: str
    digits: bool
    voice: str
    rate: int
    repeat: int
    clips_path: Path | None

    @classmethod
    def from_section(cls, section: dict | None, instance_path: str) -> VoiceSettings:
        """Build from the stored ``voice`` section (defaults fill what is missing)."""
        values = VoiceSection.model_validate(section or {})
        clips = None
        if values.clips_dir:
            clips = Path(values.clips_dir)
            clips = clips if clips.is_absolute() else Path(instance_path) / clips
        return cls(
            backend=values.backend,
            template=values.template,
            dialect=values.dialect,
            digits=values.digits,
            voice=values.voice,
            rate=values.rate,
            repeat=values.repeat,
            clips_path=clips,
        )

    def sentence(self, number: str, counter: int | str) -> str:
        """Return the words spoken for a call of ``number`` to ``counter``."""
        return call_sentence(self.template, number, counter, self.dialect, self.digits)

    def key(self, fingerprint: str = "") -> str:
        """Return a short name that changes whenever anything changing the audio changes.

        ``repeat`` is left out: the display repeats the same file.
        """
        values = asdict(self)
        values.pop("repeat")
        values["clips_path"] = str(self.clips_path or "")
        values["format"] = AUDIO_FORMAT_VERSION
        values["fingerprint"] = fingerprint
        blob = json.dumps(values, sort_keys=True).encode()
        return hashlib.sha256(blob).hexdigest()[:16]
