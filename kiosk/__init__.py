"""The touch kiosk where citizens take a number, and the phone page its QR code opens."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the kiosk and phone pages and their socket handlers."""
    from kiosk import events  # noqa: F401  (handlers must exist before socketio.init_app)
    from kiosk.routes import bp

    app.register_blueprint(bp)
