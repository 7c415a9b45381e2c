"""Administrators change the hall's configuration: one path for every edit.

An edit reads the configuration in force, changes only the part edited, validates
the whole with the model and cross-checks the TOML file uses
(``motcua.configcheck.validate_config``), checks it against today's tickets, and
applies it with ``apply_config`` (one transaction, audit log with old → new values,
``HallChanged`` so screens redraw). The web forms, the TOML import and the CLI can
therefore never disagree about what is valid.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable

from sqlalchemy import func, select

from hallcore.errors import ConfigError, Forbidden
from hallcore.numbering import service_day
from motcua.configcheck import ConfigInvalid, Problem, validate_config
from motcua.hallconfig import HallConfig, parse_config
from motcua.services.config_diff import config_changes
from motcua.services.config_export import stored_config
from motcua.services.context import Actor, Hall
from motcua.services.setup import ConfigChangedMeanwhile, apply_config
from motcua.storage.tables import day_sequences, sectors, tickets

Edit = Callable[[dict], None]
SETTINGS_SECTIONS = ("hall", "queue", "rating", "printer", "voice", "display", "kiosk")
MAX_ATTEMPTS = 3
NUMBER = re.compile(r"^([A-ZĐ]*)(\d+)$")


def require_admin(actor: Actor) -> None:
    """Refuse anyone but an administrator (or the command line on the server itself)."""
    if not actor.may_administer:
        raise Forbidden(reason="admin_only")


def current_config(hall: Hall) -> dict:
    """Return the configuration in force as ``HallConfig.model_dump()``."""
    with hall.db.read() as conn:
        data = stored_config(conn)
    if data is None:
        raise ConfigError("the hall has no configuration yet (run `motcua init`)")
    return data


def edit_config(hall: Hall, actor: Actor, edit: Edit, *, action: str, target: str = ""):
    """Apply ``edit`` (a change to the configuration's data) and return the changes made.

    Raises ConfigInvalid (with ``data``: the configuration as edited) and applies
    nothing when the result is not valid. An edit that changes nothing writes nothing.
    """
    require_admin(actor)
    for _attempt in range(MAX_ATTEMPTS):
        before = current_config(hall)
        data = copy.deepcopy(before)
        edit(data)
        try:
            cfg = validate_config(data, "admin")
            _check_series_against_today(hall, before, cfg)
        except ConfigInvalid as err:
            err.data = data
            raise
        if not config_changes(before, cfg.model_dump()):
            return []
        try:
            return apply_config(hall, cfg, actor, action=action, target=target, expected=before)
        except ConfigChangedMeanwhile:
            continue  # another administrator saved in between: redo the edit on theirs
    raise ConfigChangedMeanwhile()


def update_section(hall: Hall, actor: Actor, section: str, values: dict) -> list[dict]:
    """Change some settings of one section (hall, queue, rating, printer, voice, ...)."""
    if section not in SETTINGS_SECTIONS:
        raise ConfigError(f"unknown section '{section}'")

    def edit(data: dict) -> None:
        data[section] = {**data[section], **values}

    return edit_config(hall, actor, edit, action=f"config.{section}", target=section)


def preview_import(hall: Hall, actor: Actor, text: str) -> tuple[HallConfig, list[dict]]:
    """Validate an uploaded configuration and say what importing it would change."""
    require_admin(actor)
    cfg = parse_config(text, "upload")
    before = current_config(hall)
    _check_series_against_today(hall, before, cfg)
    return cfg, config_changes(before, cfg.model_dump())


def import_toml(hall: Hall, actor: Actor, text: str, source: str = "upload") -> list[dict]:
    """Replace the whole configuration with an uploaded TOML file (validated first)."""
    require_admin(actor)
    cfg = parse_config(text, source)

    def replace(data: dict) -> None:
        data.clear()
        data.update(cfg.model_dump())

    return edit_config(hall, actor, replace, action="config.import")


def _issued_today(hall: Hall) -> tuple[list[tuple[str, int]], dict[str, int]]:
    """Return today's issued numbers as (prefix, value) and each sector's last sequence."""
    with hall.db.read() as conn:
        day = service_day(hall.now(), hall.data(conn).settings.tz)
        issued = conn.execute(
            select(tickets.c.number).where(
                tickets.c.service_day == day, tickets.c.parent_id.is_(None)
            )
        ).scalars()
        numbers = sorted((m[1], int(m[2])) for n in issued if (m := NUMBER.match(n)))
        last = dict(
            conn.execute(
                select(sectors.c.code, func.max(day_sequences.c.last_seq))
                .join(sectors, sectors.c.id == day_sequences.c.sector_id)
                .where(day_sequences.c.service_day == day)
                .group_by(sectors.c.code)
            ).all()
        )
    return numbers, last


def _check_series_against_today(hall: Hall, before: dict, cfg: HallConfig) -> None:
    """Refuse a changed series whose next numbers were already printed today.

    Numbers restart every day, so a sector's new start or prefix could otherwise
    hand out a number a citizen already holds (from this or another sector).
    """
    old = {s["code"]: s for s in before["sector"]}
    changed = [
        (i, s)
        for i, s in enumerate(cfg.sector)
        if s.code not in old
        or (old[s.code]["prefix"], old[s.code]["start"], old[s.code]["daily_cap"])
        != (s.prefix, s.start, s.daily_cap)
    ]
    if not changed:
        return
    numbers, last = _issued_today(hall)
    problems = []
    for i, s in changed:
        first = s.start + last.get(s.code, 0)
        end = s.start + s.daily_cap - 1 if s.daily_cap else None
        clash = next(
            (
                f"{prefix}{value}"
                for prefix, value in numbers
                if prefix == s.prefix and value >= first and (end is None or value <= end)
            ),
            None,
        )
        if clash:
            line = f"sector[{i + 1}].start: number {clash} was already issued today"
            problems.append(
                Problem(("sector", i, "start"), "issued_today", line, {"number": clash})
            )
    if problems:
        raise ConfigInvalid("admin:\n  " + "\n  ".join(p.message for p in problems), problems)
