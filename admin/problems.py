"""Problems found by the validators, in the officer's language and next to their field.

``motcua.configcheck`` (the configuration) and the staff and device services report
``Problem``s with a stable code, where, and parameters; this module only words them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l

from admin.fields import field_label
from admin.specs import KEYS, TITLES
from motcua.configcheck import Problem

WHOLE_NUMBER = _l("Enter a whole number, e.g. 200.")
MESSAGES = {
    "missing": _l("This is required."),
    "string_too_short": _l("This cannot be empty."),
    "too_short": _l("Choose at least one."),
    "string_too_long": _l("At most %(max_length)s characters."),
    "int_parsing": WHOLE_NUMBER,
    "int_type": WHOLE_NUMBER,
    "int_from_float": WHOLE_NUMBER,
    "int_parsing_size": _l("This number is far too large."),
    "float_parsing": _l("Enter a number, e.g. 3 or 2.5."),
    "float_type": _l("Enter a number, e.g. 3 or 2.5."),
    "greater_than_equal": _l("Must be at least %(ge)s."),
    "greater_than": _l("Must be more than %(gt)s."),
    "less_than_equal": _l("Must be at most %(le)s."),
    "less_than": _l("Must be less than %(lt)s."),
    "literal_error": _l("Choose one of the values offered."),
    "bool_parsing": _l("Choose yes or no."),
    "extra_forbidden": _l("Unknown setting: check its spelling."),
    "timezone": _l("Unknown timezone “%(input)s”; Vietnam is Asia/Ho_Chi_Minh."),
    "hours": _l(
        "Cannot read these hours (%(detail)s). Write days, then times: "
        "mon-fri 07:30-11:30 13:30-17:00; sat 07:30-11:30"
    ),
    "printer_url": _l(
        "Not a printer address (%(detail)s). Examples: network://192.168.1.50:9100, "
        "usb://0x0416:0x5011, file:///dev/usb/lp0, or none."
    ),
    "template": _l("The sentence must contain {number} and {counter}."),
    "duplicate": _l("“%(value)s” is already used: each must be different."),
    "unknown_sector": _l("There is no service area with the code “%(value)s”."),
    "sector_twice": _l("The same service area is chosen twice."),
    "series_clash": _l(
        "Service areas %(a)s and %(b)s could print the same number on one day. Give them "
        "different letters, or a first number and a daily limit that keep the series apart."
    ),
    "issued_today": _l(
        "Number %(number)s was already issued today, and this series would print it again. "
        "Start after today's numbers, or make this change tomorrow before the first ticket."
    ),
    "font": _l("The ticket font lacks letters this hall needs (%(detail)s)."),
    "toml": _l("This is not a valid TOML file: %(detail)s"),
    "username_format": _l("2 to 64 characters: letters without accents, digits, dot, - or _."),
    "username_taken": _l("This user name is already used."),
    "password_length": _l("The password must have at least %(min)s characters."),
    "full_name": _l("Enter the officer's full name."),
    "role": _l("Choose a role."),
    "unknown_counter": _l("There is no counter number %(n)s."),
    "last_admin": _l("The hall must keep at least one active administrator."),
    "self_disable": _l("You cannot disable your own account."),
    "name": _l("Enter a name (at most 100 characters)."),
}
PATTERNS = {
    "code": _l("Only letters without accents, digits, - and _ (no spaces)."),
    "prefix": _l("Only capital letters (A–Z, Đ), at most 4."),
}


class Params(dict):
    """Format parameters that never fail: a missing one shows as “?”."""

    def __missing__(self, key: str) -> str:
        return "?"


def message(p: Problem) -> str:
    """Return the problem in the current language."""
    if p.code == "string_pattern_mismatch" and p.where and p.where[-1] in PATTERNS:
        return str(PATTERNS[p.where[-1]])
    if p.code in MESSAGES:
        return str(MESSAGES[p.code]) % Params(p.params)
    return p.message


def where_label(where: tuple, data: dict | None = None) -> str:
    """Return where a problem is, for people: e.g. “Service area HT · Numbers per day”."""
    if not where:
        return ""
    head = str(TITLES.get(where[0], where[0]))
    if len(where) >= 3 and isinstance(where[1], int) and where[0] in KEYS:
        items = (data or {}).get(where[0]) or []
        ident = items[where[1]].get(KEYS[where[0]]) if where[1] < len(items) else where[1] + 1
        return f"{head} {ident} · {field_label(where[0], where[2])}"
    if where[:2] == ("rating", "reasons"):
        row = where[2] + 1 if len(where) > 2 else ""
        return f"{field_label('rating', 'reasons')} {row}".strip()
    if len(where) >= 2:
        return f"{head} · {field_label(where[0], str(where[1]))}"
    return head


def toml_path(where: tuple) -> str:
    """Return where a problem is in TOML terms, e.g. ``sector[2].daily_cap``."""
    parts: list[str] = []
    for part in where:
        if isinstance(part, int) and parts:
            parts[-1] += f"[{part + 1}]"
        else:
            parts.append(str(part))
    return ".".join(parts)


@dataclass
class Errors:
    """Problems sorted for a page: by field of the form shown, and the rest with their place."""

    fields: dict[str, list[str]] = field(default_factory=dict)
    others: list[tuple[str, str]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.fields or self.others)

    def add(self, key: str, text: str) -> None:
        """Note a message for the field ``key``."""
        self.fields.setdefault(key, []).append(text)


def merge_clashes(problems: list[Problem]) -> list[Problem]:
    """Say once that a series clashes with several others (an open-ended one often does)."""
    merged: list[Problem] = []
    for p in problems:
        same = next(
            (m for m in merged if p.code == m.code == "series_clash" and m.where == p.where), None
        )
        if same is None:
            merged.append(p)
            continue
        params = {**same.params, "a": f"{same.params['a']}, {p.params['a']}"}
        merged[merged.index(same)] = Problem(same.where, same.code, same.message, params)
    return merged


def sort_problems(problems: list[Problem], prefix: tuple = (), data: dict | None = None) -> Errors:
    """Put each problem next to its field when it is under ``prefix``, else in ``others``."""
    errors = Errors()
    for p in merge_clashes(problems):
        rest = p.where[len(prefix) :]
        if prefix and p.where[: len(prefix)] == prefix and rest:
            errors.add(".".join(str(x) for x in rest), message(p))
        elif not prefix and len(p.where) == 1:
            errors.add(str(p.where[0]), message(p))
        else:
            errors.others.append((where_label(p.where, data), message(p)))
    return errors
