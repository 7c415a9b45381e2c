"""Helpers of the Socket.IO tests of the counter page and the rating tablet."""

from __future__ import annotations


def post(client, path, json=None):
    """POST to the JSON API as a signed-in page does (cookie + CSRF header)."""
    return client.post(f"/api/v1{path}", json=json, headers={"X-CSRFToken": client.csrf})


def issue(api, kiosk, sector="HT"):
    """Issue a ticket with a kiosk's bearer token; return its JSON."""
    res = api.post("/tickets", kiosk, json={"sector": sector})
    assert res.status_code == 201
    return res.json["ticket"]


def received(socket, namespace, name=None):
    """Return the (event, payload) pairs a test socket received since last asked."""
    packets = socket.get_received(namespace)
    return [(p["name"], p["args"][0]) for p in packets if name is None or p["name"] == name]
