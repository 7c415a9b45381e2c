"""The translation layer: Flask-Babel with Vietnamese as the default language.

Message ids are English; every part (motcua, kiosk, display, counter, ...) keeps
its own ``translations/`` catalog and Flask-Babel merges them. A page can switch
language with ``?lang=en`` (remembered in a cookie); the hall's default applies
otherwise, never the browser's Accept-Language (a hall screen must not change
language because of how its browser was installed).
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

from flask import Flask, current_app, request
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from motcua.extensions import babel

LANGUAGES = ("vi", "en")
# Monday first, as datetime.weekday() counts (the ticket, the kiosk and display clocks).
WEEKDAYS = (
    _l("Monday"),
    _l("Tuesday"),
    _l("Wednesday"),
    _l("Thursday"),
    _l("Friday"),
    _l("Saturday"),
    _l("Sunday"),
)


def weekday_names(*, sunday_first: bool = False) -> list[str]:
    """Return the weekday names in the current language (Sunday first for JS getDay())."""
    names = [str(day) for day in WEEKDAYS]
    return names[6:] + names[:6] if sunday_first else names


LANG_COOKIE = "lang"
PARTS_WITH_CATALOGS = ("motcua", "kiosk", "display", "counter", "printers", "supervise", "admin")


def translation_directories() -> list[str]:
    """Return every part's translations folder."""
    dirs = []
    for name in PARTS_WITH_CATALOGS:
        folder = Path(next(iter(import_module(name).__path__))) / "translations"
        if folder.is_dir():
            dirs.append(str(folder))
    return dirs


def select_locale() -> str:
    asked = request.args.get("lang") or request.cookies.get(LANG_COOKIE)
    if asked in LANGUAGES:
        return asked
    return current_app.config.get("DEFAULT_LANGUAGE", "vi")


def remember_language(response):
    """Keep an explicit ``?lang=`` choice in a cookie (a display preference, not state)."""
    asked = request.args.get("lang")
    if asked in LANGUAGES and request.cookies.get(LANG_COOKIE) != asked:
        response.set_cookie(LANG_COOKIE, asked, max_age=365 * 24 * 3600, samesite="Lax")
    return response


def init_i18n(app: Flask) -> None:
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = ";".join(translation_directories())
    app.config.setdefault("BABEL_DEFAULT_LOCALE", "vi")
    babel.init_app(app, locale_selector=select_locale)
    app.after_request(remember_language)
    app.jinja_env.globals["current_language"] = lambda: str(get_locale())
