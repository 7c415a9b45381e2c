"""Shared pages: home, officer sign-in/out, and pairing a device to this browser."""

from flask import Blueprint

bp = Blueprint("accounts", __name__)

from motcua.web import routes  # noqa: E402, F401
