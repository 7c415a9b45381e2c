"""Vietnamese words for ticket and counter numbers (pure: no I/O, no Flask).

A call must be read the way a Vietnamese speaker reads it aloud, so numbers are
never handed to a speech engine as digits (espeak-ng reads 1000 as "một ngàn
không trăm") and never through num2words (it says "một nghìn lẻ hai mươi lăm").

Rules, northern (default) and southern dialects:

- mười for 10–19, mươi for the tens from 20: 10 mười, 20 hai mươi;
- mốt for a final 1 after tens ≥ 2 (21 hai mươi mốt; 11 mười một; 101 một trăm linh một);
- lăm for a final 5 after tens ≥ 1 (15 mười lăm, 25 hai mươi lăm; 105 một trăm linh năm);
- linh (south: lẻ) for zero tens inside a hundreds group: 101 một trăm linh một;
- không trăm for zero hundreds after a higher group: 1025 một nghìn không trăm hai mươi lăm;
- round numbers stay plain: 1000 một nghìn, 1100 một nghìn một trăm;
- south: ngàn for thousands, lẻ for linh, tư for a final 4 after tens ≥ 2 (24 hai mươi tư).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

Dialect = Literal["north", "south"]

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
# Vietnamese names of the letters that may prefix a ticket number (hallconfig: [A-ZĐ]).
LETTERS = {
    "A": "a",
    "B": "bê",
    "C": "xê",
    "D": "dê",
    "Đ": "đê",
    "E": "e",
    "F": "ép",
    "G": "giê",
    "H": "hát",
    "I": "i",
    "J": "gi",
    "K": "ca",
    "L": "e lờ",
    "M": "em mờ",
    "N": "en nờ",
    "O": "o",
    "P": "pê",
    "Q": "quy",
    "R": "e rờ",
    "S": "ét xì",
    "T": "tê",
    "U": "u",
    "V": "vê",
    "W": "vê kép",
    "X": "ích xì",
    "Y": "i dài",
    "Z": "dét",
}
SCALES = {"north": ("", "nghìn", "triệu", "tỷ"), "south": ("", "ngàn", "triệu", "tỷ")}
MAX_NUMBER = 999_999_999_999
NUMBER_PATTERN = re.compile(r"^([A-ZĐ]{0,4})([0-9]{1,12})$")


def _group_words(value: int, after_higher: bool, dialect: Dialect) -> list[str]:
    """Return the words of one three-digit group (value 1–999).

    ``after_higher`` is true when a higher group (nghìn, triệu…) was read before
    it: then zero hundreds are said ("không trăm") and zero tens become linh/lẻ.
    """
    hundreds, tens, units = value // 100, value // 10 % 10, value % 10
    words: list[str] = []
    if hundreds or after_higher:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and words:
            words += ["lẻ" if dialect == "south" else "linh", DIGITS[units]]
        elif units:
            words.append(DIGITS[units])
        return words
    if tens == 1:
        words.append("mười")
    else:
        words += [DIGITS[tens], "mươi"]
    if units == 1 and tens >= 2:
        words.append("mốt")
    elif units == 5:
        words.append("lăm")
    elif units == 4 and tens >= 2 and dialect == "south":
        words.append("tư")
    elif units:
        words.append(DIGITS[units])
    return words


def number_words(value: int, dialect: Dialect = "north") -> str:
    """Return a whole number 0–999 999 999 999 in Vietnamese words."""
    if not 0 <= value <= MAX_NUMBER:
        raise ValueError(f"cannot read {value} aloud (0 to {MAX_NUMBER})")
    if value == 0:
        return DIGITS[0]
    groups: list[int] = []
    while value:
        groups.append(value % 1000)
        value //= 1000
    words: list[str] = []
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            continue  # a whole zero group is silent: 1 000 025 một triệu không trăm hai mươi lăm
        words += _group_words(group, after_higher=bool(words), dialect=dialect)
        if SCALES[dialect][index]:
            words.append(SCALES[dialect][index])
    return " ".join(words)


def digit_words(digits: str) -> str:
    """Return a string of digits read one by one: "1025" → "một không hai năm"."""
    return " ".join(DIGITS[int(d)] for d in digits)


def letter_words(letters: str) -> str:
    """Return the Vietnamese names of the letters: "ĐB" → "đê bê"."""
    return " ".join(LETTERS[letter] for letter in letters)


def spoken_number(number: str | int, dialect: Dialect = "north", digits: bool = False) -> str:
    """Return a ticket or counter number as words: "B1025" → "bê một nghìn không trăm hai mươi lăm".

    Leading zeros ("007") are read as "không" each, then the rest as a number.
    """
    text = unicodedata.normalize("NFC", str(number)).strip().upper()
    match = NUMBER_PATTERN.match(text)
    if match is None:
        raise ValueError(f"not a ticket or counter number: {number!r}")
    prefix, figures = match.groups()
    parts = [letter_words(prefix)] if prefix else []
    if digits:
        parts.append(digit_words(figures))
    else:
        significant = figures.lstrip("0")
        zeros = len(figures) - len(significant)
        if zeros and significant:
            parts.append(digit_words("0" * zeros))
        parts.append(number_words(int(figures), dialect))
    return " ".join(parts)


def fill_template(template: str, number: str, counter: str) -> str:
    """Put the spoken number and counter into the sentence template."""
    return " ".join(template.replace("{number}", number).replace("{counter}", counter).split())


def call_sentence(
    template: str,
    number: str,
    counter: int | str,
    dialect: Dialect = "north",
    digits: bool = False,
) -> str:
    """Return the sentence that calls ``number`` to ``counter``, every figure in words."""
    return fill_template(
        template,
        spoken_number(number, dialect, digits),
        spoken_number(counter, dialect, digits),
    )


def vocabulary(dialect: Dialect = "north", prefixes: str = "") -> set[str]:
    """Return every word the numbers of a hall can produce (the clips a recording needs)."""
    words = set(DIGITS) | {"mười", "mươi", "mốt", "lăm", "trăm", "triệu", "tỷ"}
    words |= {"lẻ", "ngàn", "tư"} if dialect == "south" else {"linh", "nghìn"}
    for letter in set(prefixes):
        words |= set(LETTERS[letter].split())
    return words
