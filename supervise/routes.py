"""``/supervise/reports``: the period's figures as a table and charts, with CSV and XLSX.

Everything is drawn on the server from one GET form (no state changes), so the
page works on any phone; the charts' script only reads the page's JSON data.
"""

from __future__ import annotations

from datetime import date

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import format_decimal, format_percent
from flask_babel import gettext as _

from hallcore.numbering import service_day
from hallcore.periods import InvalidPeriod
from motcua.hallctx import current_hall
from motcua.report_files import download
from motcua.reporting import english, level_name, period_label, period_span, row_label, table
from motcua.services.reports import Report, build_report
from motcua.web.forms import EmptyForm
from supervise.access import leader_required
from supervise.reportform import (
    form_values,
    group_choices,
    period_choices,
    problem_text,
    read_choice,
)

bp = Blueprint("supervise", __name__, url_prefix="/supervise", template_folder="templates")
YEARS_OFFERED = 10


@bp.app_template_filter("report_figure")
def figure(value, kind: str) -> str:
    """Format a table value for reading: a dash for "no figure", local decimal marks."""
    if value is None:
        return "—"
    if kind == "minutes":
        return format_decimal(value, "#,##0.0")
    if kind == "percent":
        return format_percent(value, "#,##0.0%")
    if kind == "count":
        return format_decimal(value, "#,##0")
    return str(value)


def hall_name() -> str:
    hall = current_hall().config().settings.sections.get("hall", {})
    return (english() and hall.get("name_en")) or hall.get("name", "")


def _today() -> date:
    hall = current_hall()
    return service_day(hall.now(), hall.config().settings.tz)


@bp.get("/reports")
@leader_required
def reports():
    """The reports page: choose a period and grouping, read the figures and charts."""
    today = _today()
    page = page_context(today)
    try:
        choice = read_choice(request.args, today)
    except InvalidPeriod as err:
        return render_template(
            "supervise/reports.html",
            form=form_values(None, today, request.args),
            error=problem_text(err),
            report=None,
            **page,
        ), 400
    hall = current_hall()
    report = build_report(hall, choice.period, choice.group)
    by_hour = report if choice.group == "hour" else build_report(hall, choice.period, "hour")
    by_sector = report if choice.group == "sector" else build_report(hall, choice.period, "sector")
    columns, body, total = table(report)
    return render_template(
        "supervise/reports.html",
        form=form_values(choice, today),
        error=None,
        report=report,
        label=period_label(report.period),
        span=period_span(report.period),
        columns=columns,
        body=body,
        total=total,
        query=choice.query(),
        charts=chart_data(report, by_hour, by_sector),
        strings=js_strings(),
        **page,
    )


def page_context(today: date) -> dict:
    """Return what the page shows whatever the report: choices, years, links."""
    return {
        "periods": period_choices(),
        "groups": group_choices(),
        "years": list(range(today.year, today.year - YEARS_OFFERED, -1)),
        "logout_form": EmptyForm(),
        "hall_name": hall_name(),
        "lang_urls": {
            code: url_for("supervise.reports", **{**request.args, "lang": code})
            for code in ("vi", "en")
        },
    }


@bp.get("/reports.<any(csv, xlsx):kind>")
@leader_required
def report_file(kind: str):
    """Download the chosen report as CSV or XLSX (a bad choice goes back to the page)."""
    try:
        choice = read_choice(request.args, _today())
    except InvalidPeriod:
        return redirect(url_for("supervise.reports", **request.args))
    return download(build_report(current_hall(), choice.period, choice.group), kind)


def chart_data(report: Report, by_hour: Report, by_sector: Report) -> dict:
    """Return the charts' numbers: satisfaction levels, tickets by hour, waits by sector."""
    total = report.total
    return {
        "levels": [
            {
                "level": level,
                "label": level_name(level),
                "count": total.levels[level],
                "percent": total.level_percent[level],
            }
            for level in report.levels
        ],
        "rated": total.rated,
        "hours": [
            {"label": f"{row.key}h", "issued": row.figures.issued, "served": row.figures.served}
            for row in by_hour.rows
        ],
        "sectors": [
            {
                "label": row_label(by_sector, row),
                "avg": _minutes(row.figures.wait.avg_s),
                "p90": _minutes(row.figures.wait.p90_s),
            }
            for row in by_sector.rows
            if row.figures.wait.count
        ],
    }


def _minutes(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 60, 1)


def js_strings() -> dict:
    """Return the words the charts show (translated here, on the server)."""
    return {
        "issued": _("Tickets issued"),
        "served": _("Served"),
        "avg_wait": _("Average wait (minutes)"),
        "p90_wait": _("90th percentile wait (minutes)"),
        "percent_of_ratings": _("Share of ratings (%)"),
        "minutes": _("minutes"),
        "ratings_n": _("{n} ratings"),
        "no_data": _("No data in this period"),
    }
