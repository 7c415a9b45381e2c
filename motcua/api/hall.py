"""The public view of the hall, and the API's own description."""

from __future__ import annotations

from dataclasses import asdict

from flask import current_app, jsonify
from sqlalchemy.exc import SQLAlchemyError

from motcua.api import bp
from motcua.api.openapi import openapi_document
from motcua.hallctx import current_hall
from motcua.services.snapshot import hall_snapshot


@bp.get("/hall")
def get_hall():
    """Return the hall's sectors (waiting, open), counters (status, current ticket)."""
    return jsonify(asdict(hall_snapshot(current_hall())))


@bp.get("/health")
def health():
    """Say whether the database and the message queue answer (503 when one does not)."""
    checks = {"database": database_answers(), "message_queue": queue_answers()}
    return jsonify(checks), 200 if all(checks.values()) else 503


def database_answers() -> bool:
    try:
        with current_hall().db.read() as conn:
            conn.exec_driver_sql("SELECT 1")
        return True
    except SQLAlchemyError:
        return False


def queue_answers() -> bool:
    return current_app.extensions["motcua_queue"].ok()


@bp.get("/openapi.json")
def openapi():
    """Return the OpenAPI 3.1 document of this API."""
    return jsonify(openapi_document())
