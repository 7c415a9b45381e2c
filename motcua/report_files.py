"""Reports as files: CSV (UTF-8 with a BOM, so Excel reads Vietnamese) and XLSX (openpyxl).

Both hold the table of ``motcua.reporting``. The CSV is for programs: comma
separated, dot decimals, durations in minutes rounded to 0.01 and shares in
percent rounded to 0.1. The XLSX is for people: the hall, the period and when it
was made above the table, numbers stored as numbers (minutes shown to 0.1,
shares as percentages), headers frozen, a total row in bold.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

from flask import Response
from flask_babel import gettext as _

from motcua.reporting import english, group_title, period_label, period_span, table
from motcua.services.reports import Report

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = {"count": "0", "minutes": "0.0", "percent": "0.0%"}
HEADER_ROW = 6  # rows 1-4: hall, title, period, grouping and time; row 5 empty


def filename(report: Report, extension: str) -> str:
    """Return an ASCII file name such as ``bao-cao-2026-11-01_2026-11-30-sector.xlsx``."""
    span = f"{report.period.first.isoformat()}_{report.period.last.isoformat()}"
    return f"bao-cao-{span}-{report.group}.{extension}"


FORMULA_START = ("=", "+", "-", "@")


def _csv_value(value, kind: str):
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value  # a name must never run as a spreadsheet formula
    if kind == "minutes":
        return round(value, 2)
    if kind == "percent":
        return round(value * 100, 1)
    return value


def to_csv(report: Report) -> bytes:
    """Return the report as CSV bytes: a BOM, the header row, the rows, the total row."""
    cols, body, total = table(report)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.title for c in cols])
    for values in [*body, total] if total else body:
        writer.writerow([_csv_value(v, c.kind) for v, c in zip(values, cols, strict=True)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def made_at(report: Report) -> str:
    """Return when the report was made, in the hall's time."""
    local: datetime = report.generated_at.astimezone(ZoneInfo(report.timezone))
    return local.strftime("%d/%m/%Y %H:%M")


def _text_cell(sheet, row: int, column: int, value):
    """Write a cell; text is kept as text even when it starts like a formula."""
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def _heading(sheet, report: Report, width: int) -> None:
    from openpyxl.styles import Font

    hall = (english() and report.hall_name_en) or report.hall_name
    lines = [
        (hall, Font(bold=True, size=14)),
        (_("Report on queues, waits and satisfaction"), Font(bold=True, size=13)),
        (
            _(
                "Period: %(label)s (%(span)s)",
                label=period_label(report.period),
                span=period_span(report.period),
            ),
            Font(size=12),
        ),
        (
            _(
                "By: %(group)s · Made on %(when)s",
                group=group_title(report.group),
                when=made_at(report),
            ),
            Font(italic=True, size=11),
        ),
    ]
    for row, (text, font) in enumerate(lines, start=1):
        cell = _text_cell(sheet, row, 1, text)
        cell.font = font
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)


def to_xlsx(report: Report) -> bytes:
    """Return the report as an XLSX workbook (one sheet)."""
    # openpyxl costs ~8 MiB per worker: loaded on the first spreadsheet, not at start-up.
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    cols, body, total = table(report)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Report")[:31]
    _heading(sheet, report, len(cols))
    header_fill = PatternFill("solid", fgColor="DDE3EA")
    for i, col in enumerate(cols, start=1):
        cell = _text_cell(sheet, HEADER_ROW, i, col.title)
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(i)].width = 34 if i == 1 else 14
    sheet.row_dimensions[HEADER_ROW].height = 48
    rows = [*body, total] if total else body
    for offset, values in enumerate(rows, start=1):
        row = HEADER_ROW + offset
        for i, (value, col) in enumerate(zip(values, cols, strict=True), start=1):
            cell = _text_cell(sheet, row, i, value)
            if col.kind in FORMATS:
                cell.number_format = FORMATS[col.kind]
            if total and offset == len(rows):
                cell.font = Font(bold=True)
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=2)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def download(report: Report, kind: str) -> Response:
    """Return the report as a file download (``csv`` or ``xlsx``)."""
    if kind == "csv":
        body, mimetype = to_csv(report), "text/csv"  # Werkzeug adds "; charset=utf-8"
    else:
        body, mimetype = to_xlsx(report), XLSX_TYPE
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename(report, kind)}"'
    return response
