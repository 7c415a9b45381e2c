"""Printing at the command line: pairing with a printer URL, refusing a font without Vietnamese."""

from __future__ import annotations


def run_cli(tmp_path, *args, **env):
    from click.testing import CliRunner

    from motcua.cli import main

    environment = {"MOTCUA_INSTANCE": str(tmp_path / "instance"), "MOTCUA_DATABASE_URL": ""}
    return CliRunner().invoke(main, list(args), env=environment | env)


def test_pairing_a_kiosk_with_a_wrong_printer_url_says_how_to_write_it(tmp_path):
    result = run_cli(tmp_path, "device", "pair", "kiosk", "K1", "--printer", "192.168.1.50")
    assert result.exit_code == 2 and "network://192.168.1.50:9100" in result.output
    result = run_cli(tmp_path, "device", "pair", "display", "TV", "--printer", "none")
    assert result.exit_code == 2 and "only for kiosks" in result.output


def test_serve_refuses_to_start_when_the_ticket_font_lost_its_vietnamese_letters(tmp_path):
    import shutil
    import subprocess
    import sys

    from motcua.hallconfig import DEFAULT_CONFIG
    from printers.fonts import DEFAULT_REGULAR, DEJAVU
    from tests.serverproc import ROOT, server_env

    font = tmp_path / "ticket.ttf"
    shutil.copy(DEFAULT_REGULAR, font)
    hall_file = tmp_path / "hall.toml"
    hall_file.write_text(
        DEFAULT_CONFIG.read_text(encoding="utf-8").replace(
            '# font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"', f'font = "{font}"'
        ),
        encoding="utf-8",
    )
    env = server_env(tmp_path / "instance")

    def motcua(*args: str) -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "motcua", *args]
        return subprocess.run(
            command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=60
        )

    assert motcua("init", "--config", str(hall_file)).returncode == 0
    shutil.copy(DEJAVU + "DejaVuSansMono.ttf", tmp_path / "mono.ttf")
    (tmp_path / "mono.ttf").replace(font)  # someone swapped the font file later
    result = motcua("serve", "--port", "1")
    assert result.returncode == 2
    assert "tickets cannot be printed with this font" in result.stderr
    assert f"printer.font: {font} has no glyph for 46 character(s)" in result.stderr
