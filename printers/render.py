"""Draw the whole ticket as one 1-bit image (printer code pages garble Vietnamese).

Every line is centred; a text too long for one line wraps, and shrinks when it
would take too many lines; a single word wider than the paper is broken. Nothing
is ever cut off: the image grows as tall as its content needs.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import segno
from PIL import Image, ImageDraw, ImageFont

from printers.content import TicketContent
from printers.fonts import TicketFonts

WIDTHS = (384, 512, 576)
INK, PAPER = 0, 255
PHRASE_END = re.compile(r"(?<=\s[–—-])\s+|(?<=[,;/])\s+")
_TALLEST = "ẤỖỸẬỴjgÁ|"  # stacked Vietnamese accents above, descenders below


@dataclass(frozen=True)
class TextLine:
    """One drawn line: where its baseline starts, in which font, within which band."""

    text: str
    x: int
    baseline: int
    size: int
    bold: bool
    top: int
    bottom: int
    inverted: bool = False


@dataclass
class RenderedTicket:
    image: Image.Image  # mode "1": 0 is ink
    lines: list[TextLine] = field(default_factory=list)
    qr_box: tuple[int, int, int, int] = (0, 0, 0, 0)


def _wrap(units: list[str], font: ImageFont.FreeTypeFont, limit: int) -> list[str]:
    """Fill lines no wider than ``limit``; break inside a unit only when it alone is wider."""
    lines: list[str] = []
    current = ""
    for unit in units:
        candidate = f"{current} {unit}".strip()
        if font.getlength(candidate) <= limit:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = ""
        for char in unit:
            if font.getlength(current + char) > limit and current:
                lines.append(current)
                current = ""
            current += char
        current = current.strip()
    if current:
        lines.append(current)
    return lines or [""]


def _balanced(units: list[str], font: ImageFont.FreeTypeFont, limit: int, count: int):
    """Wrap into at most ``count`` lines of similar width (no lonely last word)."""
    low, high = 1, limit
    while low < high:  # the narrowest width that still needs no more than ``count`` lines
        middle = (low + high) // 2
        if len(_wrap(units, font, middle)) <= count:
            high = middle
        else:
            low = middle + 1
    return _wrap(units, font, low)


def _lines(text: str, font: ImageFont.FreeTypeFont, limit: int, count: int) -> list[str]:
    """Break at phrase ends ("Đất đai – | Xây dựng") when that fits, else between words."""
    phrases = PHRASE_END.split(text)
    if len(phrases) > 1 and all(font.getlength(p) <= limit for p in phrases):
        lines = _balanced(phrases, font, limit, count)
        if len(lines) <= count:
            return lines
    words = text.split()
    return _balanced(words, font, limit, len(_wrap(words, font, limit)))


class _Layout:
    """Collects lines top to bottom, then draws them on an image of the height reached."""

    def __init__(self, width: int, fonts: TicketFonts) -> None:
        self.width = width
        self.scale = width / 576
        # Narrow paper keeps type larger than its width ratio: elderly eyes read it.
        self.type_scale = self.scale**0.5
        self.margin = round(16 * self.scale)
        self.fonts = fonts
        self.y = round(8 * self.scale)
        self.lines: list[TextLine] = []
        self.rules: list[int] = []
        self.boxes: list[tuple[int, int, int, int]] = []
        self.qr: tuple[Image.Image, int, int] | None = None

    def px(self, value: float) -> int:
        return max(1, round(value * self.scale))

    def pt(self, value: float) -> int:
        return max(1, round(value * self.type_scale))

    @property
    def limit(self) -> int:
        return self.width - 2 * self.margin

    def _fit(self, text: str, size: int, bold: bool, min_size: int, max_lines: int):
        """Prefer one line shrunk a little, then more lines, then smaller type."""
        one_line_floor = max(min_size, round(size * 0.88))
        for allowed, floor in ((1, one_line_floor), (max_lines, min_size)):
            for candidate in range(size, floor - 1, -1):
                font = self.fonts.get(candidate, bold)
                if len(_wrap(text.split(), font, self.limit)) <= allowed:
                    return font, _lines(text, font, self.limit, allowed)
        font = self.fonts.get(min_size, bold)
        return font, _wrap(text.split(), font, self.limit)

    def text(self, text: str, size: float, *, bold=False, min_size=18.0, max_lines=2, pad=0):
        """Add centred text, wrapped to ``max_lines`` then shrunk down to ``min_size``."""
        text = unicodedata.normalize("NFC", " ".join(text.split()))
        font, lines = self._fit(text, self.pt(size), bold, self.pt(min_size), max_lines)
        _, top_ink, _, bottom_ink = font.getbbox(_TALLEST, anchor="ls")
        inverted = pad > 0
        box_top = self.y
        self.y += self.px(pad)
        for line in lines:
            x = (self.width - round(font.getlength(line))) // 2
            baseline = self.y - top_ink
            bottom = baseline + bottom_ink
            self.lines.append(
                TextLine(line, x, baseline, font.size, bold, self.y, bottom, inverted)
            )
            self.y = bottom + self.px(4)
        self.y += self.px(pad)
        if inverted:
            self.boxes.append((self.margin, box_top, self.width - self.margin, self.y))

    def number(self, text: str) -> None:
        """Add the ticket number as large as the paper allows (one line, never cut)."""
        size = self.px(200)
        font = self.fonts.get(size, True)
        while size > 24 and font.getlength(text) > self.limit:
            size -= 4
            font = self.fonts.get(size, True)
        size_pt = size / self.type_scale
        self.text(text, size_pt, bold=True, min_size=size_pt, max_lines=1)

    def gap(self, value: float) -> None:
        self.y += self.px(value)

    def rule(self) -> None:
        self.gap(6)
        self.rules.append(self.y)
        self.gap(10)

    def qr_code(self, url: str) -> None:
        """Add the QR code, centred, with integer module size so every scanner reads it."""
        code = segno.make(url, error="m")
        modules = code.symbol_size(scale=1, border=0)[0]
        scale = max(3, int(self.width * 0.42) // modules)
        bits = Image.new("1", (modules, modules), PAPER)
        bits.putdata([INK if dark else PAPER for row in code.matrix for dark in row])
        image = bits.resize((modules * scale, modules * scale), Image.NEAREST)
        self.gap(4 * scale)  # quiet zone
        self.qr = (image, (self.width - image.width) // 2, self.y)
        self.y += image.height + 4 * scale

    def draw(self) -> RenderedTicket:
        height = self.y + self.px(8)
        image = Image.new("1", (self.width, height), PAPER)
        draw = ImageDraw.Draw(image)
        draw.fontmode = "1"
        for box in self.boxes:
            draw.rectangle(box, fill=INK)
        for y in self.rules:
            draw.rectangle((self.margin, y, self.width - self.margin, y + self.px(2)), fill=INK)
        for line in self.lines:
            font = self.fonts.get(line.size, line.bold)
            fill = PAPER if line.inverted else INK
            draw.text((line.x, line.baseline), line.text, font=font, fill=fill, anchor="ls")
        qr_box = (0, 0, 0, 0)
        if self.qr:
            qr, x, y = self.qr
            image.paste(qr, (x, y))
            qr_box = (x, y, x + qr.width, y + qr.height)
        return RenderedTicket(image, self.lines, qr_box)


def render_ticket(
    content: TicketContent, width: int = 576, fonts: TicketFonts | None = None
) -> RenderedTicket:
    """Draw the ticket for a printer head ``width`` dots wide (576, 512 or 384)."""
    if width not in WIDTHS:
        raise ValueError(f"width must be one of {WIDTHS}, not {width}")
    layout = _Layout(width, fonts or TicketFonts())
    layout.text(content.hall_name, 26, bold=True, min_size=18, max_lines=3)
    layout.rule()
    layout.text(content.title, 34, bold=True, min_size=22, max_lines=1)
    layout.number(content.number)
    layout.text(content.sector, 36, bold=True, min_size=22, max_lines=2)
    if content.priority:
        layout.gap(6)
        layout.text(content.priority, 28, bold=True, min_size=18, max_lines=2, pad=8)
    layout.gap(10)
    layout.text(content.ahead, 28, min_size=18)
    layout.text(content.issued, 26, min_size=18)
    layout.qr_code(content.qr_url)
    layout.text(content.qr_caption, 22, min_size=16)
    layout.rule()
    layout.text(content.notice, 24, bold=True, min_size=16, max_lines=3)
    return layout.draw()
