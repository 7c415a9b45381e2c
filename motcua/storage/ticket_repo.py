"""Ticket rows: numbering, queue heads, lookups and updates.

Statements on the hot paths are built once, at import, with bind parameters:
building a SQLAlchemy expression costs several times more than running it.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from types import SimpleNamespace

from sqlalchemy import Connection, bindparam, insert, literal, select, union_all, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from hallcore.model import Ticket, TicketStatus
from hallcore.ordering import Candidate
from motcua.storage.tables import counters, day_sequences, sectors, tickets

WAITING = TicketStatus.WAITING.value
CALLED = TicketStatus.CALLED.value
DONE = TicketStatus.DONE.value

_TICKET = select(
    tickets, sectors.c.code.label("sector_code"), counters.c.number.label("counter_number")
).select_from(
    tickets.join(sectors, sectors.c.id == tickets.c.sector_id).outerjoin(
        counters, counters.c.id == tickets.c.counter_id
    )
)
BY_ID = _TICKET.where(tickets.c.id == bindparam("id"))
BY_ID_LOCKED = BY_ID.with_for_update(of=tickets)
LATEST_STEP = (
    _TICKET.where(tickets.c.token == bindparam("token")).order_by(tickets.c.id.desc()).limit(1)
)
CURRENT = (
    _TICKET.where(tickets.c.counter_id == bindparam("counter_id"), tickets.c.status == CALLED)
    .order_by(tickets.c.called_at.desc())
    .limit(1)
)
CURRENT_LOCKED = CURRENT.with_for_update(of=tickets)


def _head(arm: int, is_priority: bool):
    """The oldest waiting ticket of one (sector, class): sector ``s<arm>``."""
    klass = tickets.c.priority.is_not(None) if is_priority else tickets.c.priority.is_(None)
    head = (
        select(tickets.c.id, tickets.c.queued_at)
        .where(
            tickets.c.service_day == bindparam("day"),
            tickets.c.status == WAITING,
            tickets.c.sector_id == bindparam(f"s{arm}"),
            klass,
        )
        .order_by(tickets.c.queued_at, tickets.c.id)
        .limit(1)
        .with_for_update(skip_locked=True)
        .subquery()
    )
    return select(
        head.c.id, head.c.queued_at, literal(arm).label("arm"), literal(is_priority).label("prio")
    )


@cache
def _heads_statement(sectors_served: int):
    """Every head of a counter's queues in one statement (each arm locks its own head)."""
    return union_all(*(_head(arm, p) for arm in range(sectors_served) for p in (True, False)))


ISSUED = select(day_sequences.c.last_seq).where(
    day_sequences.c.sector_id == bindparam("sector_id"),
    day_sequences.c.service_day == bindparam("day"),
)
ISSUED_ALL = select(day_sequences.c.sector_id, day_sequences.c.last_seq).where(
    day_sequences.c.service_day == bindparam("day")
)
INSERT = insert(tickets).returning(tickets.c.id)
MARK_CALLED = (
    update(tickets)
    .where(tickets.c.id == bindparam("tid"), tickets.c.status == WAITING)
    .values(
        status=CALLED,
        counter_id=bindparam("counter_id"),
        officer_id=bindparam("officer_id"),
        called_at=bindparam("now"),
        call_count=1,
    )
    .returning(*tickets.c)  # the called ticket, without a second statement
)
SAVE_STATE = (
    update(tickets)
    .where(tickets.c.id == bindparam("tid"))
    .values(
        {
            name: bindparam(f"v_{name}")
            for name in (
                "status",
                "counter_id",
                "officer_id",
                "called_at",
                "finished_at",
                "call_count",
                "entered_at",
                "priority",
            )
        }
    )
)


def _next_seq_statement(dialect: str, capped: bool):
    dialect_insert = pg_insert if dialect == "postgresql" else sqlite_insert
    stmt = dialect_insert(day_sequences).values(
        sector_id=bindparam("sector_id"), service_day=bindparam("day"), last_seq=1
    )
    return stmt.on_conflict_do_update(
        index_elements=[day_sequences.c.sector_id, day_sequences.c.service_day],
        set_={"last_seq": day_sequences.c.last_seq + 1},
        where=day_sequences.c.last_seq < bindparam("cap") if capped else None,
    ).returning(day_sequences.c.last_seq)


NEXT_SEQ = {
    (dialect, capped): _next_seq_statement(dialect, capped)
    for dialect in ("sqlite", "postgresql")
    for capped in (True, False)
}


def to_ticket(row) -> Ticket:
    """Map a joined row to the domain Ticket."""
    return Ticket(
        id=row.id,
        sector=row.sector_code,
        seq=row.seq,
        number=row.number,
        service_day=row.service_day,
        issued_at=row.issued_at,
        queued_at=row.queued_at,
        entered_at=row.entered_at,
        token=row.token,
        status=TicketStatus(row.status),
        priority=row.priority,
        counter=row.counter_number,
        officer_id=row.officer_id,
        called_at=row.called_at,
        finished_at=row.finished_at,
        call_count=row.call_count,
        parent_id=row.parent_id,
    )


def _one_ticket(conn: Connection, stmt, params: dict) -> Ticket | None:
    row = conn.execute(stmt, params).first()
    return to_ticket(row) if row else None


def next_seq(conn: Connection, sector_id: int, day: date, cap: int | None) -> int | None:
    """Take the sector's next sequence number for ``day`` atomically; None at the cap.

    One ``INSERT … ON CONFLICT DO UPDATE … RETURNING`` statement: atomic on both
    engines without any read-then-write window.
    """
    stmt = NEXT_SEQ[(conn.dialect.name, cap is not None)]
    params = {"sector_id": sector_id, "day": day}
    if cap is not None:
        params["cap"] = cap
    return conn.execute(stmt, params).scalar()


def issued_count(conn: Connection, sector_id: int, day: date) -> int:
    """Return how many numbers the sector has issued on ``day``."""
    return conn.execute(ISSUED, {"sector_id": sector_id, "day": day}).scalar() or 0


def issued_counts(conn: Connection, day: date) -> dict[int, int]:
    """Return {sector_id: numbers issued} for ``day``."""
    return dict(conn.execute(ISSUED_ALL, {"day": day}).all())


def insert_ticket(conn: Connection, ticket: Ticket, sector_id: int, **extra) -> int:
    """Insert a ticket step and return its id."""
    values = dict(
        token=ticket.token,
        parent_id=ticket.parent_id,
        service_day=ticket.service_day,
        sector_id=sector_id,
        seq=ticket.seq,
        number=ticket.number,
        priority=ticket.priority,
        status=str(ticket.status),
        issued_at=ticket.issued_at,
        queued_at=ticket.queued_at,
        entered_at=ticket.entered_at,
        call_count=ticket.call_count,
        device_id=None,
    )
    values.update(extra)
    return conn.execute(INSERT, values).scalar_one()


def get_ticket(conn: Connection, ticket_id: int, *, lock: bool = False) -> Ticket | None:
    return _one_ticket(conn, BY_ID_LOCKED if lock else BY_ID, {"id": ticket_id})


def latest_step(conn: Connection, token: str) -> Ticket | None:
    """Return the newest step carrying ``token`` (a transfer adds steps with the same token)."""
    return _one_ticket(conn, LATEST_STEP, {"token": token})


def current_ticket(conn: Connection, counter_id: int, *, lock: bool = False) -> Ticket | None:
    """Return the ticket the counter is serving now, if any."""
    return _one_ticket(conn, CURRENT_LOCKED if lock else CURRENT, {"counter_id": counter_id})


def queue_heads(conn: Connection, day: date, sector_ids: dict[int, str]) -> list[Candidate]:
    """Return the oldest waiting ticket of each (sector, class), locking each head.

    On PostgreSQL ``FOR UPDATE SKIP LOCKED`` makes two counters calling at the same
    instant take different tickets; SQLite ignores it (its writers are serialised).
    """
    if not sector_ids:
        return []
    codes = list(sector_ids.values())
    params = {"day": day} | {f"s{arm}": sector_id for arm, sector_id in enumerate(sector_ids)}
    rows = conn.execute(_heads_statement(len(codes)), params)
    return [Candidate(row.id, codes[row.arm], bool(row.prio), row.queued_at) for row in rows]


def mark_called(
    conn: Connection, head: Candidate, counter_id: int, counter: int, officer_id, now
) -> Ticket | None:
    """Move a waiting queue head to called and return it; None if someone else took it first."""
    params = {"tid": head.ticket_id, "counter_id": counter_id, "officer_id": officer_id, "now": now}
    row = conn.execute(MARK_CALLED, params).first()
    if row is None:
        return None
    return to_ticket(
        SimpleNamespace(**row._mapping, sector_code=head.sector, counter_number=counter)
    )


def save_state(conn: Connection, ticket: Ticket, counter_id: int | None) -> None:
    """Write a ticket's mutable fields back."""
    conn.execute(
        SAVE_STATE,
        {
            "tid": ticket.id,
            "v_status": str(ticket.status),
            "v_counter_id": counter_id,
            "v_officer_id": ticket.officer_id,
            "v_called_at": ticket.called_at,
            "v_finished_at": ticket.finished_at,
            "v_call_count": ticket.call_count,
            "v_entered_at": ticket.entered_at,
            "v_priority": ticket.priority,
        },
    )


def expire_before(conn: Connection, day: date, now: datetime) -> list[int]:
    """End every ticket still waiting or called from a service day before ``day``."""
    stmt = (
        update(tickets)
        .where(tickets.c.service_day < day, tickets.c.status.in_([WAITING, CALLED]))
        .values(status=TicketStatus.EXPIRED, finished_at=now)
        .returning(tickets.c.id)
    )
    return list(conn.execute(stmt).scalars())
