"""The hand-computed report day: Tuesday 24 November 2026 in the default commune hall.

Everything happens through the real services with the test clock (hall time is UTC+7).

    time   event                                              wait      service
    09:00  kiosk issues A 1001 (HT) and B 1002 (HT)
    09:05  kiosk issues C 2001 (CT)
    09:10  kiosk issues D 3001 (DD)
    09:10  counter 1 (an) calls A                               A 600 s
    09:16  counter 1 finishes A, calls B                        B 960 s   A 360 s
    09:20  counter 3 (binh) calls D                             D 600 s
    09:21  counter 1: B is a no-show
    09:22  counter 1 calls C                                    C 1020 s
    09:30  counter 1 transfers C to DD (step C' joins at 09:30)
    09:32  counter 3 finishes D, calls C'                       C' 120 s  D 720 s
    10:04  counter 3 finishes C'                                          C' 1920 s
    10:10  kiosk issues E 4001 (VHXH): never called, expires at day end
    10:15  kiosk issues F 1003 (HT)
    10:20  counter 1 calls F                                    F 300 s
    10:23  counter 1 finishes F                                           F 180 s
    ratings: A very satisfied (an), F unsatisfied for waiting_time + attitude (an),
             D satisfied (binh), C' very satisfied (binh)
    next day 07:00: the housekeeping expires E
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hallcore.rating import RatingInput
from motcua.services import calls, ratings, tickets
from motcua.services.context import Hall
from tests.conftest import Clock
from tests.helpers import device, signed_in

DAY = datetime(2026, 11, 24).date()


def local(hour: int, minute: int, day=DAY) -> datetime:
    """Return the aware UTC instant of a hall-local (UTC+7) time."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC) - timedelta(hours=7)


def play_report_day(hall: Hall, clock: Clock) -> dict:
    """Play the day above; return the steps by letter."""
    clock.now = local(8, 0)
    kiosk = device(hall, "kiosk")
    an = signed_in(hall, "an", 1)
    binh = signed_in(hall, "binh", 3)

    def at(hour, minute):
        clock.now = local(hour, minute)

    def issue(sector):
        return tickets.issue_ticket(hall, sector, None, kiosk).ticket

    at(9, 0)
    steps = {"A": issue("HT"), "B": issue("HT")}
    at(9, 5)
    steps["C"] = issue("CT")
    at(9, 10)
    steps["D"] = issue("DD")
    calls.call_next(hall, 1, an)
    at(9, 16)
    calls.call_next(hall, 1, an)
    at(9, 20)
    calls.call_next(hall, 3, binh)
    at(9, 21)
    calls.no_show(hall, 1, an)
    at(9, 22)
    calls.call_next(hall, 1, an)
    at(9, 30)
    steps["C2"] = calls.transfer(hall, 1, an, "DD")
    at(9, 32)
    calls.call_next(hall, 3, binh)
    at(10, 4)
    calls.finish(hall, 3, binh)
    at(10, 10)
    steps["E"] = issue("VHXH")
    at(10, 15)
    steps["F"] = issue("HT")
    at(10, 20)
    calls.call_next(hall, 1, an)
    at(10, 23)
    calls.finish(hall, 1, an)
    ratings.rate(hall, steps["A"].id, RatingInput("very_satisfied"), an)
    ratings.rate(hall, steps["F"].id, RatingInput("unsatisfied", ("waiting_time", "attitude")), an)
    ratings.rate(hall, steps["D"].id, RatingInput("satisfied"), binh)
    ratings.rate(hall, steps["C2"].id, RatingInput("very_satisfied"), binh)
    clock.now = local(7, 0, DAY + timedelta(days=1))
    assert tickets.expire_stale(hall) == 1
    return steps
