"""The Vietnamese voice that calls numbers: verbaliser, engines and the audio route.

``init_app`` registers ``app.extensions["motcua_voice"]`` (an ``Announcer``); the
realtime module asks it for the sentence and audio URL of every call.
"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the announcer and ``/audio/…``, and say at start-up whether the voice works."""
    from motcua.voice.announcer import Announcer
    from motcua.voice.routes import bp

    announcer = Announcer(app.instance_path, app.config["ASYNC_MODE"])
    app.extensions["motcua_voice"] = announcer
    app.register_blueprint(bp)
    with app.app_context():
        try:
            announcer.check_now()
        except Exception as err:  # no database yet (before `motcua init`): checked at first call
            app.logger.info("voice: not checked at start-up (%s)", err.__class__.__name__)
