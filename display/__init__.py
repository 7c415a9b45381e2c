"""The hall display: calls, counters and queues on the TV, with the spoken announcement."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the display page, its socket handlers and the voice (before socketio.init_app)."""
    from display import events  # noqa: F401
    from display.routes import bp
    from motcua import voice

    app.register_blueprint(bp)
    voice.init_app(app)
