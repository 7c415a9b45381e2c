"""Reports: waits, volumes and satisfaction of a period, grouped for leaders and the province.

Definitions (the README's "Reports" section says the same, for readers):

- A **step** is one row of ``tickets``: a citizen's visit is one step, plus one more
  per transfer (liên thông). Steps belong to the period by their hall-local
  ``service_day``; each counts once, by the status it has now.
- **issued**: root tickets (``parent_id IS NULL``), i.e. numbers printed. Per sector:
  the sector the number was taken for; per hour: the hour it was issued. It has no
  meaning per counter or officer (nobody issues there): None, not 0.
- **served** (``done``), **no_show**, **transferred** (the step that was sent on; the
  next step counts in its own sector), **expired** (left waiting or called at day end)
  and **open** (still waiting or being served when the report was made) are steps,
  attributed to the step's sector, the counter and officer that called it, or the hour
  it joined its queue. A requeued no-show counts by where it ended, once.
- **wait**: from joining the queue (``entered_at``: issue, transfer or requeue) to the
  call, for every step that was called. **service**: from the call to the finish, for
  served steps. Each duration is rounded to the nearest second; ``avg_s`` is rounded
  to 0.1 s; ``p90_s`` is the nearest-rank 90th percentile (see report_figures).
- **ratings**: the rated step's counts per level, the share of each level among the
  ratings of the row (%, 0.1), ``satisfied_percent`` = very satisfied + satisfied, and
  how often each reason was given (one rating may give several).
- Steps never called (expired while waiting) have no counter or officer: those
  groupings list them in a row whose key is None.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection

from hallcore.periods import Period, offset_changes
from hallcore.rating import RatingLevel, levels_for
from motcua.services.context import Hall
from motcua.services.report_figures import Figures, Tally, figures
from motcua.storage import report_repo

GROUPINGS = report_repo.GROUPINGS


@dataclass(frozen=True)
class Reason:
    code: str
    name: str
    name_en: str


@dataclass(frozen=True)
class Row:
    """One group: ``key`` is a sector code, counter number, username or hour (0–23)."""

    key: str | int | None
    name: str
    name_en: str
    figures: Figures


@dataclass(frozen=True)
class Report:
    hall_name: str
    hall_name_en: str
    timezone: str
    period: Period
    group: str
    levels: tuple[str, ...]
    reasons: tuple[Reason, ...]
    rows: list[Row]
    total: Figures
    generated_at: datetime


def build_report(hall: Hall, period: Period, group: str) -> Report:
    """Compute the period's figures grouped by ``group`` (one consistent read)."""
    if group not in GROUPINGS:
        raise ValueError(f"unknown grouping {group!r}")
    with hall.db.read() as conn:
        st = hall.data(conn).settings
        offset, changes = offset_changes(period, st.tz) if group == "hour" else (0, [])
        params = report_repo.period_params(period.first, period.last, offset, changes)
        tallies, issued = _tally(conn, report_repo.statements_for(group, len(changes)), params)
        labels = _labels(conn, group)
    hall_section = st.sections.get("hall", {})
    reasons = _reasons(st.sections.get("rating", {}), tallies)
    levels = _levels(st.rating_scale, tallies)
    codes = tuple(r.code for r in reasons)
    whole = Tally()
    for tally in tallies.values():
        whole.add(tally)
    whole.issued = sum(issued.values())
    total = figures(whole, levels, codes, with_issued=True)
    per_row_issued = group in ("sector", "hour")
    if per_row_issued:
        for key, count in issued.items():
            tallies[key].issued += count  # a sector or hour that only issued gets a row
    if group == "total":
        rows = [Row(None, hall_section.get("name", ""), hall_section.get("name_en", ""), total)]
    else:
        rows = [
            Row(key, name, name_en, figures(tally, levels, codes, per_row_issued))
            for key, name, name_en, tally in _ordered(group, tallies, labels)
        ]
    return Report(
        hall_section.get("name", ""),
        hall_section.get("name_en", ""),
        st.tz.key,
        period,
        group,
        levels,
        reasons,
        rows,
        total,
        generated_at=hall.now(),
    )


def _levels(scale: int, tallies: dict) -> tuple[str, ...]:
    """Return the hall's levels, or all four if "neutral" was given (the scale changed)."""
    if any(t.levels.get(RatingLevel.NEUTRAL) for t in tallies.values()):
        scale = 4
    return tuple(str(level) for level in levels_for(scale))


def _tally(conn: Connection, stmts, params: dict) -> tuple[dict, dict]:
    """Run the grouping's queries; return ({key: Tally}, {issuing key: numbers issued})."""
    tallies: dict = defaultdict(Tally)
    issued: dict = defaultdict(int)
    for key, status, root, n in report_repo.run(conn, stmts.steps, params):
        tallies[key].statuses[status] += n
        if root:
            issued[key] += n
    if stmts.issued is not None:
        issued = {key: n for key, n in report_repo.run(conn, stmts.issued, params)}
    for key, seconds, n in report_repo.run(conn, stmts.waits, params):
        tallies[key].waits[seconds] += n
    for key, seconds, n in report_repo.run(conn, stmts.services, params):
        tallies[key].services[seconds] += n
    for key, level, reasons, n in report_repo.run(conn, stmts.ratings, params):
        tallies[key].levels[level] += n
        for code in json.loads(reasons) if reasons else []:
            tallies[key].reasons[code] += n
    return tallies, issued


def _reasons(rating_section: dict, tallies: dict) -> tuple[Reason, ...]:
    """Return the configured reasons, then any no longer configured that were given."""
    known = [
        Reason(r["code"], r.get("name", r["code"]), r.get("name_en", ""))
        for r in rating_section.get("reasons", [])
    ]
    codes = {r.code for r in known}
    given = sorted({code for t in tallies.values() for code in t.reasons} - codes)
    return tuple(known + [Reason(code, code, code) for code in given])


def _labels(conn: Connection, group: str) -> dict:
    """Return {database key: (report key, name, name_en, listed even when empty)}."""
    if group == "sector":
        rows = report_repo.sector_rows(conn)
        return {r.id: (r.code, r.name, r.name_en, r.active) for r in rows}
    if group == "counter":
        rows = report_repo.counter_rows(conn)
        return {r.id: (r.number, r.name, r.name, r.active) for r in rows}
    if group == "officer":
        rows = report_repo.officer_rows(conn)
        return {
            r.id: (
                r.username,
                r.full_name or r.username,
                r.full_name or r.username,
                r.active and r.role == "counter",
            )
            for r in rows
        }
    return {}


def _ordered(group: str, tallies: dict, labels: dict):
    """Yield (key, name, name_en, tally) in the grouping's natural order."""
    if group == "hour":
        hours = sorted(k for k in tallies if k is not None)
        for hour in range(hours[0], hours[-1] + 1) if hours else ():
            name = f"{hour:02d}:00–{hour + 1:02d}:00"
            yield hour, name, name, tallies.get(hour) or Tally()
        return
    for db_key, (key, name, name_en, listed) in labels.items():
        tally = tallies.get(db_key)
        if listed or (tally is not None and not tally.is_empty()):
            yield key, name, name_en, tally or Tally()
    never_called = tallies.get(None)
    if never_called is not None and not never_called.is_empty():
        yield None, "", "", never_called
