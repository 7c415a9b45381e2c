"""The JSON API v1: happy paths and every documented error status."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import update

from motcua.storage.tables import sectors
from tests.api_fixtures import error_of, issue


def test_hall_is_public_and_lists_sectors_and_counters(api, kiosk_token):
    issue(api, kiosk_token)
    res = api.get("/hall")
    assert res.status_code == 200
    ht = next(s for s in res.json["sectors"] if s["code"] == "HT")
    assert (ht["name"], ht["waiting"], ht["open"]) == ("Tư pháp – Hộ tịch", 1, True)
    assert [c["number"] for c in res.json["counters"]] == [1, 2, 3, 4]


def test_api_json_keeps_vietnamese_readable(api):
    assert "Tư pháp" in api.get("/hall").get_data(as_text=True)


# tickets


def test_a_paired_kiosk_issues_a_ticket(api, kiosk_token):
    ticket = issue(api, kiosk_token)
    assert ticket["number"] == "1001" and ticket["status"] == "waiting"
    assert ticket["issued_at"].endswith("+07:00")
    assert ticket["ahead"] == 0 and ticket["sector_name"] == "Tư pháp – Hộ tịch"


def test_issuing_without_a_device_or_officer_is_401_in_vietnamese(api):
    res = api.post("/tickets", json={"sector": "HT"})
    assert res.status_code == 401
    assert error_of(res) == {
        "code": "unauthenticated",
        "message": "Vui lòng đăng nhập (hoặc kích hoạt thiết bị) trước.",
    }


def test_error_messages_follow_the_chosen_language(api):
    res = api.post("/tickets?lang=en", json={"sector": "HT"})
    assert error_of(res)["message"] == "Please sign in (or pair this device) first."


def test_unknown_sector_is_404(api, kiosk_token):
    res = api.post("/tickets", kiosk_token, json={"sector": "ZZ"})
    assert res.status_code == 404 and error_of(res)["code"] == "sector_not_found"


def test_closed_sector_is_409(api, kiosk_token, app_hall):
    with app_hall.db.write() as conn:
        conn.execute(
            update(sectors)
            .where(sectors.c.code == "HT")
            .values(active=True, hours="sun 01:00-02:00")
        )
    app_hall.config_changed()  # edited behind the services' back
    res = api.post("/tickets", kiosk_token, json={"sector": "HT"})
    assert res.status_code == 409 and error_of(res)["code"] == "sector_closed"


def test_sector_at_its_cap_is_409(api, kiosk_token, app_hall):
    with app_hall.db.write() as conn:
        conn.execute(update(sectors).where(sectors.c.code == "HT").values(daily_cap=1))
    app_hall.config_changed()  # edited behind the services' back
    issue(api, kiosk_token)
    res = api.post("/tickets", kiosk_token, json={"sector": "HT"})
    assert res.status_code == 409 and error_of(res)["code"] == "daily_cap_reached"


@pytest.mark.parametrize(
    "body",
    [{}, {"sector": 5}, {"sector": ""}, {"sector": "HT", "extra": 1}, {"sector": "H T"}, [1]],
)
def test_malformed_ticket_requests_are_422(api, kiosk_token, body):
    res = api.post("/tickets", kiosk_token, json=body)
    assert res.status_code == 422
    assert error_of(res)["code"] == "validation_failed"
    assert res.json["error"]["details"]["problems"]


def test_a_body_that_is_not_json_is_422(api, kiosk_token):
    res = api.post("/tickets", kiosk_token, data="sector=HT", content_type="text/plain")
    assert res.status_code == 422


def test_unknown_priority_is_404(api, kiosk_token):
    res = api.post("/tickets", kiosk_token, json={"sector": "HT", "priority": "vip"})
    assert res.status_code == 404 and error_of(res)["code"] == "priority_not_found"


def test_a_ticket_is_followed_by_its_token(api, kiosk_token):
    issue(api, kiosk_token)
    ticket = issue(api, kiosk_token)
    res = api.get(f"/tickets/{ticket['token']}")
    assert res.status_code == 200 and res.json["ticket"]["ahead"] == 1


def test_an_unknown_token_is_404(api):
    res = api.get("/tickets/not-a-real-token")
    assert res.status_code == 404 and error_of(res)["code"] == "ticket_not_found"


def test_a_revoked_device_is_refused(api, app_hall):
    from motcua.storage import user_repo

    token = api.device_token("kiosk")
    with app_hall.db.write() as conn:
        device = user_repo.device_by_token(conn, token)
        user_repo.revoke_device(conn, device.id, app_hall.now())
    assert api.post("/tickets", token, json={"sector": "HT"}).status_code == 401


# officers


def test_officer_token_needs_the_right_password(api):
    api.officer_token("an")
    res = api.post("/auth/token", json={"username": "an", "password": "wrong password"})
    assert res.status_code == 401 and error_of(res)["code"] == "invalid_credentials"
    assert api.post("/auth/token", json={"username": "an"}).status_code == 422


def test_officer_token_carries_role_and_expiry(api):
    from motcua.services.setup import add_staff

    add_staff(api.hall, "boss", "correct horse", "supervisor")
    res = api.post("/auth/token", json={"username": "boss", "password": "correct horse"})
    assert res.json["role"] == "supervisor" and res.json["expires_at"]


def test_an_officer_token_stops_working_when_it_expires(api):
    token = api.officer_token("an")
    assert api.post("/counters/1/open", token).status_code == 200
    # A token already seen (its signature is checked once) still expires on time.
    api.client.application.config["API_TOKEN_HOURS"] = -1
    res = api.post("/counters/1/close", token)
    assert res.status_code == 401 and error_of(res)["code"] == "unauthenticated"


def test_a_forged_bearer_token_is_401(api):
    assert api.post("/counters/1/open", "not.a.token").status_code == 401


# ratings


# cross-cutting


@pytest.mark.parametrize(
    "path",
    ["/tickets", "/counters/1/call-next", "/counters/1/finish", "/ratings", "/auth/token"],
)
def test_no_state_change_on_get(api, path):
    res = api.get(path)
    assert res.status_code == 405 and error_of(res)["code"] == "method_not_allowed"


def test_unknown_api_paths_answer_json_404(api):
    assert error_of(api.get("/nothing-here"))["code"] == "not_found"


def test_openapi_document_describes_every_route(api, app):
    doc = api.get("/openapi.json").json
    assert doc["openapi"].startswith("3.1")
    documented = {(p, m) for p, ops in doc["paths"].items() for m in ops}
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/v1/") and rule.endpoint != "api.openapi":
            path = re.sub(r"<[^:>]+:(\w+)>", r"{\1}", rule.rule.removeprefix("/api/v1"))
            for method in rule.methods - {"HEAD", "OPTIONS"}:
                assert (path, method.lower()) in documented, (path, method)


def test_security_headers_are_set(client):
    res = client.get("/")
    assert res.headers["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in res.headers["Content-Security-Policy"]
    assert res.headers["X-Frame-Options"] == "DENY"


def csrf_from(html: str) -> str:
    return re.search(r'name="csrf-token" content="([^"]+)"', html).group(1)


def sign_in(client, username="an"):
    page = client.get("/login")
    token = csrf_from(page.get_data(as_text=True))
    res = client.post(
        "/login", data={"username": username, "password": "correct horse", "csrf_token": token}
    )
    assert res.status_code == 302, res.get_data(as_text=True)
    return csrf_from(client.get("/").get_data(as_text=True))


def test_a_signed_in_page_must_send_its_csrf_token(api, client, kiosk_token):
    api.officer_token("an", counters=(1,))
    csrf = sign_in(client)
    refused = client.post("/api/v1/counters/1/open")
    assert refused.status_code == 400 and error_of(refused)["code"] == "csrf_failed"
    ok = client.post("/api/v1/counters/1/open", headers={"X-CSRFToken": csrf})
    assert ok.status_code == 200 and ok.json["counter"]["status"] == "open"


def test_login_form_without_csrf_token_does_not_sign_in(api, client):
    api.officer_token("an")
    res = client.post("/login", data={"username": "an", "password": "correct horse"})
    assert res.status_code == 302 and res.headers["Location"] == "/login"
    assert client.post("/api/v1/counters/1/open").status_code == 401


def test_a_paired_kiosk_cookie_issues_with_csrf(api, client):
    from motcua.auth import DEVICE_COOKIE

    client.set_cookie(DEVICE_COOKIE, api.device_token("kiosk"))
    csrf = csrf_from(client.get("/").get_data(as_text=True))
    assert client.post("/api/v1/tickets", json={"sector": "HT"}).status_code == 400
    res = client.post("/api/v1/tickets", json={"sector": "HT"}, headers={"X-CSRFToken": csrf})
    assert res.status_code == 201


def test_ids_beyond_the_databases_range_are_404_not_500(api, kiosk_token, officer_token):
    assert api.post("/counters/99999999999999999999999/finish", officer_token).status_code == 404
    res = api.post(
        "/tickets/99999999999999999999/priority",
        officer_token,
        json={"priority": "elderly", "reason": "x"},
    )
    assert res.status_code == 404
    res = api.post(
        "/ratings", officer_token, json={"ticket": 99999999999999999999, "level": "satisfied"}
    )
    assert res.status_code == 422
