"""Validating a hall configuration: field checks (the pydantic model) and cross-checks.

Every problem is a ``Problem`` with where it is, a stable code and the English
line ``motcua config check`` prints; the administration pages translate the same
problems and show each next to its field. There is one validator: the TOML file,
the CLI and the web forms all go through ``validate_config``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import ValidationError

from hallcore.errors import ConfigError
from hallcore.model import Sector
from hallcore.numbering import series_clashes
from motcua.hallconfig import HallConfig


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a configuration: where, a stable code, and the line the CLI prints.

    ``where`` is the path into the configuration with 0-based list indexes, e.g.
    ``("sector", 2, "daily_cap")``; ``code`` is pydantic's error type or one of ours
    (``duplicate``, ``unknown_sector``, ``sector_twice``, ``series_clash``, ``font``,
    ``toml``); ``params`` carries the values a translated message needs.
    """

    where: tuple[str | int, ...]
    code: str
    message: str
    params: dict = field(default_factory=dict)


class ConfigInvalid(ConfigError):
    """A configuration that fails validation; ``problems`` lists what and where."""

    def __init__(self, message: str, problems: list[Problem]) -> None:
        super().__init__(message)
        self.problems = problems


def _cross_checks(cfg: HallConfig) -> list[Problem]:
    problems: list[Problem] = []
    for where, items, key in (
        (("sector",), cfg.sector, "code"),
        (("counter",), cfg.counter, "number"),
        (("priority",), cfg.priority, "code"),
        (("rating", "reasons"), cfg.rating.reasons, "code"),
    ):
        seen: set = set()
        for i, item in enumerate(items):
            value = getattr(item, key)
            if value in seen:
                line = f"{'.'.join(where)}[{i + 1}].{key}: '{value}' is used twice"
                problems.append(Problem((*where, i, key), "duplicate", line, {"value": value}))
            seen.add(value)
    codes = {s.code for s in cfg.sector}
    for i, counter in enumerate(cfg.counter):
        where = ("counter", i, "sectors")
        for code in counter.sectors:
            if code not in codes:
                line = f"counter[{i + 1}].sectors: no sector has code '{code}'"
                problems.append(Problem(where, "unknown_sector", line, {"value": code}))
        if len(set(counter.sectors)) != len(counter.sectors):
            line = f"counter[{i + 1}].sectors: a sector is listed twice"
            problems.append(Problem(where, "sector_twice", line))
    problems += _printer_font_problems(cfg)
    problems += _series_problems(cfg)
    return problems


def _series_problems(cfg: HallConfig) -> list[Problem]:
    sectors = [
        Sector(s.code, s.name, prefix=s.prefix, start=s.start, daily_cap=s.daily_cap)
        for s in cfg.sector
    ]
    index = {s.code: i for i, s in enumerate(cfg.sector)}
    problems = []
    for a, b in series_clashes(sectors):
        line = (
            f"sector '{a}' and sector '{b}' could print the same number on one day: "
            "give them different prefixes, or a daily_cap that keeps each series apart"
        )
        where = ("sector", index[b], "start")
        problems.append(Problem(where, "series_clash", line, {"a": a, "b": b}))
    return problems


def _printer_font_problems(cfg: HallConfig) -> list[Problem]:
    """Refuse a ticket font that lacks a letter of any text the ticket may print."""
    printer = cfg.printer
    if printer.url.strip().lower() in ("", "none") and not (printer.font or printer.font_bold):
        return []  # nothing is printed with the hall's printer; kiosks' own are checked at start
    from printers.fonts import TicketFonts, font_problems

    texts = [cfg.hall.name, cfg.hall.name_en, printer.notice]
    for item in (*cfg.sector, *cfg.priority):
        texts += [item.name, item.name_en]
    problems = []
    for line in font_problems(TicketFonts.from_settings(printer.model_dump()), texts):
        label, _, detail = line.partition(": ")
        problems.append(Problem(tuple(label.split(".")), "font", line, {"detail": detail}))
    return problems


def _where(loc: tuple) -> str:
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts[-1] += f"[{part + 1}]"
        else:
            parts.append(str(part))
    return ".".join(parts) or "(top level)"


def _pydantic_problem(error: dict) -> Problem:
    params = {
        k: v if isinstance(v, str | int | float) else str(v)
        for k, v in error.get("ctx", {}).items()
    }
    if isinstance(error.get("input"), str | int | float):
        params.setdefault("input", error["input"])
    line = f"{_where(error['loc'])}: {error['msg']}"
    return Problem(tuple(error["loc"]), error["type"], line, params)


def validate_config(data: dict, source: str = "<config>") -> HallConfig:
    """Validate a configuration given as data; raise ConfigInvalid listing every problem.

    The one validator: the TOML file, the CLI and the administration pages all use it.
    """
    try:
        cfg = HallConfig.model_validate(data)
    except ValidationError as err:
        problems = [_pydantic_problem(e) for e in err.errors()]
        raise ConfigInvalid(_report(source, problems), problems) from None
    problems = _cross_checks(cfg)
    if problems:
        raise ConfigInvalid(_report(source, problems), problems)
    return cfg


def _report(source: str, problems: list[Problem]) -> str:
    return f"{source}:\n  " + "\n  ".join(p.message for p in problems)
