"""The counter workstation for officers, and the counter's satisfaction-rating tablet."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the counter pages and socket handlers (imported before socketio.init_app)."""
    from counter import events  # noqa: F401
    from counter.routes import bp

    app.register_blueprint(bp)
