"""Home, sign-in/out and device pairing."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from hallcore.errors import ConfigError
from motcua.api.auth import check_credentials
from motcua.auth import DEVICE_COOKIE, current_device
from motcua.extensions import limiter
from motcua.hallctx import current_hall
from motcua.ratelimit import login_limit
from motcua.services.setup import pair_device
from motcua.services.snapshot import hall_snapshot
from motcua.web import bp
from motcua.web.forms import EmptyForm, LoginForm, PairForm

DEVICE_HOME = {"kiosk": "/kiosk", "display": "/display", "rating": "/rating/{counter}"}
TEN_YEARS = 10 * 365 * 24 * 3600


def safe_next(target: str | None, fallback: str) -> str:
    """Only follow same-site relative redirects."""
    if (
        target
        and target.startswith("/")
        and not target.startswith("//")
        and not urlsplit(target).netloc
    ):
        return target
    return fallback


@bp.get("/")
def home():
    """The start page: what this server offers, for the IT officer and staff."""
    return render_template(
        "accounts/home.html",
        snapshot=hall_snapshot(current_hall(), recent=0),
        device=current_device(),
        form=EmptyForm(),
    )


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(login_limit, methods=["POST"])
def login():
    """Officer sign-in with user name and password."""
    form = LoginForm()
    if form.validate_on_submit():
        officer = check_credentials(form.username.data.strip(), form.password.data)
        if officer is not None:
            login_user(officer, remember=True)
            return redirect(safe_next(request.args.get("next"), url_for("accounts.home")))
        flash(_("Wrong user name or password."), "error")
    return render_template("accounts/login.html", form=form)


@bp.post("/logout")
def logout():
    """Sign out (POST with CSRF: signing out is a state change)."""
    if EmptyForm().validate_on_submit():
        logout_user()
    return redirect(url_for("accounts.login"))


def _pair_choices(form: PairForm) -> None:
    snapshot = hall_snapshot(current_hall(), recent=0)
    form.counter.choices = [(0, "—")] + [(c["number"], c["name"]) for c in snapshot.counters]
    form.sectors.choices = [(s["code"], s["name"]) for s in snapshot.sectors]


@bp.route("/devices/pair", methods=["GET", "POST"])
@login_required
def pair():
    """Pair this browser as a kiosk, display or rating tablet (sets a long-lived cookie)."""
    form = PairForm(kind=request.args.get("kind", "kiosk"))
    _pair_choices(form)
    if form.validate_on_submit():
        kind, counter = form.kind.data, form.counter.data or None
        role = current_user.role
        if kind != "rating" and role not in ("admin", "supervisor"):
            abort(403)
        if kind == "rating" and role == "counter" and counter not in _own_counters():
            abort(403)
        options = {"sectors": form.sectors.data} if kind == "kiosk" and form.sectors.data else {}
        try:
            _, token = pair_device(
                current_hall(),
                kind,
                form.name.data.strip(),
                current_user.actor(),
                counter=counter if kind == "rating" else None,
                options=options,
            )
        except ConfigError as err:
            flash(str(err), "error")
            return render_template("accounts/pair.html", form=form), 400
        logout_user()  # the device keeps only its own token, not the officer's session
        response = redirect(DEVICE_HOME[kind].format(counter=counter))
        response.set_cookie(
            DEVICE_COOKIE,
            token,
            max_age=TEN_YEARS,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure,
        )
        return response
    return render_template("accounts/pair.html", form=form)


def _own_counters() -> list[int]:
    from motcua.storage import user_repo

    with current_hall().db.read() as conn:
        return user_repo.user_counter_numbers(conn, current_user.user_id)
