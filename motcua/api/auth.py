"""Officer bearer tokens for API clients."""

from __future__ import annotations

from flask import jsonify

from motcua.api import bp
from motcua.api.errors import error_response
from motcua.api.schemas import TokenCreate, parse_body
from motcua.auth import Officer, issue_api_token
from motcua.extensions import limiter
from motcua.hallctx import current_hall
from motcua.ratelimit import login_limit
from motcua.security import verify_password
from motcua.storage import user_repo


def check_credentials(username: str, password: str) -> Officer | None:
    """Return the active officer with this password, or None."""
    with current_hall().db.read() as conn:
        row = user_repo.get_user_by_name(conn, username)
    if row is None or not row.active or not verify_password(row.password_hash, password):
        return None
    return Officer(row)


@bp.post("/auth/token")
@limiter.limit(login_limit)
def create_token():
    """Exchange an officer's user name and password for a bearer token."""
    body = parse_body(TokenCreate)
    officer = check_credentials(body.username, body.password)
    if officer is None:
        return error_response("invalid_credentials", 401)
    token, expires_at = issue_api_token(officer)
    return jsonify(
        {
            "token": token,
            "role": officer.role,
            "expires_at": expires_at.isoformat(timespec="seconds"),
        }
    )
