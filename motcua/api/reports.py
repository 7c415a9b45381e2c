"""``GET /api/v1/reports/...``: a period's figures for the province's systems.

Supervisors and admins only (a bearer token from ``/auth/token``, or a signed-in
page sending its CSRF token). The definitions of every figure are in
``motcua.services.reports`` and the README's "Reports" section.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from flask import jsonify, request

from hallcore.numbering import service_day
from hallcore.periods import InvalidPeriod
from motcua.api import bp
from motcua.api.guard import require_actor
from motcua.api.schemas import ValidationFailed
from motcua.hallctx import current_hall
from motcua.report_files import download
from motcua.reporting import parse_report_query
from motcua.services.report_figures import Durations, Figures
from motcua.services.reports import Report, build_report

REPORT_ROLES = ("supervisor", "admin")


def requested_report() -> Report:
    """Check the caller's role, read the query and build the report (422 on a bad query)."""
    require_actor(*REPORT_ROLES)
    hall = current_hall()
    today = service_day(hall.now(), hall.config().settings.tz)
    try:
        period, group = parse_report_query(request.args, today)
    except InvalidPeriod as err:
        problem = {"field": err.params.get("field", "period"), "problem": err.detail}
        raise ValidationFailed(problems=[problem], reason=err.params.get("reason")) from None
    return build_report(hall, period, group)


def _durations(d: Durations) -> dict:
    return {"count": d.count, "avg_s": d.avg_s, "p90_s": d.p90_s}


def figures_json(f: Figures) -> dict:
    """Return one row's figures as JSON."""
    return {
        "issued": f.issued,
        "served": f.served,
        "no_show": f.no_show,
        "transferred": f.transferred,
        "expired": f.expired,
        "open": f.open,
        "wait": _durations(f.wait),
        "service": _durations(f.service),
        "ratings": {
            "count": f.rated,
            "levels": {
                level: {"count": n, "percent": f.level_percent[level]}
                for level, n in f.levels.items()
            },
            "satisfied_percent": f.satisfied_percent,
        },
        "reasons": dict(f.reasons),
    }


def report_json(report: Report) -> dict:
    """Return a report as the API's JSON document."""
    period = report.period
    return {
        "hall": {
            "name": report.hall_name,
            "name_en": report.hall_name_en,
            "timezone": report.timezone,
        },
        "period": {
            "kind": str(period.kind),
            "first": period.first.isoformat(),
            "last": period.last.isoformat(),
            "days": period.days,
        },
        "group": report.group,
        "levels": list(report.levels),
        "reasons": [{"code": r.code, "name": r.name, "name_en": r.name_en} for r in report.reasons],
        "rows": [
            {"key": row.key, "name": row.name, "name_en": row.name_en, **figures_json(row.figures)}
            for row in report.rows
        ],
        "total": figures_json(report.total),
        "generated_at": report.generated_at.astimezone(ZoneInfo(report.timezone)).isoformat(),
    }


@bp.get("/reports/summary")
def report_summary():
    """Return the period's figures, grouped (JSON)."""
    return jsonify(report_json(requested_report()))


@bp.get("/reports/summary.csv")
def report_csv():
    """Return the period's figures as CSV (UTF-8 with BOM, Vietnamese headers)."""
    return download(requested_report(), "csv")


@bp.get("/reports/summary.xlsx")
def report_xlsx():
    """Return the period's figures as an XLSX workbook."""
    return download(requested_report(), "xlsx")
