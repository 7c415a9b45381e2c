"""The hall's use cases against real databases (SQLite file and PostgreSQL)."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from hallcore.errors import (
    DailyCapReached,
    Forbidden,
    PriorityNotFound,
    SectorClosed,
    SectorNotFound,
)
from hallcore.events import TicketIssued
from hallcore.model import TicketStatus
from motcua.services import calls, tickets
from motcua.services.snapshot import hall_snapshot
from motcua.storage.tables import audit_log, sectors
from tests.helpers import device, issue, signed_in


def test_numbers_follow_each_sector_series_from_its_start(hall, kiosk, events):
    assert [issue(hall, kiosk).number for _ in range(3)] == ["1001", "1002", "1003"]
    assert issue(hall, kiosk, "CT").number == "2001"
    assert len(events.of(TicketIssued)) == 4


def test_numbering_restarts_on_the_next_day(hall, kiosk, clock):
    issue(hall, kiosk)
    issue(hall, kiosk)
    clock.advance(days=1)
    assert issue(hall, kiosk).number == "1001"


def test_issuing_stops_at_the_daily_cap_without_losing_a_number(hall, kiosk):
    with hall.db.write() as conn:
        conn.execute(update(sectors).where(sectors.c.code == "DD").values(daily_cap=2))
    hall.config_changed()  # edited behind the services' back
    assert [issue(hall, kiosk, "DD").number for _ in range(2)] == ["3001", "3002"]
    with pytest.raises(DailyCapReached):
        issue(hall, kiosk, "DD")
    assert hall_snapshot(hall).sectors[2]["closed_reason"] == "cap"


def test_a_sector_outside_its_hours_refuses_tickets(hall, kiosk, clock):
    with hall.db.write() as conn:
        conn.execute(
            update(sectors).where(sectors.c.code == "HT").values(hours="mon-fri 07:30-08:00")
        )
    hall.config_changed()  # edited behind the services' back
    with pytest.raises(SectorClosed):
        issue(hall, kiosk)
    assert issue(hall, kiosk, "CT").number == "2001"


def test_unknown_sector_and_priority_are_refused(hall, kiosk):
    with pytest.raises(SectorNotFound):
        issue(hall, kiosk, "XX")
    with pytest.raises(PriorityNotFound):
        issue(hall, kiosk, "HT", priority="vip")


def test_a_kiosk_limited_to_some_sectors_cannot_issue_others(hall):
    kiosk = device(hall, "kiosk", sectors=["CT"])
    assert issue(hall, kiosk, "CT").number == "2001"
    with pytest.raises(Forbidden):
        issue(hall, kiosk, "HT")


def test_a_display_device_cannot_issue_tickets(hall):
    with pytest.raises(Forbidden):
        issue(hall, device(hall, "display"))


def test_waiting_ticket_knows_people_ahead_and_estimated_wait(hall, kiosk):
    for _ in range(3):
        issue(hall, kiosk)
    view = tickets.issue_ticket(hall, "HT", None, kiosk)
    assert view.ahead == 3
    assert view.estimated_wait_s == 900  # default 300 s, no counter open: one assumed


def test_estimate_uses_measured_service_times_and_open_counters(hall, kiosk, clock):
    a = signed_in(hall, "an", 1)
    signed_in(hall, "binh", 2)
    issue(hall, kiosk)
    calls.call_next(hall, 1, a)
    clock.advance(seconds=120)
    calls.finish(hall, 1, a)
    for _ in range(4):
        view = tickets.issue_ticket(hall, "HT", None, kiosk)
    assert view.ahead == 3
    assert view.estimated_wait_s == 180  # 3 ahead x 120 s / 2 open counters serving HT


def test_priority_ticket_counts_ahead_of_normal_ones(hall, kiosk):
    issue(hall, kiosk)
    issue(hall, kiosk, priority="elderly")
    view = tickets.issue_ticket(hall, "HT", None, kiosk)
    assert view.ahead == 2
    assert tickets.issue_ticket(hall, "HT", "pregnant", kiosk).ahead == 1


def test_manual_priority_is_audited_with_who_and_why(hall, kiosk):
    a = signed_in(hall, "an", 1)
    t = issue(hall, kiosk)
    view = tickets.prioritize(hall, t.id, "disability", a, "Xe lăn")
    assert view.ticket.priority == "disability"
    with hall.db.read() as conn:
        row = conn.execute(select(audit_log).where(audit_log.c.action == "ticket.prioritize")).one()
    assert (row.actor, row.reason) == ("an", "Xe lăn")


def test_officer_issued_priority_ticket_is_audited(hall):
    a = signed_in(hall, "an", 1)
    tickets.issue_ticket(hall, "HT", "elderly", a, reason="Cụ 80 tuổi")
    with hall.db.read() as conn:
        row = conn.execute(
            select(audit_log).where(audit_log.c.action == "ticket.priority_insert")
        ).one()
    assert row.reason == "Cụ 80 tuổi"


def test_tickets_left_at_day_end_expire(hall, kiosk, clock):
    a = signed_in(hall, "an", 1)
    waiting = issue(hall, kiosk)
    issue(hall, kiosk)
    calls.call_next(hall, 1, a)
    clock.advance(days=1)
    assert tickets.expire_stale(hall) == 2
    assert tickets.ticket_by_id(hall, waiting.id).ticket.status is TicketStatus.EXPIRED


def test_snapshot_shows_queues_counters_and_recent_calls(hall, kiosk):
    a = signed_in(hall, "an", 1)
    issue(hall, kiosk)
    issue(hall, kiosk)
    calls.call_next(hall, 1, a)
    snap = hall_snapshot(hall)
    ht = next(s for s in snap.sectors if s["code"] == "HT")
    assert ht["waiting"] == 1 and ht["open"] is True
    c1 = snap.counters[0]
    assert (c1["status"], c1["current"]["number"], c1["officer"]) == ("open", "1001", "an")
    assert snap.recent_calls[0] == {
        "number": "1001",
        "sector": "HT",
        "counter": 1,
        "called_at": snap.recent_calls[0]["called_at"],
    }


def test_a_configuration_change_applies_at_once_in_this_process(hall, kiosk):
    from motcua.hallconfig import load_config
    from motcua.services.setup import apply_config

    issue(hall, kiosk)  # the configuration is now cached
    cfg = load_config(None)
    cfg.sector[0].daily_cap = 1
    apply_config(hall, cfg)
    with pytest.raises(DailyCapReached):
        issue(hall, kiosk)


def test_another_processes_configuration_change_applies_at_the_next_request(hall, kiosk, db_url):
    from motcua.hallconfig import load_config
    from motcua.services.context import Hall
    from motcua.services.setup import apply_config
    from motcua.storage.database import Database

    issue(hall, kiosk)  # this process now holds the configuration in its cache
    other = Hall(db=Database(db_url), clock=hall.clock)
    cfg = load_config(None)
    cfg.sector[0].daily_cap = 1
    apply_config(other, cfg)
    other.db.dispose()
    with pytest.raises(DailyCapReached):
        issue(hall, kiosk)
