"""Reports through the JSON API, as CSV and XLSX files, and on the page: figures and roles.

The data is the hand-computed day of tests/reportday.py (see tests/test_reports.py for
the arithmetic of every figure); here each output must carry exactly those numbers.
"""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from tests.reportday import play_report_day
from tests.test_api import error_of, sign_in

MONTH = "period=month&date=2026-11-01"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# The sector table of November 2026 (minutes = seconds / 60; shares of 1):
# name, issued, served, no-show, transferred, expired, open, wait avg, wait p90,
# service avg, service p90, ratings, very satisfied n + share, satisfied n + share,
# unsatisfied n + share, satisfied or better, reasons attitude, waiting_time, guidance,
# processing_time
SECTOR_TABLE = [
    # HT: waits 600 960 300 → 620 s = 10.33 min, p90 960 s = 16; services 360 180 → 4.5, 6
    ["Tư pháp – Hộ tịch", 3, 2, 1, 0, 0, 0, 620 / 60, 16, 4.5, 6, 2, 1, 0.5, 0, 0, 1, 0.5, 0.5]
    + [1, 1, 0, 0],
    # CT: C waited 1020 s = 17 min and was transferred; no service, no rating
    ["Chứng thực", 1, 0, 0, 1, 0, 0, 17, 17, None, None, 0, 0, None, 0, None, 0, None, None]
    + [0, 0, 0, 0],
    # DD: waits 600 120 → 6 min, p90 10; services 720 1920 → 22 min, p90 32
    ["Đất đai – Xây dựng – Môi trường", 1, 2, 0, 0, 0, 0, 6, 10, 22, 32, 2, 1, 0.5, 1, 0.5]
    + [0, 0, 1, 0, 0, 0, 0],
    ["Văn hóa – Xã hội / chính sách", 1, 0, 0, 0, 1, 0, None, None, None, None, 0, 0, None]
    + [0, None, 0, None, None, 0, 0, 0, 0],
    ["Trả kết quả", 0, 0, 0, 0, 0, 0, None, None, None, None, 0, 0, None, 0, None, 0, None]
    + [None, 0, 0, 0, 0],
    # total: waits 3600 / 6 = 600 s = 10 min, p90 1020 s = 17; services 3180 / 4 = 795 s
    # = 13.25 min, p90 1920 s = 32; ratings 2 / 1 / 1 of 4; satisfied or better 3 / 4
    ["Tổng cộng", 6, 4, 1, 1, 1, 0, 10, 17, 13.25, 32, 4, 2, 0.5, 1, 0.25, 1, 0.25, 0.75]
    + [1, 1, 0, 0],
]


def same(actual: list, expected: list) -> bool:
    """Compare a row: numbers to 1e-9 (minutes are divisions), blanks exactly."""
    if len(actual) != len(expected):
        return False
    return (
        all(
            a is None if e is None else (a is not None and abs(a - e) < 1e-9)
            for a, e in zip(actual[1:], expected[1:], strict=True)
        )
        and actual[0] == expected[0]
    )


@pytest.fixture
def day(app_hall, clock):
    return play_report_day(app_hall, clock)


@pytest.fixture
def chef(api):
    return api.officer_token("chef", counters=(), role="supervisor")


# the JSON API


def test_the_api_gives_the_hand_computed_month_to_a_supervisor(api, day, chef):
    res = api.get(f"/reports/summary?{MONTH}&group=sector", chef)
    assert res.status_code == 200
    body = res.json
    assert body["period"] == {
        "kind": "month",
        "first": "2026-11-01",
        "last": "2026-11-30",
        "days": 30,
    }
    assert body["levels"] == ["very_satisfied", "satisfied", "unsatisfied"]
    total = body["total"]
    assert (total["issued"], total["served"], total["no_show"]) == (6, 4, 1)
    assert (total["transferred"], total["expired"], total["open"]) == (1, 1, 0)
    assert total["wait"] == {"count": 6, "avg_s": 600.0, "p90_s": 1020}
    assert total["service"] == {"count": 4, "avg_s": 795.0, "p90_s": 1920}
    assert total["ratings"]["levels"]["very_satisfied"] == {"count": 2, "percent": 50.0}
    assert total["ratings"]["satisfied_percent"] == 75.0
    assert total["reasons"] == {
        "attitude": 1,
        "waiting_time": 1,
        "guidance": 0,
        "processing_time": 0,
    }
    ht = body["rows"][0]
    assert (ht["key"], ht["name"], ht["issued"]) == ("HT", "Tư pháp – Hộ tịch", 3)
    assert ht["wait"] == {"count": 3, "avg_s": 620.0, "p90_s": 960}


def test_per_counter_the_api_says_null_for_issued(api, day, chef):
    rows = api.get(f"/reports/summary?{MONTH}&group=counter", chef).json["rows"]
    assert [r["key"] for r in rows] == [1, 2, 3, 4, None]
    assert {r["issued"] for r in rows} == {None}


def test_an_admin_may_read_reports_too(api, day):
    admin = api.officer_token("boss", counters=(), role="admin")
    assert api.get(f"/reports/summary?{MONTH}", admin).json["total"]["issued"] == 6


def test_without_a_date_the_report_covers_the_current_month(api, day, chef):
    # the clock ends the day on 25 November 2026 (the housekeeping morning)
    assert api.get("/reports/summary", chef).json["period"]["first"] == "2026-11-01"


@pytest.mark.parametrize(
    "path",
    ["/reports/summary", "/reports/summary.csv", "/reports/summary.xlsx"],
)
def test_reports_need_a_signed_in_leader(api, path):
    assert error_of(api.get(path))["code"] == "unauthenticated"
    officer = api.officer_token("an", counters=(1,))
    res = api.get(path, officer)
    assert res.status_code == 403 and error_of(res)["code"] == "forbidden"
    res = api.get(path, api.device_token("kiosk"))
    assert res.status_code == 403


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("period=range&from=2026-11-30&to=2026-11-01", "to"),
        ("period=range&from=2026-01-01&to=2027-06-30", "to"),
        ("period=range&from=2026-01-01", "to"),
        ("period=month&date=2026-02-30", "date"),
        ("period=month&date=1999-12-01", "date"),
        ("period=week", "period"),
        ("period=month&from=2026-11-01", "from"),
        ("group=sectors", "group"),
    ],
)
def test_a_bad_period_is_422_naming_the_field(api, chef, query, field):
    res = api.get(f"/reports/summary?{query}", chef)
    assert res.status_code == 422
    assert error_of(res)["code"] == "validation_failed"
    assert error_of(res)["details"]["problems"][0]["field"] == field


def test_a_custom_range_reports_its_days(api, day, chef):
    res = api.get("/reports/summary?period=range&from=2026-11-20&to=2026-11-24", chef)
    assert res.json["period"]["days"] == 5 and res.json["total"]["issued"] == 6
    res = api.get("/reports/summary?period=range&from=2026-11-25&to=2026-11-30", chef)
    assert res.json["total"]["issued"] == 0


# files


def test_the_csv_opens_with_vietnamese_headers_and_exactly_the_figures(api, day, chef):
    res = api.get(f"/reports/summary.csv?{MONTH}&group=sector", chef)
    assert res.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert "bao-cao-2026-11-01_2026-11-30-sector.csv" in res.headers["Content-Disposition"]
    assert res.data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for UTF-8
    rows = list(csv.reader(io.StringIO(res.data.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Lĩnh vực", "Số phiếu đã cấp", "Đã phục vụ"]
    assert rows[0][18] == "Tỷ lệ hài lòng (%)"
    assert rows[0][19] == "Lý do: Thái độ phục vụ"
    # minutes rounded to 0.01, shares in percent to 0.1
    assert rows[1] == [
        "Tư pháp – Hộ tịch", "3", "2", "1", "0", "0", "0", "10.33", "16.0", "4.5", "6.0", "2",
        "1", "50.0", "0", "0.0", "1", "50.0", "50.0", "1", "1", "0", "0",
    ]  # fmt: skip
    assert rows[2][7:11] == ["17.0", "17.0", "", ""]  # CT: no service, so no figure
    assert rows[-1][:12] == ["Tổng cộng", "6", "4", "1", "1", "1", "0", "10.0", "17.0"] + [
        "13.25", "32.0", "4",
    ]  # fmt: skip
    assert len(rows) == 1 + 5 + 1


def test_the_csv_speaks_english_on_request(api, day, chef):
    res = api.get(f"/reports/summary.csv?{MONTH}&group=counter&lang=en", chef)
    header = next(csv.reader(io.StringIO(res.data.decode("utf-8-sig"))))
    assert header[:2] == ["Counter", "Tickets issued"]


def test_the_monthly_xlsx_matches_the_hand_computed_day_exactly(api, day, chef):
    res = api.get(f"/reports/summary.xlsx?{MONTH}&group=sector", chef)
    assert res.headers["Content-Type"] == XLSX
    sheet = load_workbook(io.BytesIO(res.data)).active
    assert sheet["A1"].value == "Trung tâm Phục vụ hành chính công"
    assert sheet["A3"].value == "Kỳ báo cáo: Tháng 11/2026 (01/11/2026 – 30/11/2026)"
    assert sheet["A4"].value.startswith("Theo: Lĩnh vực · Lập lúc 25/11/2026 07:00")
    header = [c.value for c in sheet[6]]
    assert header[:3] == ["Lĩnh vực", "Số phiếu đã cấp", "Đã phục vụ"]
    assert header[7:9] == ["Chờ trung bình (phút)", "90% chờ không quá (phút)"]
    assert header[12:14] == ["Rất hài lòng", "Rất hài lòng (%)"]
    table = [[c.value for c in row] for row in sheet.iter_rows(min_row=7)]
    assert len(table) == len(SECTOR_TABLE)
    for actual, expected in zip(table, SECTOR_TABLE, strict=True):
        assert same(actual, expected), (actual, expected)
    total = sheet[7 + 5]
    assert all(isinstance(c.value, int | float) for c in total[1:])  # numbers, not text
    assert total[13].number_format == "0.0%" and total[7].number_format == "0.0"
    assert total[0].font.bold


def test_each_grouping_exports_its_rows(api, day, chef):
    for group, first in [("total", "Trung tâm Phục vụ hành chính công"), ("hour", "09:00–10:00")]:
        res = api.get(f"/reports/summary.xlsx?{MONTH}&group={group}", chef)
        sheet = load_workbook(io.BytesIO(res.data)).active
        assert sheet["A7"].value == first
        assert sheet.max_row == 7 + (0 if group == "total" else 2)  # hours 9 and 10, then total


# the page


def test_the_page_sends_strangers_to_sign_in(client):
    res = client.get("/supervise/reports")
    assert res.status_code == 302 and "/login" in res.headers["Location"]
    assert client.get("/supervise/reports.xlsx").status_code == 302


def test_a_counter_officer_gets_403_on_the_page(api, client):
    api.officer_token("an", counters=(1,))
    sign_in(client, "an")
    for path in ("/supervise/reports", "/supervise/reports.csv", "/supervise/"):
        res = client.get(path)
        assert res.status_code == 403
    assert "Tài khoản này không xem được trang này" in res.get_data(as_text=True)


def test_a_supervisor_reads_the_month_on_the_page_and_downloads_it(api, client, day, chef):
    sign_in(client, "chef")
    page = client.get(f"/supervise/reports?{MONTH}&group=sector").get_data(as_text=True)
    assert "Tháng 11/2026" in page and "Tỷ lệ % mức độ hài lòng" in page
    assert 'id="kpi-satisfied">75,0%<' in page
    assert "10,3" in page  # HT's average wait, 620 s, with the Vietnamese decimal comma
    res = client.get(f"/supervise/reports.xlsx?{MONTH}&group=sector")
    assert res.headers["Content-Type"] == XLSX
    table = [
        [c.value for c in row]
        for row in load_workbook(io.BytesIO(res.data)).active.iter_rows(min_row=7)
    ]
    assert same(table[-1], SECTOR_TABLE[-1])


def test_the_pickers_choose_a_quarter_by_year_and_number(api, client, day, chef):
    sign_in(client, "chef")
    page = client.get("/supervise/reports?period=quarter&year=2026&quarter=4&month=1&half=1")
    assert "Quý IV/2026" in page.get_data(as_text=True)


def test_a_reversed_range_on_the_page_says_so_in_vietnamese(api, client, chef):
    sign_in(client, "chef")
    res = client.get("/supervise/reports?period=range&from=2026-11-30&to=2026-11-01")
    assert res.status_code == 400
    assert "Ngày kết thúc đang trước ngày bắt đầu." in res.get_data(as_text=True)


@pytest.mark.parametrize("group", ["total", "counter", "officer", "hour"])
def test_the_page_shows_every_grouping(api, client, day, chef, group):
    sign_in(client, "chef")
    res = client.get(f"/supervise/reports?{MONTH}&group={group}")
    assert res.status_code == 200
    assert 'id="kpi-issued">6<' in res.get_data(as_text=True)


def test_the_page_speaks_english_on_request(api, client, day, chef):
    sign_in(client, "chef")
    page = client.get(f"/supervise/reports?{MONTH}&group=counter&lang=en").get_data(as_text=True)
    assert "Month 11/2026" in page and "Tickets issued" in page
    assert "Never called (expired while waiting)" in page


def test_a_name_that_looks_like_a_formula_stays_text(api, app_hall, day, chef):
    from motcua.services.setup import add_staff

    add_staff(app_hall, "an", "correct horse", "counter", [1], full_name='=HYPERLINK("x")')
    query = f"{MONTH}&group=officer"
    sheet = load_workbook(io.BytesIO(api.get(f"/reports/summary.xlsx?{query}", chef).data)).active
    assert sheet["A7"].value == '=HYPERLINK("x")' and sheet["A7"].data_type == "s"
    text = api.get(f"/reports/summary.csv?{query}", chef).data.decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text)))[1][0] == '\'=HYPERLINK("x")'
