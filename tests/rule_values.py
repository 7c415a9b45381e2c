"""Values shared by the tests of the pure queue rules (hallcore)."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from hallcore.model import Ticket

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)  # Monday 08:00 in Ha Noi / HCMC


def make_ticket(**kw) -> Ticket:
    base = dict(
        sector="HT",
        seq=1,
        number="1001",
        service_day=date(2026, 11, 23),
        issued_at=T0,
        queued_at=T0,
        entered_at=T0,
        token="tok",
        id=1,
    )
    base.update(kw)
    return Ticket(**base)
