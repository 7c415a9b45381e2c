"""Supervision for hall leaders: the live hall and the reports (supervisors and admins)."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the supervision pages and their socket handlers."""
    from supervise import events, live  # noqa: F401  (routes and handlers register on import)
    from supervise.routes import bp

    app.register_blueprint(bp)
