"""WSGI entry point for gunicorn (``motcua serve`` starts it with the right worker)."""

from motcua.app import create_app
from motcua.housekeeping import start_housekeeping

app = create_app()
start_housekeeping(app)
