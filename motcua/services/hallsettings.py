"""The hall's settings sections as typed values."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import Connection

from hallcore.model import QueueMode, QueueRules
from motcua.storage import hall_repo


@dataclass(frozen=True)
class HallSettings:
    tz: ZoneInfo
    rules: QueueRules
    default_hours: str | None
    rating_scale: int
    rating_reasons: tuple[str, ...]
    sections: dict[str, dict]


def read_settings(conn: Connection) -> HallSettings:
    """Load the settings sections into typed values (defaults where a section is absent)."""
    sections = hall_repo.load_settings(conn)
    hall = sections.get("hall", {})
    queue = sections.get("queue", {})
    rating = sections.get("rating", {})
    return HallSettings(
        tz=ZoneInfo(hall.get("timezone", "Asia/Ho_Chi_Minh")),
        rules=QueueRules(
            mode=QueueMode(queue.get("mode", "strict")),
            interleave=int(queue.get("interleave", 3)),
            default_service_s=int(queue.get("default_service_s", 300)),
        ),
        default_hours=hall.get("hours"),
        rating_scale=int(rating.get("scale", 3)),
        rating_reasons=tuple(r["code"] for r in rating.get("reasons", [])),
        sections=sections,
    )
