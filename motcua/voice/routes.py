"""``GET /audio/call/<key>/<number>/<counter>.wav``: the spoken call, as a cached WAV."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, send_file

bp = Blueprint("voice", __name__)


@bp.get("/audio/call/<key>/<number>/<counter:counter>.wav")
def call_audio(key: str, number: str, counter: int):
    """Serve the call of ``number`` to ``counter`` in the voice named by ``key``."""
    announcer = current_app.extensions["motcua_voice"]
    try:
        path = announcer.audio_file(key, number, counter)
    except Exception:
        current_app.logger.exception("voice: audio for %s at counter %s failed", number, counter)
        abort(503)
    if path is None or not path.exists():
        abort(404)
    response = send_file(path, mimetype="audio/wav", max_age=86400, conditional=True)
    response.headers["Cache-Control"] = "public, max-age=86400, immutable"
    return response
