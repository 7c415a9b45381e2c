"""Access to the app's service context (the ``Hall``) from request code."""

from __future__ import annotations

from flask import current_app

from motcua.services.context import Hall


def current_hall() -> Hall:
    return current_app.extensions["motcua_hall"]
