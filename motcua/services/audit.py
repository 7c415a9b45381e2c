"""Reading the audit log: who changed what, when — newest first, a page at a time."""

from __future__ import annotations

from sqlalchemy import func, select

from motcua.services.admin_config import require_admin
from motcua.services.context import Actor, Hall
from motcua.storage.tables import audit_log

PAGE_SIZE = 50


def audit_page(hall: Hall, actor: Actor, page: int = 1, per_page: int = PAGE_SIZE) -> dict:
    """Return one page of the audit log (times in the hall's timezone) and how many pages."""
    require_admin(actor)
    page = max(1, page)
    with hall.db.read() as conn:
        tz = hall.data(conn).settings.tz
        total = conn.execute(select(func.count()).select_from(audit_log)).scalar_one()
        rows = conn.execute(
            select(audit_log)
            .order_by(audit_log.c.at.desc(), audit_log.c.id.desc())
            .limit(per_page)
            .offset((page - 1) * per_page)
        ).all()
    entries = [
        {
            "id": r.id,
            "at": r.at.astimezone(tz),
            "actor": r.actor,
            "action": r.action,
            "target": r.target,
            "reason": r.reason,
            "detail": dict(r.detail or {}),
        }
        for r in rows
    ]
    pages = max(1, -(-total // per_page))
    return {"entries": entries, "page": page, "pages": pages, "total": total}
