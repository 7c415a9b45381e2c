"""The ``motcua`` command: init, serve, staff, device, config."""

from __future__ import annotations

import secrets
import sys
from pathlib import Path

import click

from hallcore.errors import ConfigError
from motcua import settings
from motcua.hallconfig import dump_config, load_config, read_config_text
from motcua.services.context import Actor, Hall
from motcua.services.setup import (
    ConfigChangedMeanwhile,
    add_staff,
    apply_config,
    is_configured,
    pair_device,
)
from motcua.storage import migrate
from motcua.storage.database import Database
from motcua.storage.tables import users


def _settings() -> dict:
    instance = settings.instance_path()
    values = settings.defaults(instance) | settings.from_environment()
    values["INSTANCE_PATH"] = instance
    return values


def _hall() -> Hall:
    return Hall(db=Database(_settings()["DATABASE_URL"]))


def _fail(message: str) -> None:
    click.echo(click.style(message, fg="red"), err=True)
    sys.exit(2)


def initialise(config_path: str | None) -> Hall:
    """Migrate the database; on first run load the hall and create the admin account."""
    values = _settings()
    Path(values["INSTANCE_PATH"]).mkdir(parents=True, exist_ok=True)
    settings.secret_key(values["INSTANCE_PATH"])
    hall = Hall(db=Database(values["DATABASE_URL"]))
    migrate.upgrade(hall.db)
    path = config_path or values.get("HALL_CONFIG")
    if not is_configured(hall):
        try:
            apply_config(hall, load_config(path))
        except ConfigError as err:
            _fail(str(err))
        click.echo(f"motcua: hall loaded from {path or 'the built-in commune hall'}")
    elif config_path:
        click.echo("motcua: the hall is already set up; use `motcua config import FILE` to replace")
    with hall.db.read() as conn:
        has_admin = conn.execute(users.select().where(users.c.role == "admin")).first()
    if not has_admin:
        password = secrets.token_urlsafe(9)
        add_staff(hall, "admin", password, "admin", full_name="Quản trị")
        click.echo(click.style(f"motcua: administrator 'admin', password: {password}", bold=True))
        click.echo(
            "        (shown once; reset with `motcua staff add admin --password ... --role admin`)"
        )
    return hall


@click.group()
def main() -> None:
    """motcua: the queue system of a one-stop administrative hall."""


@main.command()
@click.option("--config", "config_path", help="Hall TOML file (default: MOTCUA_CONFIG).")
def init(config_path: str | None) -> None:
    """Create or migrate the database and load the hall on first run."""
    initialise(config_path)
    click.echo("motcua: database ready")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64))
@click.option(
    "--worker", type=click.Choice(["gevent", "eventlet"]), default="gevent", show_default=True
)
def serve(host: str, port: int, workers: int, worker: str) -> None:
    """Run the production server (migrates first)."""
    from motcua.server import check_scale_out
    from motcua.server import serve as run
    from motcua.services.print_jobs import printer_font_problems

    values = _settings()
    check_scale_out(workers, values["DATABASE_URL"], values.get("REDIS_URL"))
    hall = initialise(None)
    problems = printer_font_problems(hall)
    hall.db.dispose()
    if problems:
        _fail("motcua: tickets cannot be printed with this font:\n  " + "\n  ".join(problems))
    run(host, port, workers, worker)


@main.command("backup")
@click.option(
    "--to",
    "folder",
    type=click.Path(file_okay=False),
    default=None,
    help="Folder for the copies (default: INSTANCE/backups).",
)
@click.option("--keep", default=14, show_default=True, help="How many copies to keep.")
def backup_command(folder: str | None, keep: int) -> None:
    """Copy the SQLite database safely while serving (run it daily)."""
    from motcua.backup import backup

    values = _settings()
    target = Path(folder) if folder else Path(values["INSTANCE_PATH"]) / "backups"
    try:
        path = backup(values["DATABASE_URL"], target, keep)
    except ConfigError as err:
        _fail(str(err))
    click.echo(f"motcua: backup written to {path}")


@main.group()
def staff() -> None:
    """Officers and administrators."""


@staff.command("add")
@click.argument("username")
@click.option("--password", required=True, help="At least 8 characters.")
@click.option("--role", type=click.Choice(["counter", "supervisor", "admin"]), required=True)
@click.option("--counter", "counters", type=int, multiple=True, help="Counter allowed (repeat).")
@click.option("--name", "full_name", default="", help="Full name shown on screens.")
def staff_add(username, password, role, counters, full_name) -> None:
    """Create an officer, or reset an existing one's password, role and counters."""
    try:
        add_staff(_hall(), username, password, role, list(counters), full_name)
    except ConfigError as err:
        _fail(str(err))
    click.echo(f"motcua: {username} ({role}) saved")


@main.group()
def device() -> None:
    """Kiosks, displays and rating tablets."""


@device.command("pair")
@click.argument("kind", type=click.Choice(["kiosk", "display", "rating"]))
@click.argument("name")
@click.option("--counter", type=int, help="The counter of a rating tablet.")
@click.option("--sectors", default="", help="Kiosk: only these sector codes, comma-separated.")
@click.option(
    "--printer",
    "printer_url",
    default="",
    help="Kiosk: its own printer instead of the hall's, e.g. network://192.168.1.51:9100 "
    "(none: this kiosk prints nothing).",
)
def device_pair(kind, name, counter, sectors, printer_url) -> None:
    """Register a device and print its token (shown once)."""
    from printers.transports import PrinterUrlError, parse_printer_url

    options = {"sectors": [s for s in sectors.split(",") if s]} if sectors else {}
    if printer_url:
        if kind != "kiosk":
            _fail("--printer is only for kiosks")
        try:
            parse_printer_url(printer_url)
        except PrinterUrlError as err:
            _fail(str(err))
        options["printer_url"] = printer_url.strip()
    try:
        _, token = pair_device(
            _hall(), kind, name, Actor(kind="system", name="cli"), counter, options
        )
    except ConfigError as err:
        _fail(str(err))
    click.echo(token)


@main.group()
def config() -> None:
    """The hall's TOML configuration."""


@config.command("check")
@click.argument("path", required=False)
def config_check(path: str | None) -> None:
    """Validate a hall file (default: MOTCUA_CONFIG or the built-in hall)."""
    target = path or _settings().get("HALL_CONFIG")
    try:
        cfg = load_config(target)
    except ConfigError as err:
        _fail(str(err))
    click.echo(
        f"{target or 'built-in hall'}: OK ({len(cfg.sector)} sectors, "
        f"{len(cfg.counter)} counters, {len(cfg.priority)} priority categories)"
    )


@config.command("import")
@click.argument("path")
def config_import(path: str) -> None:
    """Replace the hall's configuration with a TOML file (history is kept).

    The administrator's import page and this command take the same path, so a file
    that would reissue a number printed today is refused here too.
    """
    from motcua.services.admin_config import import_toml

    hall = _hall()
    migrate.upgrade(hall.db)
    cli_actor = Actor(kind="system", name="cli")
    try:
        if is_configured(hall):
            changes = import_toml(hall, cli_actor, read_config_text(path), source=path)
        else:  # a database without a hall has issued nothing to check against
            changes = apply_config(hall, load_config(path), cli_actor)
    except ConfigError as err:
        _fail(str(err))
    except ConfigChangedMeanwhile:
        _fail("the configuration was being changed on screen meanwhile: run the import again")
    click.echo(f"motcua: hall configuration imported from {path} ({len(changes)} change(s))")


@config.command("export")
def config_export() -> None:
    """Print the hall's current configuration as TOML."""
    from motcua.services.config_export import export_config

    click.echo(dump_config(export_config(_hall())), nl=False)


@main.command()
@click.option(
    "--url", default="http://127.0.0.1:5000", show_default=True, help="The running hall to drive."
)
@click.option("--speed", default=30.0, show_default=True, help="Simulated seconds per second.")
@click.option("--tickets", default=300, show_default=True, help="Citizens in the day.")
@click.option(
    "--service",
    "mean_service_s",
    default=240.0,
    show_default=True,
    help="Mean service time in seconds.",
)
def simulate(url: str, speed: float, tickets: int, mean_service_s: float) -> None:
    """Play a hall day against a running server (watch the display, voice and reports)."""
    from motcua.app import create_app
    from motcua.simulator import prepare
    from motcua.simulator import simulate as run_day

    sim = prepare(create_app(), url)
    click.echo(
        f"motcua: simulating {tickets} citizens at {speed}x on {url} ({len(sim.officers)} counters)"
    )
    outcome, wall = run_day(sim, tickets, speed, mean_service_s)
    click.echo(
        f"motcua: issued {len(outcome.issued)}, served {outcome.ends['done']}, "
        f"absent {outcome.ends['no_show']}, rated {outcome.ratings} in {wall:.0f} s"
    )
    if outcome.errors:
        click.echo(f"motcua: refused requests: {dict(outcome.errors)}")
