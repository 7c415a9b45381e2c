"""The hall as a leader watches it live: counters, queues, devices and what needs attention."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

from sqlalchemy import bindparam, func, select

from hallcore.estimates import estimated_wait_seconds, mean_service_seconds
from hallcore.model import TicketStatus
from hallcore.numbering import service_day
from hallcore.supervision import CounterState, DeviceHealth, SectorLoad, hall_alerts
from motcua.presence import is_online
from motcua.services.context import Hall
from motcua.services.snapshot import hall_snapshot
from motcua.storage import hall_repo, line_repo, ticket_repo
from motcua.storage.tables import counters, devices, print_jobs, tickets

OLDEST_WAITING = (
    select(tickets.c.sector_id, func.min(tickets.c.entered_at))
    .where(tickets.c.service_day == bindparam("day"), tickets.c.status == TicketStatus.WAITING)
    .group_by(tickets.c.sector_id)
)
TODAY_BY_STATUS = (
    select(tickets.c.sector_id, tickets.c.status, func.count())
    .where(tickets.c.service_day == bindparam("day"))
    .group_by(tickets.c.sector_id, tickets.c.status)
)
LAST_FINISH = (
    select(counters.c.number, func.max(tickets.c.finished_at))
    .join(tickets, tickets.c.counter_id == counters.c.id)
    .where(tickets.c.service_day == bindparam("day"))
    .group_by(counters.c.number)
)
_LAST_PRINT = (
    select(print_jobs.c.device_id, func.max(print_jobs.c.id).label("job_id"))
    .where(print_jobs.c.device_id.is_not(None))
    .group_by(print_jobs.c.device_id)
    .subquery()
)
DEVICES = (
    select(
        devices.c.id,
        devices.c.kind,
        devices.c.name,
        devices.c.last_seen_at,
        counters.c.number.label("counter"),
        print_jobs.c.status.label("print_status"),
        print_jobs.c.error.label("print_error"),
        print_jobs.c.created_at.label("printed_at"),
    )
    .outerjoin(counters, counters.c.id == devices.c.counter_id)
    .outerjoin(_LAST_PRINT, _LAST_PRINT.c.device_id == devices.c.id)
    .outerjoin(print_jobs, print_jobs.c.id == _LAST_PRINT.c.job_id)
    .where(devices.c.revoked_at.is_(None))
    .order_by(devices.c.kind, devices.c.name)
)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _counter_states(snapshot, last_finish: dict) -> list[dict]:
    result = []
    for c in snapshot.counters:
        if c["status"] != "open":
            state, since = c["status"], c["status_since"]
        elif c["current"]:
            state, since = "serving", c["current"]["called_at"]
        else:
            finished = _iso(last_finish.get(c["number"]))
            state, since = "idle", max(filter(None, (c["status_since"], finished)), default=None)
        result.append(c | {"state": state, "since": since})
    return result


def _sector_loads(conn, hall: Hall, snapshot, day, now) -> list[dict]:
    data = hall.data(conn)
    oldest = dict(conn.execute(OLDEST_WAITING, {"day": day}).all())
    today: dict[int, dict[str, int]] = {}
    for sector_id, status, count in conn.execute(TODAY_BY_STATUS, {"day": day}):
        today.setdefault(sector_id, {})[status] = count
    issued = ticket_repo.issued_counts(conn, day)
    result = []
    for s in snapshot.sectors:
        sector = data.sector(s["code"])
        durations = line_repo.service_durations(conn, sector.id, day)
        mean = mean_service_seconds(durations, data.settings.rules.default_service_s)
        open_now = hall_repo.open_counters_for(conn, sector.id)
        counts = today.get(sector.id, {})
        result.append(
            {
                "code": s["code"],
                "name": s["name"],
                "name_en": s["name_en"],
                "waiting": s["waiting"],
                "open": s["open"],
                "oldest_since": _iso(oldest.get(sector.id)),
                "estimated_wait_s": estimated_wait_seconds(s["waiting"], mean, open_now),
                "issued": issued.get(sector.id, 0),
                "served": counts.get("done", 0),
                "no_show": counts.get("no_show", 0),
            }
        )
    return result


def _devices(conn, now) -> list[dict]:
    return [
        {
            "id": row.id,
            "kind": row.kind,
            "name": row.name,
            "counter": row.counter,
            "last_seen_at": _iso(row.last_seen_at),
            "online": is_online(row.last_seen_at, now),
            "print": None
            if row.print_status is None
            else {
                "status": row.print_status,
                "error": row.print_error,
                "at": _iso(row.printed_at),
            },
        }
        for row in conn.execute(DEVICES)
    ]


def _alerts(counter_list, sector_list, device_list, thresholds: dict, now) -> list[dict]:
    def when(text: str | None) -> datetime | None:
        return datetime.fromisoformat(text) if text else None

    found = hall_alerts(
        [
            CounterState(c["number"], c["state"], when(c["since"]), tuple(c["sectors"]))
            for c in counter_list
        ],
        [SectorLoad(s["code"], s["waiting"], when(s["oldest_since"])) for s in sector_list],
        [
            DeviceHealth(
                d["name"],
                d["kind"],
                d["online"],
                d["print"]["error"] if d["print"] and d["print"]["status"] == "failed" else None,
            )
            for d in device_list
        ],
        now=now,
        wait_alert_s=int(thresholds.get("wait_alert_min", 30)) * 60,
        idle_alert_s=int(thresholds.get("idle_alert_min", 5)) * 60,
    )
    return [asdict(alert) for alert in found]


def supervision_snapshot(hall: Hall) -> dict:
    """Return the live state of the hall for supervisors (with alerts)."""
    now = hall.now()
    snapshot = hall_snapshot(hall, recent=0)
    with hall.db.read() as conn:
        settings = hall.data(conn).settings
        day = service_day(now, settings.tz)
        last_finish = dict(conn.execute(LAST_FINISH, {"day": day}).all())
        counter_list = _counter_states(snapshot, last_finish)
        sector_list = _sector_loads(conn, hall, snapshot, day, now)
        device_list = _devices(conn, now)
    thresholds = settings.sections.get("supervision", {})
    return {
        "hall": snapshot.hall,
        "now": now.isoformat(),
        "counters": counter_list,
        "sectors": sector_list,
        "devices": device_list,
        "alerts": _alerts(counter_list, sector_list, device_list, thresholds, now),
        "thresholds": {
            "wait_alert_min": thresholds.get("wait_alert_min", 30),
            "idle_alert_min": thresholds.get("idle_alert_min", 5),
        },
    }
