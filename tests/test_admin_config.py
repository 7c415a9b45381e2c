"""Administrators change the hall's configuration through one path (both engines)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from hallcore.errors import Forbidden, SectorNotFound
from hallcore.events import HallChanged
from motcua.configcheck import ConfigInvalid
from motcua.hallconfig import dump_config
from motcua.services import admin_config, hall_items, tickets
from motcua.services.calls import call_next
from motcua.services.config_diff import change_line
from motcua.services.config_export import export_config
from motcua.storage.tables import audit_log, sectors
from motcua.storage.tables import tickets as tickets_table
from tests.helpers import device, officer, signed_in


@pytest.fixture
def admin(hall):
    return officer(hall, "boss", (), role="admin")


def audits(hall, action=None) -> list:
    stmt = select(audit_log).order_by(audit_log.c.id)
    if action:
        stmt = stmt.where(audit_log.c.action == action)
    with hall.db.read() as conn:
        return conn.execute(stmt).all()


def lines(row) -> list[str]:
    return [change_line(c) for c in row.detail["changes"]]


def problems_of(err) -> dict:
    return {p.where: p.code for p in err.value.problems}


def test_a_section_edit_takes_effect_and_is_audited_with_old_and_new(hall, admin, events):
    changes = admin_config.update_section(
        hall, admin, "display", {"notice": "Nghỉ trưa 11:30–13:30", "recent": 8}
    )
    assert [change_line(c) for c in changes] == [
        "display.notice: Trung tâm Phục vụ hành chính công kính chào Quý công dân"
        " → Nghỉ trưa 11:30–13:30",
        "display.recent: 5 → 8",
    ]
    assert export_config(hall).display.recent == 8
    assert hall.config().settings.sections["display"]["notice"] == "Nghỉ trưa 11:30–13:30"
    row = audits(hall, "config.display")[-1]
    assert (row.actor, row.actor_id) == ("boss", admin.id)
    assert lines(row) == [change_line(c) for c in changes]
    assert events.of(HallChanged)


def test_an_invalid_value_names_its_field_and_nothing_is_applied(hall, admin, events):
    before = len(audits(hall))
    with pytest.raises(ConfigInvalid) as err:
        admin_config.update_section(
            hall, admin, "queue", {"interleave": 0, "default_service_s": "năm phút"}
        )
    assert problems_of(err) == {
        ("queue", "interleave"): "greater_than_equal",
        ("queue", "default_service_s"): "int_parsing",
    }
    assert export_config(hall).queue.interleave == 3
    assert len(audits(hall)) == before and not events.of(HallChanged)


def test_an_edit_that_changes_nothing_writes_nothing(hall, admin, events):
    before = len(audits(hall))
    assert admin_config.update_section(hall, admin, "kiosk", {"idle_s": 45}) == []
    assert len(audits(hall)) == before and not events.of(HallChanged)


def test_a_sector_edit_records_the_readable_diff(hall, admin):
    hall_items.save_item(hall, admin, "sector", {"daily_cap": 200, "name": "Hộ tịch"}, ident="HT")
    row = audits(hall, "sector.edit")[-1]
    assert row.target == "sector HT"
    assert lines(row) == [
        "sector HT.name: Tư pháp – Hộ tịch → Hộ tịch",
        "sector HT.daily_cap: 999 → 200",
    ]
    assert hall.config().sector("HT").name == "Hộ tịch"


def test_a_new_sector_is_validated_like_the_toml(hall, admin):
    new = {"code": "KT", "name": "Kinh tế", "start": 6001, "daily_cap": 999}
    hall_items.save_item(hall, admin, "sector", new)
    assert hall.config().sector("KT").name == "Kinh tế"
    with pytest.raises(ConfigInvalid) as err:
        hall_items.save_item(hall, admin, "sector", new | {"start": 7001})
    assert problems_of(err) == {("sector", 6, "code"): "duplicate"}
    with pytest.raises(ConfigInvalid) as err:
        hall_items.save_item(hall, admin, "sector", {"code": "XD", "name": "Xây dựng"})
    assert problems_of(err) == {("sector", 6, "start"): "series_clash"}
    assert err.value.problems[0].params == {"a": "HT", "b": "XD"}
    with pytest.raises(ConfigInvalid) as err:
        hall_items.save_item(
            hall, admin, "sector", {"code": "a b", "name": "", "prefix": "x", "start": 8001}
        )
    assert problems_of(err) == {
        ("sector", 6, "code"): "string_pattern_mismatch",
        ("sector", 6, "name"): "string_too_short",
        ("sector", 6, "prefix"): "string_pattern_mismatch",
    }


def test_a_counter_cannot_serve_an_unknown_or_repeated_sector(hall, admin):
    with pytest.raises(ConfigInvalid) as err:
        hall_items.save_item(hall, admin, "counter", {"sectors": ["HT", "ZZ"]}, ident=1)
    assert problems_of(err) == {("counter", 0, "sectors"): "unknown_sector"}
    with pytest.raises(ConfigInvalid) as err:
        hall_items.save_item(hall, admin, "counter", {"sectors": ["HT", "HT"]}, ident=1)
    assert problems_of(err) == {("counter", 0, "sectors"): "sector_twice"}
    hall_items.save_item(hall, admin, "counter", {"number": 5, "name": "Quầy 5", "sectors": ["DD"]})
    assert hall.config().counter(5).sectors == ("DD",)


def test_a_series_cannot_move_onto_numbers_already_issued_today(hall, admin, clock):
    kiosk = device(hall)
    for _ in range(3):
        tickets.issue_ticket(hall, "HT", None, kiosk)  # 1001, 1002, 1003
    with pytest.raises(ConfigInvalid) as err:
        hall_items.save_item(hall, admin, "sector", {"start": 1000}, ident="HT")
    assert problems_of(err) == {("sector", 0, "start"): "issued_today"}
    assert err.value.problems[0].params == {"number": "1003"}
    hall_items.save_item(hall, admin, "sector", {"start": 1101, "daily_cap": 899}, ident="HT")
    assert tickets.issue_ticket(hall, "HT", None, kiosk).ticket.number == "1104"
    clock.advance(days=1)
    hall_items.save_item(hall, admin, "sector", {"start": 1001, "daily_cap": 999}, ident="HT")


def test_deactivating_a_sector_keeps_its_history_and_leaves_its_counters(hall, admin):
    kiosk = device(hall)
    an = signed_in(hall, "an", 3)
    issued = tickets.issue_ticket(hall, "DD", None, kiosk).ticket
    with pytest.raises(hall_items.StillInUse):
        hall_items.deactivate_item(hall, admin, "sector", "DD")
    call_next(hall, 3, an)
    with pytest.raises(hall_items.StillInUse):  # still being served
        hall_items.deactivate_item(hall, admin, "sector", "DD")
    call_next(hall, 3, an)  # finishes it; nobody else waits
    changes = hall_items.deactivate_item(hall, admin, "sector", "DD")
    assert "sector DD: deactivated" in [change_line(c) for c in changes]
    assert "counter 3.sectors: DD, TKQ → TKQ" in [change_line(c) for c in changes]
    assert hall.config().sector("DD") is None
    with hall.db.read() as conn:
        row = conn.execute(select(sectors).where(sectors.c.code == "DD")).one()
        kept = conn.execute(select(tickets_table).where(tickets_table.c.id == issued.id)).one()
    assert row.active is False and kept.sector_id == row.id
    hall_items.reactivate_item(hall, admin, "sector", "DD")
    assert hall.config().sector("DD").name == "Đất đai – Xây dựng – Môi trường"
    with pytest.raises(SectorNotFound):
        hall_items.reactivate_item(hall, admin, "sector", "DD")


def test_a_counter_left_without_sectors_is_refused_with_its_place(hall, admin):
    hall_items.save_item(hall, admin, "counter", {"sectors": ["CT"]}, ident=2)
    hall_items.save_item(hall, admin, "counter", {"sectors": ["HT"]}, ident=1)
    with pytest.raises(ConfigInvalid) as err:
        hall_items.deactivate_item(hall, admin, "sector", "CT")
    assert problems_of(err) == {("counter", 1, "sectors"): "too_short"}
    assert hall.config().sector("CT") is not None


def test_a_counter_serving_a_citizen_cannot_be_deactivated(hall, admin):
    kiosk = device(hall)
    an = signed_in(hall, "an", 2)
    tickets.issue_ticket(hall, "CT", None, kiosk)
    call_next(hall, 2, an)
    with pytest.raises(hall_items.StillInUse):
        hall_items.deactivate_item(hall, admin, "counter", 2)
    hall_items.deactivate_item(hall, admin, "counter", 4)
    assert hall.config().counter(4) is None
    assert hall_items.inactive_items(hall, "counter") == [
        {"number": 4, "name": "Quầy 4", "sectors": ["VHXH", "TKQ"]}
    ]


def test_priority_categories_are_reordered_and_deactivated(hall, admin):
    codes = [p.code for p in hall.config().priorities]
    hall_items.move_item(hall, admin, "priority", codes[1], -1)
    assert [p.code for p in hall.config().priorities][:2] == [codes[1], codes[0]]
    row = audits(hall, "priority.move")[-1]
    assert lines(row)[0].startswith(f"priority order: {codes[0]}, {codes[1]}")
    hall_items.deactivate_item(hall, admin, "priority", codes[0])
    assert codes[0] not in [p.code for p in hall.config().priorities]
    hall_items.save_item(hall, admin, "priority", {"name": "Người cao tuổi"}, ident=codes[1])
    assert hall.config().priorities[0].name == "Người cao tuổi"


def test_only_an_administrator_may_change_the_configuration(hall):
    for role in ("counter", "supervisor"):
        someone = officer(hall, f"x{role}", (), role=role)
        with pytest.raises(Forbidden):
            admin_config.update_section(hall, someone, "hall", {"name": "X"})
        with pytest.raises(Forbidden):
            hall_items.deactivate_item(hall, someone, "sector", "HT")


def test_toml_import_previews_then_applies_and_an_invalid_file_changes_nothing(hall, admin):
    text = dump_config(export_config(hall))
    assert admin_config.preview_import(hall, admin, text)[1] == []
    edited = text.replace('name = "Quầy 4"', 'name = "Quầy Bốn"')
    assert [change_line(c) for c in admin_config.preview_import(hall, admin, edited)[1]] == [
        "counter 4.name: Quầy 4 → Quầy Bốn"
    ]
    admin_config.import_toml(hall, admin, edited)
    assert hall.config().counter(4).name == "Quầy Bốn"
    assert audits(hall, "config.import")[-1].actor == "boss"
    broken = edited.replace("daily_cap = 999", "daily_cap = -1", 1)
    with pytest.raises(ConfigInvalid) as err:
        admin_config.import_toml(hall, admin, broken)
    assert problems_of(err) == {("sector", 0, "daily_cap"): "greater_than_equal"}
    with pytest.raises(ConfigInvalid) as err:
        admin_config.import_toml(hall, admin, "[hall\n")
    assert problems_of(err) == {(): "toml"}
    assert dump_config(export_config(hall)) == edited


def test_an_edit_based_on_a_stale_configuration_is_not_applied(hall, admin):
    from motcua.services.setup import ConfigChangedMeanwhile, apply_config

    stale = admin_config.current_config(hall)
    admin_config.update_section(hall, admin, "kiosk", {"idle_s": 60})
    edited = export_config(hall).model_copy(
        update={"display": export_config(hall).display.model_copy(update={"recent": 9})}
    )
    before = len(audits(hall))
    with pytest.raises(ConfigChangedMeanwhile):
        apply_config(hall, edited, admin, expected=stale)
    assert len(audits(hall)) == before and export_config(hall).display.recent == 5
    assert export_config(hall).kiosk.idle_s == 60


def test_the_cli_import_records_its_changes_too(hall):
    cfg = export_config(hall)
    from motcua.services.context import Actor
    from motcua.services.setup import apply_config

    renamed = cfg.model_copy(update={"hall": cfg.hall.model_copy(update={"name": "UBND xã A"})})
    apply_config(hall, renamed, Actor(kind="system", name="cli"))
    row = audits(hall, "config.apply")[-1]
    assert row.actor == "cli" and row.actor_id is None
    assert lines(row) == ["hall.name: Trung tâm Phục vụ hành chính công → UBND xã A"]
    assert dump_config(export_config(hall)).count("UBND xã A") == 1
