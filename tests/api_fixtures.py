"""Helpers shared by the API tests."""

from __future__ import annotations


def issue(api, kiosk, sector="HT", **extra):
    res = api.post("/tickets", kiosk, json={"sector": sector, **extra})
    assert res.status_code == 201, res.json
    return res.json["ticket"]


def error_of(res) -> dict:
    assert set(res.json) == {"error"}
    assert {"code", "message"} <= set(res.json["error"])
    return res.json["error"]


# hall
