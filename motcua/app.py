"""The application factory."""

from __future__ import annotations

import logging
from importlib import import_module

from flask import Flask, flash, redirect, request
from flask.sessions import SecureCookieSessionInterface
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_limiter.errors import RateLimitExceeded
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError
from werkzeug.middleware.proxy_fix import ProxyFix

from motcua import settings
from motcua.converters import CONVERTERS
from motcua.extensions import csrf, limiter, login_manager, socketio
from motcua.i18n import init_i18n
from motcua.mq import QueueHealth, client_manager, require_client
from motcua.presence import Presence
from motcua.ratelimit import retry_after
from motcua.services.context import EventBus, Hall, utc_now
from motcua.storage.database import Database

# The hall's parts; each registers its pages and socket handlers in init_app(app).
PARTS = ("display", "kiosk", "counter", "supervise", "admin")

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; media-src 'self' blob: data:; connect-src 'self' ws: wss:; "
    "font-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'"
)


def _configure(app: Flask, instance: str, test_config: dict | None) -> None:
    app.config.from_mapping(settings.defaults(instance))
    app.config.from_pyfile("motcua.cfg", silent=True)
    app.config.update(settings.from_environment())
    if test_config:
        app.config.update(test_config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = settings.secret_key(instance)
    public = app.config.get("PUBLIC_URL") or ""
    if public.startswith("https://"):
        app.config.update(SESSION_COOKIE_SECURE=True, REMEMBER_COOKIE_SECURE=True)
    require_client(app.config["REDIS_URL"])
    app.config.setdefault("RATELIMIT_STORAGE_URI", app.config["REDIS_URL"] or "memory://")
    # If Redis hiccups, count in memory rather than fail sign-ins and kiosks.
    app.config.setdefault("RATELIMIT_SWALLOW_ERRORS", True)
    app.config.setdefault("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", True)


class HallSessionInterface(SecureCookieSessionInterface):
    """Signed-cookie sessions whose cookie is Secure whenever the request came over HTTPS."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config["SESSION_COOKIE_SECURE"] or request.is_secure)

    def open_session(self, app: Flask, request):
        # Kiosks, tablets and API clients send no session cookie: an empty session then
        # needs no signing serializer (this runs for every request).
        if not request.cookies.get(self.get_cookie_name(app)):
            return self.session_class()
        return super().open_session(app, request)


def _security_headers(response):
    """Harden every response; over HTTPS (direct or via a trusted proxy) cookies are Secure."""
    if request.is_secure:
        cookies = response.headers.getlist("Set-Cookie")
        if cookies:
            response.headers.setlist(
                "Set-Cookie",
                [c if "; Secure" in c else f"{c}; Secure" for c in cookies],
            )
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("Content-Security-Policy", CSP)
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    return response


def _json_errors_for_api(app: Flask) -> None:
    from motcua.api.errors import HTTP_CODES, error_response

    @app.errorhandler(HTTPException)
    def http_error(err: HTTPException):
        if request.path.startswith("/api/"):
            return error_response(HTTP_CODES.get(err.code, "bad_request"), err.code or 400)
        if isinstance(err, RateLimitExceeded):  # the sign-in page: say when to try again
            response = err.get_response()
            response.headers.update(retry_after(limiter))
            return response
        return err

    @app.errorhandler(CSRFError)
    def csrf_expired(err: CSRFError):
        if request.path.startswith("/api/"):
            return error_response("csrf_failed", 400)
        flash(_("The page has expired; please try again."), "error")
        return redirect(request.full_path if request.method == "GET" else request.path)

    @app.errorhandler(Exception)
    def unexpected(err: Exception):
        app.logger.exception("unhandled error on %s %s", request.method, request.path)
        if request.path.startswith("/api/"):
            return error_response("server_error", 500)
        return InternalServerError()


def create_app(test_config: dict | None = None) -> Flask:
    """Create the motcua app: defaults, then environment, then ``test_config``."""
    instance = (test_config or {}).get("INSTANCE_PATH") or settings.instance_path()
    app = Flask(
        __name__,
        instance_path=instance,
        instance_relative_config=True,
        static_folder=str(settings.ROOT / "static"),
    )
    _configure(app, instance, test_config)
    # Registered first so it runs last: it must see every cookie other hooks set.
    app.after_request(_security_headers)
    app.session_interface = HallSessionInterface()
    app.url_map.converters.update(CONVERTERS)
    app.json.ensure_ascii = False  # Vietnamese stays readable in API responses
    app.json.sort_keys = False
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    if app.config["TRUST_PROXY"]:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)

    db = Database(app.config["DATABASE_URL"])
    hall = Hall(db=db, bus=EventBus(), clock=app.config.get("CLOCK") or utc_now)
    app.extensions["motcua_hall"] = hall
    app.extensions["motcua_presence"] = Presence(hall)

    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    # Flask-Login's own message is English; the sign-in page speaks the hall's language.
    login_manager.login_message = _l("Please sign in to open this page.")
    login_manager.login_message_category = "info"
    csrf.init_app(app)
    limiter.init_app(app)
    # Only decorated views are limited (no default or application-wide limits) and their
    # decorator checks by itself; the check Flask-Limiter adds before every request
    # would only cost each call, finish and rating its time.
    checks = app.before_request_funcs.get(None, [])
    if limiter._check_request_limit in checks:  # absent when limits are disabled
        checks.remove(limiter._check_request_limit)
    init_i18n(app)

    from motcua import reactions
    from motcua.api import bp as api_bp
    from motcua.web import bp as web_bp

    csrf.exempt(api_bp)  # the API checks CSRF itself for cookie-authenticated calls
    app.register_blueprint(api_bp)
    app.register_blueprint(web_bp)
    for name in PARTS:
        import_module(name).init_app(app)

    # Every events.py is imported above (by the parts' init_app) before init_app,
    # so the second create_app in a test run still has all socket handlers.
    manager = client_manager(app)
    socketio.init_app(app, async_mode=app.config["ASYNC_MODE"], client_manager=manager)
    app.extensions["motcua_queue"] = QueueHealth(manager)
    reactions.attach(app)
    _json_errors_for_api(app)
    return app
