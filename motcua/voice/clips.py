"""Recorded clips: a folder of WAVs named by the word or phrase they say.

``một.wav``, ``mươi.wav``, ``lăm.wav``… one per word; optionally whole phrases of
the template (``xin mời công dân có số thứ tự.wav``, ``đến quầy số.wav``), which
sound far more natural than words glued together. Names are matched in lower
case, NFC, with ``_`` read as a space. The longest recorded phrase wins.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import wave
from pathlib import Path

from motcua.voice.words import vocabulary

GAP_S = 0.06  # a breath between clips; recordings carry their own leading silence


def normalise(text: str) -> str:
    """Return text as clip names are matched: NFC, lower case, words split by single spaces."""
    text = unicodedata.normalize("NFC", text).lower().replace("_", " ")
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def template_phrases(template: str) -> list[str]:
    """Return the fixed parts of the template around {number} and {counter}."""
    parts = re.split(r"\{number\}|\{counter\}", template)
    return [normalise(p) for p in parts if normalise(p)]


def _format(wav) -> tuple[int, int, int]:
    return wav.getnchannels(), wav.getsampwidth(), wav.getframerate()


class ClipSet:
    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def files(self) -> dict[str, Path]:
        """Return clip name → file for every WAV in the folder."""
        if self.folder is None or not self.folder.is_dir():
            return {}
        return {normalise(p.stem): p for p in sorted(self.folder.glob("*.wav")) if p.is_file()}

    def fingerprint(self) -> str:
        """Return a hash of the folder's clips (re-recording a word changes the cache key)."""
        digest = hashlib.sha256()
        for name, path in self.files().items():
            stat = path.stat()
            digest.update(f"{name}:{stat.st_size}:{stat.st_mtime_ns};".encode())
        return digest.hexdigest()[:12]

    def missing(self, template: str, dialect: str, prefixes: str) -> list[str]:
        """Return the file names still to record for every call this hall can make."""
        have = set(self.files())
        needed = set(vocabulary(dialect, prefixes))  # type: ignore[arg-type]
        for phrase in template_phrases(template):
            if phrase not in have:
                needed |= set(phrase.split())
        return sorted(f"{word}.wav" for word in needed - have)

    def problem(self, settings, prefixes: str) -> str | None:
        """Say which folder or files are missing, or which clips disagree in format."""
        if self.folder is None:
            return "voice.clips_dir is not set"
        if not self.folder.is_dir():
            return f"the clips folder {self.folder} does not exist"
        missing = self.missing(settings.template, settings.dialect, prefixes)
        if missing:
            return f"missing recorded clips in {self.folder}: " + ", ".join(missing)
        formats = {}
        for path in self.files().values():
            try:
                with wave.open(str(path), "rb") as wav:
                    formats[path.name] = _format(wav)
            except (wave.Error, EOFError, OSError) as err:
                return f"{path} is not a readable WAV file ({err})"
        if len(set(formats.values())) > 1:
            listed = ", ".join(f"{n} {c}ch/{w * 8}bit/{r}Hz" for n, (c, w, r) in formats.items())
            return f"clips must share one format (channels, bits, rate): {listed}"
        return None

    def plan(self, text: str) -> list[Path]:
        """Return the clips that say ``text``, longest recorded phrase first."""
        files = self.files()
        longest = max((len(name.split()) for name in files), default=1)
        words = normalise(text).split()
        plan: list[Path] = []
        i = 0
        while i < len(words):
            for size in range(min(longest, len(words) - i), 0, -1):
                name = " ".join(words[i : i + size])
                if name in files:
                    plan.append(files[name])
                    i += size
                    break
            else:
                raise LookupError(f"no recorded clip for '{words[i]}' in {self.folder}")
        return plan

    @staticmethod
    def join(paths: list[Path], out: Path) -> None:
        """Write the clips one after the other, with a short gap, as one WAV."""
        params = None
        with wave.open(str(out), "wb") as dst:
            for path in paths:
                with wave.open(str(path), "rb") as src:
                    if params is None:
                        params = _format(src)
                        dst.setnchannels(params[0])
                        dst.setsampwidth(params[1])
                        dst.setframerate(params[2])
                    elif params != _format(src):
                        raise ValueError(f"{path} differs in format from the other clips")
                    else:
                        dst.writeframes(b"\0" * int(params[2] * GAP_S) * params[0] * params[1])
                    dst.writeframes(src.readframes(src.getnframes()))
