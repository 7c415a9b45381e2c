"""Report queries: counts, duration histograms and ratings of the ticket steps of a period.

Every figure is aggregated in the database and comes back grouped by a key
(sector id, counter id, officer id, hour of the day, or one constant for the
whole hall), so a year at 5,000 tickets a day returns thousands of rows, not
millions. Durations come back as a histogram of whole seconds, from which the
service computes exact averages and percentiles.

Statements are built once (a grouping's set on first use) with bind parameters;
only the hour grouping depends on the request, through the number of UTC-offset
changes in the period (none in Vietnam), so one set is kept per count.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache

from sqlalchemy import (
    BigInteger,
    Connection,
    Integer,
    String,
    and_,
    bindparam,
    case,
    cast,
    func,
    literal_column,
    select,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from motcua.storage.tables import counters, ratings, sectors, tickets, users
from motcua.storage.types import UTCDateTime, seconds_between

GROUPINGS = ("total", "sector", "counter", "officer", "hour")


class epoch_seconds(FunctionElement):  # noqa: N801 - reads like the SQL it renders
    """Whole seconds since 1970 of a naive-UTC column, exactly (no floating point)."""

    type = BigInteger()
    inherit_cache = True


@compiles(epoch_seconds, "sqlite")
def _epoch_sqlite(element, compiler, **kw):
    (column,) = (compiler.process(c, **kw) for c in element.clauses)
    return f"CAST(strftime('%s', {column}) AS INTEGER)"


@compiles(epoch_seconds, "postgresql")
def _epoch_pg(element, compiler, **kw):
    (column,) = (compiler.process(c, **kw) for c in element.clauses)
    return f"CAST(FLOOR(EXTRACT(EPOCH FROM {column})) AS BIGINT)"


def whole_seconds(end, start):
    """Return ``end - start`` rounded to the nearest second (halves away from zero)."""
    return cast(func.round(seconds_between(end, start)), Integer)


def _offset(column, changes: int):
    """Return the hall's UTC offset (s) at ``column``: ``offset_0`` until ``change_1``, ..."""
    if changes == 0:
        return bindparam("offset_0", type_=Integer)
    whens = [
        (
            column < bindparam(f"change_{i}", type_=UTCDateTime),
            bindparam(f"offset_{i - 1}", type_=Integer),
        )
        for i in range(1, changes + 1)
    ]
    return case(*whens, else_=bindparam(f"offset_{changes}", type_=Integer))


def local_hour(column, changes: int):
    """Return the hour of the day (0–23) of ``column`` in the hall's time, in integer SQL."""
    local = epoch_seconds(column) + _offset(column, changes)
    return (local // 3600) % 24


IN_PERIOD = and_(
    tickets.c.service_day >= bindparam("first", type_=tickets.c.service_day.type),
    tickets.c.service_day <= bindparam("last", type_=tickets.c.service_day.type),
)
WHOLE = literal_column("0")


@dataclass(frozen=True)
class Statements:
    """The queries of one grouping; each returns rows led by the group key, count last.

    ``steps`` gives (key, status, root, n): statuses, and "issued" as the root steps,
    whose key is also the issuing key except in the hour grouping, which has its
    own ``issued`` query (a requeued ticket joined its queue again later).
    """

    steps: object
    issued: object | None
    waits: object
    services: object
    ratings: object


def _grouped(key, *columns, where=(), join_ratings=False):
    """Aggregate over the period's steps grouped by ``key`` (through a subquery, so
    PostgreSQL sees one grouped column even when the key holds bind parameters)."""
    source = tickets.join(ratings, ratings.c.ticket_id == tickets.c.id) if join_ratings else tickets
    inner = (
        select(key.label("key"), *(c.label(f"c{i}") for i, c in enumerate(columns)))
        .select_from(source)
        .where(IN_PERIOD, *where)
        .subquery()
    )
    cols = [inner.c[f"c{i}"] for i in range(len(columns))]
    return select(inner.c.key, *cols, func.count()).group_by(inner.c.key, *cols)


def _statements(step_key, issued_key=None) -> Statements:
    root = case((tickets.c.parent_id.is_(None), 1), else_=0)
    wait = whole_seconds(tickets.c.called_at, tickets.c.entered_at)
    service = whole_seconds(tickets.c.finished_at, tickets.c.called_at)
    issued = None
    if issued_key is not None:
        issued = _grouped(issued_key, where=[tickets.c.parent_id.is_(None)])
    return Statements(
        steps=_grouped(step_key, tickets.c.status, root),
        issued=issued,
        waits=_grouped(step_key, wait, where=[tickets.c.called_at.is_not(None)]),
        services=_grouped(
            step_key,
            service,
            where=[tickets.c.status == "done", tickets.c.finished_at.is_not(None)],
        ),
        # JSON arrays group by their text: equal lists are stored as equal text.
        ratings=_grouped(
            step_key, ratings.c.level, cast(ratings.c.reasons, String), join_ratings=True
        ),
    )


STATEMENTS = {
    "total": _statements(WHOLE),
    "sector": _statements(tickets.c.sector_id),
    "counter": _statements(tickets.c.counter_id),
    "officer": _statements(tickets.c.officer_id),
}


@cache
def hour_statements(changes: int) -> Statements:
    """Return the hour grouping's queries for a period with ``changes`` offset changes.

    A step counts in the hour it joined its queue (``entered_at``); "issued" counts
    root tickets in the hour they were issued.
    """
    return _statements(
        local_hour(tickets.c.entered_at, changes), local_hour(tickets.c.issued_at, changes)
    )


def statements_for(grouping: str, changes: int) -> Statements:
    """Return the queries of a grouping (see GROUPINGS)."""
    return hour_statements(changes) if grouping == "hour" else STATEMENTS[grouping]


def period_params(
    first: date, last: date, offset: int, changes: list[tuple[datetime, int]]
) -> dict:
    """Return the bind parameters of a period (days, and offsets for the hour grouping)."""
    params: dict = {"first": first, "last": last, "offset_0": offset}
    for i, (instant, value) in enumerate(changes, start=1):
        params[f"change_{i}"] = instant
        params[f"offset_{i}"] = value
    return params


def run(conn: Connection, statement, params: dict) -> Iterable:
    """Execute a report statement and return its rows (key first, count last)."""
    return conn.execute(statement, params)


SECTORS = select(
    sectors.c.id, sectors.c.code, sectors.c.name, sectors.c.name_en, sectors.c.active
).order_by(sectors.c.position, sectors.c.id)
COUNTERS = select(counters.c.id, counters.c.number, counters.c.name, counters.c.active).order_by(
    counters.c.number
)
OFFICERS = select(
    users.c.id, users.c.username, users.c.full_name, users.c.role, users.c.active
).order_by(users.c.full_name, users.c.username)


def sector_rows(conn: Connection) -> list:
    """Return every sector, retired ones too (a report may cover their days)."""
    return list(conn.execute(SECTORS))


def counter_rows(conn: Connection) -> list:
    """Return every counter, retired ones too."""
    return list(conn.execute(COUNTERS))


def officer_rows(conn: Connection) -> list:
    """Return every staff account (names for the officer grouping)."""
    return list(conn.execute(OFFICERS))
