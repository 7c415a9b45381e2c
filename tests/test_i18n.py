"""The translation layer: every user-visible string has a Vietnamese translation, compiled."""

from __future__ import annotations

import gettext
import io
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from motcua.i18n import PARTS_WITH_CATALOGS

ROOT = Path(__file__).resolve().parent.parent
METHOD_MAP = [("**.py", "python"), ("**/templates/**.html", "jinja2")]
KEYWORDS = {"_": None, "gettext": None, "_l": None, "lazy_gettext": None, "ngettext": (1, 2)}


def catalog_path(part: str) -> Path:
    return ROOT / part / "translations" / "vi" / "LC_MESSAGES" / "messages.po"


def source_ids(part: str) -> set[str]:
    found = set()
    for _file, _line, message, _comments, _ctx in extract_from_dir(
        ROOT / part, METHOD_MAP, keywords=KEYWORDS
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


@pytest.mark.parametrize("part", PARTS_WITH_CATALOGS)
def test_every_string_in_the_code_has_a_vietnamese_translation(part):
    ids = source_ids(part)
    if not ids:
        pytest.skip(f"{part} has no user-visible strings yet")
    with catalog_path(part).open("rb") as fh:
        catalog = read_po(fh, locale="vi")
    translated = {
        (m.id if isinstance(m.id, str) else m.id[0]): m.string
        for m in catalog
        if m.id and m.string and "fuzzy" not in m.flags
    }
    untranslated = sorted(ids - set(translated))
    assert not untranslated, f"run `make messages` and translate in {catalog_path(part)}"


@pytest.mark.parametrize("part", PARTS_WITH_CATALOGS)
def test_compiled_catalog_matches_its_source(part):
    po = catalog_path(part)
    if not po.exists():
        pytest.skip(f"{part} has no catalog yet")
    with po.open("rb") as fh:
        catalog = read_po(fh, locale="vi")
    fresh = io.BytesIO()
    write_mo(fresh, catalog)
    fresh.seek(0)
    with po.with_suffix(".mo").open("rb") as fh:
        shipped = gettext.GNUTranslations(fh)
    assert shipped._catalog == gettext.GNUTranslations(fresh)._catalog, "run `make messages`"


def test_no_two_parts_translate_the_same_words_differently():
    """All catalogs merge into one: a later part would silently override an earlier one."""
    seen: dict[str, tuple[str, str]] = {}
    conflicts = []
    for part in PARTS_WITH_CATALOGS:
        po = catalog_path(part)
        if not po.exists():
            continue
        with po.open("rb") as fh:
            for message in read_po(fh, locale="vi"):
                if not message.id or not message.string:
                    continue
                key = message.id if isinstance(message.id, str) else message.id[0]
                if key in seen and seen[key][1] != message.string:
                    conflicts.append(f"{key!r}: {seen[key][0]} vs {part}")
                seen.setdefault(key, (part, message.string))
    assert not conflicts, "give these different English ids or the same Vietnamese:\n" + "\n".join(
        conflicts
    )
