"""Issuing tickets and reading a ticket's place in line."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field, replace
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, select

from hallcore.errors import (
    DailyCapReached,
    Forbidden,
    InvalidTransition,
    PriorityNotFound,
    SectorNotFound,
    TicketNotFound,
)
from hallcore.estimates import estimated_wait_seconds, mean_service_seconds
from hallcore.events import TicketChanged, TicketIssued
from hallcore.model import Sector, Ticket, TicketStatus
from hallcore.numbering import check_can_issue, service_day
from motcua.services.context import Actor, Hall
from motcua.services.hallcache import HallData
from motcua.storage import hall_repo, line_repo, ticket_repo
from motcua.storage.tables import counters


@dataclass(frozen=True)
class TicketView:
    """A ticket with what its holder wants to know: names, place in line, wait."""

    ticket: Ticket
    sector_name: str
    sector_name_en: str
    counter_name: str | None
    ahead: int | None
    estimated_wait_s: int | None
    config: HallData = field(repr=False, compare=False)  # the snapshot it was described in

    @property
    def tz(self) -> ZoneInfo:
        return self.config.settings.tz


def new_token() -> str:
    """Return an unguessable token for the ticket's phone page (96 random bits)."""
    return secrets.token_urlsafe(12)


def _names(conn: Connection, ticket: Ticket, data: HallData) -> tuple:
    """Return (sector id, name, name_en, counter name), also for retired sectors/counters."""
    sector = data.any_sector(ticket.sector)
    counter_name = None
    if ticket.counter is not None:
        info = data.counter(ticket.counter)
        counter_name = (
            info.name
            if info
            else conn.execute(
                select(counters.c.name).where(counters.c.number == ticket.counter)
            ).scalar()
        )
    return sector.id, sector.name, sector.name_en, counter_name


def describe(conn: Connection, ticket: Ticket, data: HallData) -> TicketView:
    """Attach names and, for a waiting ticket, people ahead and the estimated wait."""
    sector_id, name, name_en, counter_name = _names(conn, ticket, data)
    st = data.settings
    ahead = wait = None
    if ticket.status is TicketStatus.WAITING:
        ahead, open_counters = line_repo.place_in_line(conn, ticket, sector_id)
        durations = line_repo.service_durations(conn, sector_id, ticket.service_day)
        mean = mean_service_seconds(durations, st.rules.default_service_s)
        wait = estimated_wait_seconds(ahead, mean, open_counters)
    return TicketView(ticket, name, name_en, counter_name, ahead, wait, data)


def _check_issuer(actor: Actor, sector: Sector) -> None:
    if actor.kind == "officer":
        return
    if actor.kind != "device" or actor.device_kind != "kiosk":
        raise Forbidden(reason="issuer")
    allowed = actor.options.get("sectors") or []
    if allowed and sector.code not in allowed:
        raise Forbidden(reason="kiosk_sector", sector=sector.code)


def _check_priority(data: HallData, code: str | None) -> None:
    if code is not None and code not in {p.code for p in data.priorities}:
        raise PriorityNotFound(priority=code)


def issue_ticket(
    hall: Hall, sector_code: str, priority: str | None, actor: Actor, reason: str = ""
) -> TicketView:
    """Issue the sector's next number; committed before anything is printed or shown."""
    now = hall.now()
    with hall.db.write() as conn:
        data = hall.data(conn)
        st = data.settings
        sector = data.sector(sector_code)
        if sector is None:
            raise SectorNotFound(sector=sector_code)
        _check_issuer(actor, sector)
        _check_priority(data, priority)
        check_can_issue(sector, now, st.tz, issued_today=0)
        day = service_day(now, st.tz)
        seq = ticket_repo.next_seq(conn, sector.id, day, sector.daily_cap)
        if seq is None:
            raise DailyCapReached(sector=sector.code, cap=sector.daily_cap)
        ticket = Ticket(
            sector=sector.code,
            seq=seq,
            number=sector.number_for(seq),
            service_day=day,
            issued_at=now,
            queued_at=now,
            entered_at=now,
            token=new_token(),
            priority=priority,
        )
        device_id = actor.id if actor.kind == "device" else None
        ticket = replace(
            ticket, id=ticket_repo.insert_ticket(conn, ticket, sector.id, device_id=device_id)
        )
        if priority and actor.kind == "officer":
            hall_repo.write_audit(
                conn,
                at=now,
                actor=actor.name,
                actor_id=actor.id,
                action="ticket.priority_insert",
                target=ticket.number,
                reason=reason or priority,
                detail={"ticket": ticket.id, "priority": priority, "sector": sector.code},
            )
        view = describe(conn, ticket, data)
    hall.bus.publish(TicketIssued(ticket))
    return view


def ticket_status(hall: Hall, token: str) -> TicketView:
    """Return the newest step of the ticket holding ``token``."""
    with hall.db.read() as conn:
        ticket = ticket_repo.latest_step(conn, token)
        if ticket is None:
            raise TicketNotFound()
        return describe(conn, ticket, hall.data(conn))


def view_of(hall: Hall, ticket: Ticket, data: HallData | None = None) -> TicketView:
    """Describe a ticket just read or changed; only a waiting one needs the database."""
    data = data or hall.config()
    if ticket.status is not TicketStatus.WAITING and data.sector(ticket.sector) is not None:
        counter = data.counter(ticket.counter) if ticket.counter is not None else None
        sector = data.sector(ticket.sector)
        return TicketView(
            ticket,
            sector.name,
            sector.name_en,
            counter.name if counter else None,
            None,
            None,
            data,
        )
    with hall.db.read() as conn:
        return describe(conn, ticket, data)


def ticket_by_id(hall: Hall, ticket_id: int) -> TicketView:
    with hall.db.read() as conn:
        ticket = ticket_repo.get_ticket(conn, ticket_id)
        if ticket is None:
            raise TicketNotFound(ticket=ticket_id)
        return describe(conn, ticket, hall.data(conn))


def prioritize(hall: Hall, ticket_id: int, priority: str, actor: Actor, reason: str) -> TicketView:
    """Move a waiting ticket into the priority class by hand (audited with who and why)."""
    if actor.kind != "officer":
        raise Forbidden(reason="officer_only")
    now = hall.now()
    with hall.db.write() as conn:
        data = hall.data(conn)
        ticket = ticket_repo.get_ticket(conn, ticket_id, lock=True)
        if ticket is None:
            raise TicketNotFound(ticket=ticket_id)
        if ticket.status is not TicketStatus.WAITING:
            raise InvalidTransition(ticket=ticket.number, status=str(ticket.status))
        _check_priority(data, priority)
        ticket = replace(ticket, priority=priority)
        counter_id = None
        ticket_repo.save_state(conn, ticket, counter_id)
        hall_repo.write_audit(
            conn,
            at=now,
            actor=actor.name,
            actor_id=actor.id,
            action="ticket.prioritize",
            target=ticket.number,
            reason=reason,
            detail={"ticket": ticket.id, "priority": priority},
        )
        view = describe(conn, ticket, data)
    hall.bus.publish(TicketChanged(ticket, "prioritized"))
    return view


def expire_stale(hall: Hall) -> int:
    """Expire tickets left waiting or called from earlier service days."""
    now = hall.now()
    with hall.db.write() as conn:
        tz = hall.data(conn).settings.tz
        expired = ticket_repo.expire_before(conn, service_day(now, tz), now)
    return len(expired)
