"""Administration: an administrator configures the hall from the browser, without files.

Pages under ``/admin`` (administrators only): the hall and its rules, sectors,
counters, priority categories, officers, devices, voice, printer, the whole
configuration as TOML, and the audit log.
"""

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the administration pages."""
    from admin.routes import bp

    app.register_blueprint(bp)
