"""Fonts for the printed ticket, and the check that they can draw every character needed.

The ticket is drawn with Pillow's basic layout (no HarfBuzz), so a letter the font
lacks shows as an empty box: HarfBuzz would instead stack loose accents on a base
letter, which hides a missing glyph until it prints badly. The check compares each
character's bitmap with the font's "missing glyph" bitmap.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

DEJAVU = "/usr/share/fonts/truetype/dejavu/"
DEFAULT_REGULAR = DEJAVU + "DejaVuSans.ttf"
DEFAULT_BOLD = DEJAVU + "DejaVuSans-Bold.ttf"
GOOD_FONTS = "DejaVu Sans (fonts-dejavu-core), Noto Sans or Liberation Sans"
_PROBE = "\U0010fffd"  # a private-use code point no text font draws
_BASES = "aăâeêioôơuưy"
_TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")

if TYPE_CHECKING:
    from PIL import ImageFont


def _vietnamese_letters() -> str:
    letters = {
        unicodedata.normalize("NFC", base + tone)
        for base in _BASES + _BASES.upper()
        for tone in _TONES
    }
    return "".join(sorted(letters)) + "đĐ"


# Every letter of the Vietnamese alphabet with every tone, then digits and punctuation:
# the ticket's fixed labels use only these.
VIETNAMESE_LETTERS = _vietnamese_letters()
TICKET_CHARACTERS = VIETNAMESE_LETTERS + "".join(chr(c) for c in range(0x21, 0x7F)) + "–—·…"


class FontError(ValueError):
    """A font that cannot print the ticket, with a message that says why and what to use."""


@dataclass(frozen=True)
class TicketFonts:
    """The regular and bold font files of the ticket."""

    regular: str = DEFAULT_REGULAR
    bold: str = DEFAULT_BOLD

    @classmethod
    def from_settings(cls, printer: dict) -> TicketFonts:
        """Return the fonts of the ``[printer]`` section (DejaVu Sans when not set)."""
        return cls(printer.get("font") or DEFAULT_REGULAR, printer.get("font_bold") or DEFAULT_BOLD)

    def get(self, size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
        """Return the font at ``size`` pixels."""
        return load_font(self.bold if bold else self.regular, size)


@lru_cache(maxsize=256)
def load_font(path: str, size: int) -> ImageFont.FreeTypeFont:
    """Open a TrueType/OpenType font with the basic layout; FontError if it cannot be read."""
    from PIL import ImageFont

    try:
        return ImageFont.truetype(path, size, layout_engine=ImageFont.Layout.BASIC)
    except OSError:
        raise FontError(
            f"cannot open the font file {path} (install fonts-dejavu-core, or give the path "
            f"of {GOOD_FONTS})"
        ) from None


def _bitmap(font: ImageFont.FreeTypeFont, char: str) -> tuple:
    mask = font.getmask(char, mode="1")
    return mask.size, bytes(mask)


def missing_glyphs(font: ImageFont.FreeTypeFont, texts: Iterable[str]) -> list[str]:
    """Return the characters of ``texts`` that the font draws as its missing-glyph box."""
    wanted = {ch for text in texts for ch in unicodedata.normalize("NFC", text)}
    missing_box = _bitmap(font, _PROBE)
    return sorted(ch for ch in wanted if not ch.isspace() and _bitmap(font, ch) == missing_box)


def font_problems(fonts: TicketFonts, texts: Iterable[str]) -> list[str]:
    """Return what keeps these fonts from printing ``texts`` and every Vietnamese letter."""
    wanted = [TICKET_CHARACTERS, *texts]
    problems = []
    for label, path in (("font", fonts.regular), ("font_bold", fonts.bold)):
        try:
            font = load_font(path, 24)
        except FontError as err:
            problems.append(f"printer.{label}: {err}")
            continue
        missing = missing_glyphs(font, wanted)
        if missing:
            shown = "".join(missing[:60]) + ("…" if len(missing) > 60 else "")
            problems.append(
                f"printer.{label}: {path} has no glyph for {len(missing)} character(s) the "
                f"ticket needs ({shown}); use {GOOD_FONTS}"
            )
    return problems


def check_fonts(fonts: TicketFonts, texts: Iterable[str]) -> None:
    """Raise FontError when the fonts cannot print every character of ``texts``."""
    problems = font_problems(fonts, texts)
    if problems:
        raise FontError("\n".join(problems))
