"""The ``motcua`` command line, run as a user runs it."""

from __future__ import annotations

import subprocess
import sys

from sqlalchemy import select

from motcua.services import tickets
from motcua.services.context import Actor, Hall
from motcua.storage.database import Database
from motcua.storage.tables import sectors, users
from tests.serverproc import ROOT, cli, server_env


def run(env, *args):
    return subprocess.run(
        [sys.executable, "-m", "motcua", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )


def test_init_creates_the_default_hall_and_an_admin_once(tmp_path):
    env = server_env(tmp_path / "instance")
    first = cli(env, "init")
    assert "administrator 'admin', password:" in first
    assert "built-in commune hall" in first
    assert "administrator" not in cli(env, "init")
    db = Database(f"sqlite:///{tmp_path / 'instance' / 'motcua.db'}")
    with db.read() as conn:
        codes = list(conn.execute(select(sectors.c.code).order_by(sectors.c.position)).scalars())
        roles = list(conn.execute(select(users.c.role)).scalars())
    assert codes == ["HT", "CT", "DD", "VHXH", "TKQ"] and roles == ["admin"]
    assert (tmp_path / "instance" / "secret_key").stat().st_mode & 0o777 == 0o600


def test_init_loads_the_hall_named_by_motcua_config(tmp_path):
    hall = tmp_path / "hall.toml"
    hall.write_text(
        '[hall]\nname = "Phường Bến Nghé"\n'
        '[[sector]]\ncode = "HT"\nname = "Hộ tịch"\nstart = 1001\n'
        '[[counter]]\nnumber = 1\nname = "Quầy 1"\nsectors = ["HT"]\n',
        encoding="utf-8",
    )
    env = server_env(tmp_path / "instance", MOTCUA_CONFIG=str(hall))
    cli(env, "init")
    assert 'name = "Phường Bến Nghé"' in cli(env, "config", "export")


def test_config_check_says_what_is_wrong_and_where(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[[sector]]\ncode = "HT"\nname = "Hộ tịch"\nstart = 1001\n'
        '[[sector]]\ncode = "CT"\nname = "Chứng thực"\nstart = 2001\n'
        '[[counter]]\nnumber = 1\nname = "Quầy 1"\nsectors = ["HT", "XX"]\n',
        encoding="utf-8",
    )
    out = run(server_env(tmp_path / "i"), "config", "check", str(bad))
    assert out.returncode == 2
    assert "counter[1].sectors: no sector has code 'XX'" in out.stderr
    assert "sector 'HT' and sector 'CT' could print the same number" in out.stderr


def test_config_check_reports_toml_syntax_with_its_line(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[hall\nname = 1\n", encoding="utf-8")
    out = run(server_env(tmp_path / "i"), "config", "check", str(bad))
    assert out.returncode == 2 and "line 1" in out.stderr


def test_config_check_accepts_the_example_file():
    out = run(server_env(ROOT / "nowhere"), "config", "check", str(ROOT / "hall.example.toml"))
    assert out.returncode == 0 and "5 sectors, 4 counters" in out.stdout


def test_config_export_then_import_round_trips(tmp_path):
    env = server_env(tmp_path / "instance")
    cli(env, "init")
    exported = tmp_path / "export.toml"
    exported.write_text(cli(env, "config", "export").replace("Quầy 1", "Quầy Một"), "utf-8")
    cli(env, "config", "import", str(exported))
    assert 'name = "Quầy Một"' in cli(env, "config", "export")


def test_staff_add_validates_role_password_and_counter(tmp_path):
    env = server_env(tmp_path / "instance")
    cli(env, "init")
    assert "an (counter) saved" in cli(
        env,
        "staff",
        "add",
        "an",
        "--password",
        "correct horse",
        "--role",
        "counter",
        "--counter",
        "1",
    )
    short = run(env, "staff", "add", "an", "--password", "short", "--role", "counter")
    assert short.returncode == 2 and "at least 8" in short.stderr
    nowhere = run(
        env,
        "staff",
        "add",
        "an",
        "--password",
        "long enough",
        "--role",
        "counter",
        "--counter",
        "9",
    )
    assert nowhere.returncode == 2 and "no counter numbered 9" in nowhere.stderr


def test_device_pair_prints_a_token_that_works(tmp_path):
    env = server_env(tmp_path / "instance")
    cli(env, "init")
    token = cli(env, "device", "pair", "rating", "Tablet 1", "--counter", "1").strip()
    assert token.startswith("dev_") and len(token) > 40
    missing = run(env, "device", "pair", "rating", "Tablet 2")
    assert missing.returncode == 2 and "belongs to a counter" in missing.stderr


def test_config_import_refuses_a_series_moved_onto_numbers_issued_today(tmp_path):
    env = server_env(tmp_path / "instance")
    cli(env, "init")
    hall = Hall(db=Database(f"sqlite:///{tmp_path / 'instance' / 'motcua.db'}"))
    officer = Actor(kind="officer", name="an", id=1, role="counter")
    issued = [tickets.issue_ticket(hall, "HT", None, officer).ticket.number for _ in range(3)]
    assert issued == ["1001", "1002", "1003"]
    exported = cli(env, "config", "export")
    moved = tmp_path / "moved.toml"
    moved.write_text(exported.replace("start = 1001", "start = 1000", 1), "utf-8")
    out = run(env, "config", "import", str(moved))
    assert out.returncode == 2
    assert "number 1003 was already issued today" in out.stderr
    assert cli(env, "config", "export") == exported  # nothing was applied


def test_config_import_asks_to_run_again_when_the_screens_kept_changing_it(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from motcua.cli import main
    from motcua.services import admin_config
    from motcua.services.setup import ConfigChangedMeanwhile

    env = server_env(tmp_path / "instance")
    cli(env, "init")
    edited = tmp_path / "edited.toml"
    edited.write_text(cli(env, "config", "export").replace("Quầy 1", "Quầy Một"), "utf-8")

    def changed_meanwhile(*args, **kwargs):
        raise ConfigChangedMeanwhile()

    monkeypatch.setattr(admin_config, "apply_config", changed_meanwhile)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    result = CliRunner().invoke(main, ["config", "import", str(edited)])
    assert result.exit_code == 2
    assert "run the import again" in result.output
