"""The administration pages with Flask's test client: roles, forms, live effect, audit."""

from __future__ import annotations

import io
import re

import pytest
from sqlalchemy import select

from motcua.extensions import socketio
from motcua.hallconfig import dump_config
from motcua.services.config_export import export_config
from motcua.storage.tables import audit_log
from tests.plugin_admin import admin_post, signed_in_client

PAGES = [
    "/admin/",
    "/admin/settings/hall",
    "/admin/settings/queue",
    "/admin/settings/rating",
    "/admin/settings/display",
    "/admin/settings/kiosk",
    "/admin/sectors",
    "/admin/sectors/new",
    "/admin/sectors/HT",
    "/admin/counters",
    "/admin/counters/1",
    "/admin/priorities",
    "/admin/priorities/new",
    "/admin/officers",
    "/admin/officers/new",
    "/admin/officers/1",
    "/admin/devices",
    "/admin/voice",
    "/admin/voice/preview?number=1001&counter=1",
    "/admin/printer",
    "/admin/config",
    "/admin/config.toml",
    "/admin/audit",
]
FORMS = [
    "/admin/settings/hall",
    "/admin/sectors/new",
    "/admin/sectors/HT",
    "/admin/sectors/HT/up",
    "/admin/sectors/HT/deactivate",
    "/admin/counters/1/reactivate",
    "/admin/priorities/elderly/down",
    "/admin/officers/new",
    "/admin/officers/1",
    "/admin/officers/1/password",
    "/admin/officers/1/disable",
    "/admin/devices/1",
    "/admin/devices/1/revoke",
    "/admin/voice",
    "/admin/printer",
    "/admin/printer/test",
    "/admin/config/check",
    "/admin/config/apply",
]


def text_of(response) -> str:
    return response.get_data(as_text=True)


def field_error(html: str, name: str) -> list[str]:
    """Return the error messages shown next to the form field ``name``."""
    key = name.replace(".", "-")
    return re.findall(rf'<span class="a-error" id="err-{re.escape(key)}">([^<]*)</span>', html)


@pytest.mark.parametrize("role", ["counter", "supervisor"])
def test_officers_who_are_not_administrators_get_403_on_every_page_and_form(app, role):
    client = signed_in_client(app, f"x{role}", role, counters=(1,))
    for path in PAGES:
        assert client.get(path).status_code == 403, path
    for path in FORMS:
        assert admin_post(client, path, {"name": "X"}).status_code == 403, path
    assert export_config(app.extensions["motcua_hall"]).hall.name != "X"


def test_a_visitor_who_is_not_signed_in_is_sent_to_sign_in(client):
    for path in PAGES:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.headers["Location"].startswith("/login?next=/admin"), path
    assert client.post("/admin/settings/hall", data={"name": "X"}).status_code in (302, 400)


def test_every_page_opens_for_an_administrator_in_vietnamese(admin_client):
    for path in PAGES:
        assert admin_client.get(path).status_code == 200, path
    html = text_of(admin_client.get("/admin/"))
    assert "Quản trị" in html and "Lĩnh vực" in html and "Nhật ký" in html
    assert "Administration" in text_of(admin_client.get("/admin/?lang=en"))


def test_a_saved_display_notice_reaches_the_displays_at_once(app, admin_client):
    display = socketio.test_client(app, namespace="/display")
    display.get_received("/display")
    response = admin_post(
        admin_client, "/admin/settings/display", {"notice": "Nghỉ trưa 11:30–13:30", "recent": "8"}
    )
    assert response.status_code == 302
    app.extensions["motcua_realtime"].flush()
    boards = [p["args"][0] for p in display.get_received("/display") if p["name"] == "board"]
    assert boards and boards[-1]["display"] == {"notice": "Nghỉ trưa 11:30–13:30", "recent": 8}
    assert "Đã lưu" in text_of(admin_client.get(response.headers["Location"]))


def test_invalid_values_are_shown_in_vietnamese_next_to_their_field(app, admin_client):
    response = admin_post(
        admin_client,
        "/admin/settings/queue",
        {"mode": "interleave", "interleave": "0", "default_service_s": "năm phút"},
    )
    html = text_of(response)
    assert response.status_code == 422
    assert field_error(html, "interleave") == ["Phải từ 1 trở lên."]
    assert field_error(html, "default_service_s") == ["Hãy nhập một số nguyên, ví dụ 200."]
    assert 'value="năm phút"' in html  # what was typed is kept
    assert export_config(app.extensions["motcua_hall"]).queue.mode == "strict"


def test_a_sector_form_names_a_bad_hours_rule_then_a_clashing_series(app, admin_client):
    form = {"code": "XD", "name": "Xây dựng", "start": "1500", "hours": "thứ hai 7:30"}
    html = text_of(admin_post(admin_client, "/admin/sectors/new", form))
    assert field_error(html, "hours")[0].startswith("Không đọc được giờ này")
    html = text_of(admin_post(admin_client, "/admin/sectors/new", form | {"hours": ""}))
    assert field_error(html, "start") == [
        "Lĩnh vực HT, CT, DD, VHXH, TKQ và XD có thể in trùng số trong cùng một ngày. Hãy đặt "
        "chữ đứng trước số khác nhau, hoặc số đầu tiên và số phiếu tối đa sao cho hai dãy số "
        "tách nhau."
    ]
    assert app.extensions["motcua_hall"].config().sector("XD") is None
    form |= {"hours": "mon-fri 07:30-11:30", "start": "6001", "daily_cap": "999"}
    assert admin_post(admin_client, "/admin/sectors/new", form).status_code == 302
    assert app.extensions["motcua_hall"].config().sector("XD").name == "Xây dựng"


def test_a_counter_served_sector_list_keeps_the_order_chosen(app, admin_client):
    response = admin_post(
        admin_client, "/admin/counters/3", {"name": "Quầy Ba", "sectors": ["TKQ", "", "DD"]}
    )
    assert response.status_code == 302
    counter = app.extensions["motcua_hall"].config().counter(3)
    assert (counter.name, counter.sectors) == ("Quầy Ba", ("TKQ", "DD"))
    html = text_of(admin_post(admin_client, "/admin/counters/3", {"name": "Quầy Ba"}))
    assert field_error(html, "sectors") == ["Hãy chọn ít nhất một."]


def test_deactivating_a_sector_is_refused_while_citizens_wait(app, admin_client, api):
    api.post("/tickets", api.device_token(), json={"sector": "DD"})
    response = admin_post(admin_client, "/admin/sectors/DD/deactivate")
    assert response.status_code == 409
    assert "vẫn còn 1 công dân đang chờ" in text_of(response)
    assert app.extensions["motcua_hall"].config().sector("DD") is not None


def test_the_audit_log_shows_who_changed_what_and_when_newest_first(app, admin_client, clock):
    admin_post(
        admin_client,
        "/admin/sectors/HT",
        {"name": "Tư pháp – Hộ tịch", "start": "1001", "daily_cap": "200"},
    )
    clock.advance(minutes=5)
    admin_post(admin_client, "/admin/settings/kiosk", {"return_after_s": "15", "idle_s": "45"})
    html = text_of(admin_client.get("/admin/audit"))
    kiosk_at, sector_at = html.index("Sửa cài đặt máy lấy số"), html.index("Sửa lĩnh vực")
    assert kiosk_at < sector_at  # newest first
    assert "sector HT.daily_cap: 999 → 200" in html
    assert "kiosk.return_after_s: 10 → 15" in html
    assert "bởi boss" in html and "24/11/2026 09:05" in html


def test_the_audit_log_is_paged(app, admin_client):
    for i in range(60):
        admin_post(admin_client, "/admin/settings/display", {"notice": f"N{i}", "recent": "5"})
    first = text_of(admin_client.get("/admin/audit"))
    assert "display.notice: N58 → N59" in first and "Trang 1 / 2" in first
    second = text_of(admin_client.get("/admin/audit?page=2"))
    assert "display.notice: N58 → N59" not in second and "Configuration loaded" not in second


def test_toml_download_then_upload_round_trips(app, admin_client):
    hall = app.extensions["motcua_hall"]
    downloaded = admin_client.get("/admin/config.toml")
    assert "attachment" in downloaded.headers["Content-Disposition"]
    text = text_of(downloaded)
    assert text == dump_config(export_config(hall))
    edited = text.replace('name = "Quầy 4"', 'name = "Quầy Bốn"')
    upload = {"file": (io.BytesIO(edited.encode()), "hall.toml")}
    preview = admin_post(admin_client, "/admin/config/check", upload)
    assert "counter 4.name: Quầy 4 → Quầy Bốn" in text_of(preview)
    assert hall.config().counter(4).name == "Quầy 4"  # nothing before the confirmation
    applied = admin_post(admin_client, "/admin/config/apply", {"text": edited})
    assert applied.status_code == 302
    assert text_of(admin_client.get("/admin/config.toml")) == edited
    same = admin_post(
        admin_client, "/admin/config/check", {"file": (io.BytesIO(edited.encode()), "hall.toml")}
    )
    assert "không có gì để áp dụng" in text_of(same)


def test_an_invalid_upload_says_what_and_where_and_applies_nothing(app, admin_client):
    hall = app.extensions["motcua_hall"]
    before = dump_config(export_config(hall))
    broken = before.replace("daily_cap = 999", "daily_cap = 0", 1).replace(
        'sectors = [\n    "DD",', 'sectors = [\n    "ZZ",'
    )
    response = admin_post(
        admin_client, "/admin/config/check", {"file": (io.BytesIO(broken.encode()), "hall.toml")}
    )
    html = text_of(response)
    assert response.status_code == 422
    assert (
        "<code>sector[1].daily_cap</code> (Lĩnh vực HT · Số phiếu tối đa mỗi ngày): "
        "Phải từ 1 trở lên." in html
    )
    applied = admin_post(admin_client, "/admin/config/apply", {"text": broken})
    assert applied.status_code == 422
    assert dump_config(export_config(hall)) == before
    syntax = admin_post(
        admin_client, "/admin/config/check", {"file": (io.BytesIO(b"[hall\n"), "hall.toml")}
    )
    assert "Tệp TOML không hợp lệ" in text_of(syntax) and "line 1" in text_of(syntax)


def test_officers_are_created_and_a_taken_name_or_short_password_is_refused(app, admin_client):
    form = {
        "username": "an.nguyen",
        "full_name": "Nguyễn Văn An",
        "role": "counter",
        "counters": ["1", "2"],
        "password": "correct horse",
    }
    assert admin_post(admin_client, "/admin/officers/new", form).status_code == 302
    again = text_of(admin_post(admin_client, "/admin/officers/new", form | {"password": "short"}))
    assert field_error(again, "username") == ["Tên đăng nhập này đã có người dùng."]
    assert field_error(again, "password") == ["Mật khẩu phải có ít nhất 8 ký tự."]
    token = app.test_client().post(
        "/api/v1/auth/token", json={"username": "an.nguyen", "password": "correct horse"}
    )
    assert token.status_code == 200
    with app.extensions["motcua_hall"].db.read() as conn:
        row = conn.execute(select(audit_log).where(audit_log.c.action == "staff.create")).one()
    assert row.actor == "boss" and row.target == "an.nguyen"
    assert "password" not in str(row.detail)


def test_odd_input_is_refused_with_a_message_never_a_server_error(admin_client):
    for value in ("1" * 5000, "²", "-5", "1e3", " ", "3,5"):
        response = admin_post(
            admin_client,
            "/admin/settings/queue",
            {"mode": "strict", "interleave": value, "default_service_s": "300"},
        )
        assert response.status_code == 422, value
        assert field_error(text_of(response), "interleave"), value
    assert admin_client.get("/admin/counters/²").status_code == 404
    assert admin_client.get("/admin/sectors/NOPE").status_code == 404
    assert admin_client.get("/admin/officers/999").status_code == 404
    assert admin_client.get("/admin/devices/999").status_code == 404
    assert admin_client.get("/admin/audit?page=²").status_code == 200
    assert admin_post(admin_client, "/admin/sectors/NOPE/up").status_code == 404
    assert admin_post(admin_client, "/admin/printer/test", {"device": "77"}).status_code == 404
    form = {
        "username": "x.y",
        "full_name": "X",
        "role": "boss",
        "counters": ["²", "9"],
        "password": "long enough",
    }
    html = text_of(admin_post(admin_client, "/admin/officers/new", form))
    assert field_error(html, "role") == ["Hãy chọn vai trò."]
    assert field_error(html, "counters") == ["Không có quầy số 9."]


def test_the_start_page_leads_administrators_only_to_administration(app):
    assert 'href="/admin"' in signed_in_client(app, "boss").get("/").get_data(as_text=True)
    officer = signed_in_client(app, "an", role="counter", counters=(1,))
    assert 'href="/admin"' not in officer.get("/").get_data(as_text=True)
    assert 'href="/admin"' not in app.test_client().get("/").get_data(as_text=True)
