"""What administrators do to accounts and devices takes effect at once (both engines)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from motcua.services.context import Actor
from motcua.services.setup import pair_device
from motcua.storage.tables import audit_log, counters, devices
from tests.plugin_admin import admin_post, signed_in_client


@pytest.fixture
def boss(engine_app):
    return signed_in_client(engine_app, "boss")


def officer_with_token(app, username="an"):
    """Return (signed-in page client, bearer token, user id) of a counter officer at counter 1."""
    page = signed_in_client(app, username, "counter", counters=(1,))
    api = app.test_client()
    token = api.post(
        "/api/v1/auth/token", json={"username": username, "password": "correct horse"}
    ).json["token"]
    assert (
        api.post(
            "/api/v1/counters/1/open", headers={"Authorization": f"Bearer {token}"}
        ).status_code
        == 200
    )
    hall = app.extensions["motcua_hall"]
    with hall.db.read() as conn:
        user_id = conn.execute(select(counters.c.officer_id).where(counters.c.number == 1)).scalar()
    return page, token, user_id


def still_in(app, page, token) -> tuple[bool, bool]:
    """Return whether the officer's page session and bearer token still work."""
    by_page = page.get("/counter").status_code == 200
    by_token = (
        app.test_client()
        .post(
            "/api/v1/counters/1/pause",
            json={"reason": "x"},
            headers={"Authorization": f"Bearer {token}"},
        )
        .status_code
        != 401
    )
    return by_page, by_token


def test_a_disabled_officer_is_refused_at_once_and_leaves_the_counter(engine_app, boss):
    page, token, user_id = officer_with_token(engine_app)
    assert still_in(engine_app, page, token) == (True, True)
    response = admin_post(boss, f"/admin/officers/{user_id}/disable")
    assert response.status_code == 302
    assert still_in(engine_app, page, token) == (False, False)
    assert page.get("/counter").headers["Location"].startswith("/login")
    with engine_app.extensions["motcua_hall"].db.read() as conn:
        counter = conn.execute(select(counters).where(counters.c.number == 1)).one()
        row = conn.execute(select(audit_log).where(audit_log.c.action == "staff.disable")).one()
    assert (counter.status, counter.officer_id) == ("closed", None)
    assert (row.actor, row.target, row.detail["counters_closed"]) == ("boss", "an", [1])
    signed_again = engine_app.test_client().post(
        "/api/v1/auth/token", json={"username": "an", "password": "correct horse"}
    )
    assert signed_again.status_code == 401
    admin_post(boss, f"/admin/officers/{user_id}/enable")
    enabled = engine_app.test_client().post(
        "/api/v1/auth/token", json={"username": "an", "password": "correct horse"}
    )
    assert enabled.status_code == 200


def test_a_password_reset_ends_the_old_session_and_token(engine_app, boss):
    page, token, user_id = officer_with_token(engine_app)
    short = admin_post(boss, f"/admin/officers/{user_id}/password", {"password": "short"})
    assert short.status_code == 422 and still_in(engine_app, page, token) == (True, True)
    admin_post(boss, f"/admin/officers/{user_id}/password", {"password": "a new secret"})
    assert still_in(engine_app, page, token) == (False, False)
    fresh = engine_app.test_client().post(
        "/api/v1/auth/token", json={"username": "an", "password": "a new secret"}
    )
    assert fresh.status_code == 200


def test_the_last_administrator_cannot_be_disabled_or_demoted(engine_app, boss):
    hall = engine_app.extensions["motcua_hall"]
    with hall.db.read() as conn:
        from motcua.storage.user_repo import get_user_by_name

        me = get_user_by_name(conn, "boss").id
    html = admin_post(boss, f"/admin/officers/{me}/disable").get_data(as_text=True)
    assert "Không thể tự khóa tài khoản của mình." in html
    form = {"full_name": "Boss", "role": "counter"}
    html = admin_post(boss, f"/admin/officers/{me}", form).get_data(as_text=True)
    assert "Phải còn ít nhất một quản trị viên đang hoạt động." in html
    assert boss.get("/admin/").status_code == 200


def test_a_revoked_device_is_refused_at_once(engine_app, boss):
    hall = engine_app.extensions["motcua_hall"]
    device_id, token = pair_device(hall, "kiosk", "Máy cửa chính", Actor("system", "test"))
    kiosk = engine_app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    assert kiosk.post("/api/v1/tickets", json={"sector": "HT"}, headers=headers).status_code == 201
    assert admin_post(boss, f"/admin/devices/{device_id}/revoke").status_code == 302
    assert kiosk.post("/api/v1/tickets", json={"sector": "HT"}, headers=headers).status_code == 401
    kiosk.set_cookie("motcua_device", token)
    assert kiosk.get("/kiosk").status_code == 403
    assert "Thu hồi lúc" in boss.get("/admin/devices").get_data(as_text=True)
    assert admin_post(boss, f"/admin/devices/{device_id}/revoke").status_code == 404


def test_a_device_shows_when_it_was_last_seen(engine_app, boss, clock):
    hall = engine_app.extensions["motcua_hall"]
    device_id, token = pair_device(hall, "display", "TV sảnh", Actor("system", "test"))
    assert "Hoạt động lần cuối —" in boss.get("/admin/devices").get_data(as_text=True)
    tv = engine_app.test_client()
    tv.set_cookie("motcua_device", token)
    clock.advance(minutes=3)
    assert tv.get("/display").status_code == 200
    assert "Hoạt động lần cuối 24/11/2026 09:03" in boss.get("/admin/devices").get_data(
        as_text=True
    )


def test_a_kiosk_and_a_display_are_edited_with_their_options_checked(engine_app, boss):
    hall = engine_app.extensions["motcua_hall"]
    kiosk_id, kiosk_token = pair_device(hall, "kiosk", "Máy 1", Actor("system", "test"))
    display_id, _ = pair_device(hall, "display", "TV", Actor("system", "test"))
    bad = admin_post(
        boss, f"/admin/devices/{kiosk_id}", {"name": "Máy 1", "printer_url": "máy in tầng 1"}
    )
    assert bad.status_code == 422
    assert "Không phải địa chỉ máy in" in bad.get_data(as_text=True)
    good = {"name": "Máy lấy số 1", "sectors": ["HT", "CT"], "printer_url": "none"}
    assert admin_post(boss, f"/admin/devices/{kiosk_id}", good).status_code == 302
    form = {"name": "TV", "counters": ["1", "2"], "sectors": ["HT"]}  # sound unticked
    assert admin_post(boss, f"/admin/devices/{display_id}", form).status_code == 302
    with hall.db.read() as conn:
        options = dict(conn.execute(select(devices.c.id, devices.c.options)).all())
        row = conn.execute(
            select(audit_log).where(audit_log.c.action == "device.edit").order_by(audit_log.c.id)
        ).first()
    assert options[kiosk_id] == {"sectors": ["HT", "CT"], "printer_url": "none"}
    assert options[display_id] == {"sectors": ["HT"], "counters": [1, 2], "sound": False}
    assert {c["what"] for c in row.detail["changes"]} == {"name", "sectors", "printer_url"}
    kiosk = engine_app.test_client()
    kiosk.set_cookie("motcua_device", kiosk_token)
    page = kiosk.get("/kiosk").get_data(as_text=True)
    assert '"sectors": ["HT", "CT"]' in page
