"""Security at the edge: rate limits, cookie flags, headers, no state change on GET."""

from __future__ import annotations

import uuid

import pytest

from motcua.hallconfig import load_config
from motcua.services.setup import apply_config
from tests.conftest import Api
from tests.plugin_counter import csrf_of


@pytest.fixture
def limited(make_app):
    """The app with rate limits on, as in production, but small enough to reach."""
    app = make_app(
        RATELIMIT_ENABLED=True,
        RATE_LIMIT_ANONYMOUS="5/minute",
        RATE_LIMIT_KIOSK="50/minute",
        RATE_LIMIT_LOGIN="3/minute",
    )
    apply_config(app.extensions["motcua_hall"], load_config(None))
    return Api(app.test_client(), app.extensions["motcua_hall"])
    app.extensions["motcua_realtime"].stop()


def test_a_script_hammering_tickets_is_stopped_before_it_drains_numbers(limited):
    codes = [limited.post("/tickets", json={"sector": "HT"}).status_code for _ in range(8)]
    assert codes[:5] == [401] * 5 and codes[5:] == [429] * 3
    refused = limited.post("/tickets", json={"sector": "HT"})
    assert refused.json["error"]["code"] == "rate_limited"
    assert 1 <= int(refused.headers["Retry-After"]) <= 60  # the minute's window resets
    assert "X-RateLimit-Remaining" not in refused.headers


def test_a_paired_kiosk_has_a_generous_limit_of_its_own(limited):
    for _ in range(6):
        limited.post("/tickets", json={"sector": "HT"})  # the anonymous address is spent
    kiosk = limited.device_token("kiosk")
    codes = {limited.post("/tickets", kiosk, json={"sector": "HT"}).status_code for _ in range(30)}
    assert codes == {201}


def test_the_issuing_limit_is_counted_in_redis_where_every_process_counts(make_app):
    """With several processes the count lives in Redis, so a kiosk cannot spread its
    requests over workers to exceed its limit."""
    import redis

    prefix = f"motcua-test-{uuid.uuid4().hex}"
    app = make_app(
        RATELIMIT_ENABLED=True,
        RATELIMIT_STORAGE_URI="redis://127.0.0.1:6379/12",
        RATELIMIT_KEY_PREFIX=prefix,
        RATE_LIMIT_KIOSK="3/minute",
    )
    apply_config(app.extensions["motcua_hall"], load_config(None))
    api = Api(app.test_client(), app.extensions["motcua_hall"])
    kiosk = api.device_token("kiosk")
    codes = [api.post("/tickets", kiosk, json={"sector": "HT"}).status_code for _ in range(4)]
    assert codes == [201, 201, 201, 429]
    store = redis.Redis.from_url("redis://127.0.0.1:6379/12")
    keys = store.keys(f"*{prefix}*")
    try:
        assert len(keys) == 1 and b"api.create_ticket" in keys[0]
        assert int(store.get(keys[0])) == 4  # the refused request is counted too
    finally:
        store.delete(*keys)


def test_an_unreachable_limit_store_never_stops_a_kiosk(make_app, caplog):
    app = make_app(
        RATELIMIT_ENABLED=True,
        RATELIMIT_STORAGE_URI="redis://127.0.0.1:1/0",  # nothing listens there
        RATE_LIMIT_KIOSK="1/minute",
    )
    apply_config(app.extensions["motcua_hall"], load_config(None))
    api = Api(app.test_client(), app.extensions["motcua_hall"])
    kiosk = api.device_token("kiosk")
    codes = [api.post("/tickets", kiosk, json={"sector": "HT"}).status_code for _ in range(2)]
    assert codes == [201, 201]
    assert "rate-limit storage unreachable" in caplog.text


def test_password_guessing_is_rate_limited(limited):
    codes = [
        limited.post("/auth/token", json={"username": "x", "password": f"guess {i}"}).status_code
        for i in range(5)
    ]
    assert codes == [401, 401, 401, 429, 429]


def test_the_sign_in_page_says_when_to_try_again(limited):
    page = limited.client
    token = csrf_of(page.get("/login").get_data(as_text=True))
    form = {"username": "x", "password": "guess", "csrf_token": token}
    assert [page.post("/login", data=form).status_code for _ in range(3)] == [200] * 3
    refused = page.post("/login", data=form)
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["Retry-After"]) <= 60


def test_session_cookie_is_httponly_and_samesite(client):
    res = client.get("/login")
    cookie = res.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie


def test_cookies_are_secure_behind_a_tls_proxy(make_app):
    app = make_app(TRUST_PROXY=True)
    res = app.test_client().get("/login", headers={"X-Forwarded-Proto": "https"})
    assert "Secure" in res.headers["Set-Cookie"]
    assert res.headers["Strict-Transport-Security"].startswith("max-age=")
    app.extensions["motcua_realtime"].stop()


def test_no_route_changes_state_on_get(app):
    """Every route that accepts GET is a read: none of them is shared with a POST handler."""
    for rule in app.url_map.iter_rules():
        if "GET" in rule.methods:
            assert "POST" not in rule.methods or rule.endpoint in {
                "accounts.login",
                "accounts.pair",  # GET shows the form, POST submits it
            }, rule
