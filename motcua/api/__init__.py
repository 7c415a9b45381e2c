"""JSON API v1 under /api/v1 (documented at /api/v1/openapi.json)."""

from flask import Blueprint, current_app, request

bp = Blueprint("api", __name__, url_prefix="/api/v1")


@bp.before_request
def refuse_changes_without_message_queue():
    """Refuse a state change (503) while pushes cannot reach every server process."""
    if (
        request.method == "POST"
        and request.endpoint != "api.create_token"
        and not current_app.extensions["motcua_queue"].ok()
    ):
        from motcua.api.errors import error_response

        current_app.logger.error(
            "refused %s %s: message queue unavailable", request.method, request.path
        )
        return error_response("unavailable", 503)


from motcua.api import auth, counters, errors, hall, ratings, reports, tickets  # noqa: E402, F401
