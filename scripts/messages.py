"""Refresh every part's Vietnamese catalog: extract → update → compile (``make messages``).

Message ids are English; translate the new empty entries of each
``<part>/translations/vi/LC_MESSAGES/messages.po``, then run this again.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARTS = ("motcua", "kiosk", "display", "counter", "printers", "supervise", "admin")
KEYWORDS = ["-k", "_l", "-k", "lazy_gettext", "-k", "ngettext:1,2"]


def pybabel(*args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "-q", *args], check=True, cwd=ROOT
    )


def refresh(part: str) -> None:
    source = ROOT / part
    catalogs = source / "translations"
    with tempfile.TemporaryDirectory() as tmp:
        pot = Path(tmp) / "messages.pot"
        pybabel(
            "extract",
            "-F",
            "babel.cfg",
            *KEYWORDS,
            "--no-location",
            "--sort-output",
            "-o",
            str(pot),
            str(source.relative_to(ROOT)),
        )
        if 'msgid "' not in pot.read_text().split("\n\n", 1)[-1]:
            return
        po = catalogs / "vi" / "LC_MESSAGES" / "messages.po"
        if po.exists():
            pybabel(
                "update",
                "--no-fuzzy-matching",
                "--ignore-obsolete",
                "-i",
                str(pot),
                "-d",
                str(catalogs),
                "-l",
                "vi",
            )
        else:
            pybabel("init", "-i", str(pot), "-d", str(catalogs), "-l", "vi")
    pybabel("compile", "-d", str(catalogs), "-l", "vi")


if __name__ == "__main__":
    for name in sys.argv[1:] or PARTS:
        refresh(name)
