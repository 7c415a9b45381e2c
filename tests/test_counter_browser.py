"""The counter workstation and the rating tablet in real Chromium pages."""

from __future__ import annotations

import re
import signal

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from motcua.services.setup import add_staff
from motcua.storage import hall_repo
from motcua.storage.tables import counters, ratings, sectors, tickets, users
from tests.helpers import live_db
from tests.liveserver import PASSWORD
from tests.plugin_browser import screenshot
from tests.plugin_counter import live_device

pytestmark = pytest.mark.browser


def issue(live_server, kiosk: str, sector: str = "HT", priority: str | None = None) -> dict:
    body = {"sector": sector, **({"priority": priority} if priority else {})}
    res = live_server.post("/api/v1/tickets", kiosk, json=body)
    assert res.status_code == 201, res.text
    return res.json()["ticket"]


def test_an_officer_serves_by_keyboard_and_the_tablet_records_exactly_one_rating(
    live_server, live_hall, new_page, open_desk
):
    kiosk = live_device(live_hall, "kiosk")
    tablet_token = live_device(live_hall, "rating", 1)
    ticket = issue(live_server, kiosk)
    desk = open_desk()
    tablet = new_page("/rating/1", width=800, height=1280, device_token=tablet_token)
    expect(tablet.locator("#idle-officer")).to_have_text("Cán bộ phục vụ: Nguyễn Văn An")
    screenshot(tablet, "tablet-idle")

    desk.keyboard.press("Enter")
    expect(desk.locator("#current-number")).to_have_text("1001")
    desk.keyboard.press("NumpadAdd")  # finish, from the numeric keypad
    expect(desk.locator("#current-none")).to_be_visible()

    expect(tablet.locator("#ask")).to_be_visible()
    expect(tablet.locator("#ask-ticket")).to_have_text("Phiếu số 1001 · Tư pháp – Hộ tịch")
    levels = tablet.locator("#levels .level")
    expect(levels).to_have_text(["Rất hài lòng", "Hài lòng", "Không hài lòng"])
    screenshot(tablet, "tablet-prompt")
    tablet.get_by_role("button", name="Rất hài lòng").click()
    expect(tablet.locator("#thanks")).to_be_visible()
    screenshot(tablet, "tablet-thanks")
    expect(desk.locator("#tally [data-k='ratings']")).to_have_text("1")

    db = live_db(live_server)
    with db.read() as conn:
        rows = conn.execute(
            select(ratings, tickets.c.number, counters.c.number, users.c.username, sectors.c.code)
            .join(tickets, tickets.c.id == ratings.c.ticket_id)
            .join(counters, counters.c.id == ratings.c.counter_id)
            .join(users, users.c.id == ratings.c.officer_id)
            .join(sectors, sectors.c.id == ratings.c.sector_id)
        ).all()
    db.dispose()
    assert len(rows) == 1
    row = rows[0]
    assert (row.ticket_id, row.level, row.source) == (ticket["id"], "very_satisfied", "device")
    assert row[-4:] == ("1001", 1, "an", "HT")


def test_the_workstation_follows_the_queue_live_transfers_and_pauses_by_keypad(
    live_server, live_hall, open_desk
):
    kiosk = live_device(live_hall, "kiosk")
    desk = open_desk()
    ht = desk.locator("#queue [data-sector='HT'] .waiting-count")
    expect(ht).to_have_text("0")
    expect(desk.locator("#arrival")).to_be_hidden()
    desk.keyboard.press("Enter")
    expect(desk.locator("#message")).to_have_text("Không có công dân nào đang chờ.")

    issue(live_server, kiosk)
    expect(ht).to_have_text("1")
    expect(desk.locator("#arrival")).to_be_visible()  # the queue went from empty to waiting
    issue(live_server, kiosk, priority="elderly")
    issue(live_server, kiosk, "CT")
    issue(live_server, kiosk, "CT")
    expect(desk.locator("#queue [data-sector='HT'] .chip.priority")).to_contain_text("1002")
    expect(desk.locator("#queue [data-sector='CT'] .waiting-count")).to_have_text("2")

    desk.keyboard.press("NumpadEnter")
    expect(desk.locator("#current-number")).to_have_text("1002")  # priority goes first
    expect(desk.locator("#current-facts")).to_contain_text("Ưu tiên: Người cao tuổi")
    desk.keyboard.press("NumpadDecimal")
    expect(desk.locator("#current-facts")).to_contain_text("Đã gọi 2 lần")
    screenshot(desk, "desk-serving-1366")
    desk.set_viewport_size({"width": 1920, "height": 1080})
    screenshot(desk, "desk-serving-1920")
    desk.set_viewport_size({"width": 1366, "height": 768})

    desk.keyboard.press("NumpadMultiply")
    expect(desk.locator("#transfer-dialog")).to_be_visible()
    screenshot(desk, "desk-transfer-1366")
    desk.keyboard.press("Numpad1")  # Chứng thực: the first area other than the ticket's own
    desk.keyboard.press("NumpadEnter")
    expect(desk.locator("#message")).to_have_text(
        "Đã chuyển số 1002 sang Chứng thực, giữ nguyên thứ tự chờ."
    )
    expect(desk.locator("#queue [data-sector='CT'] .waiting-count")).to_have_text("3")
    expect(desk.locator("#queue [data-sector='CT'] .next li").first).to_contain_text("1002")
    moved = desk.locator("#recent tr.st-transferred")
    moved.get_by_role("button", name="In lại").click()  # the citizen now waits in CT
    expect(desk.locator("#message")).to_have_text("Đang in lại phiếu số 1002.")

    desk.keyboard.press("NumpadSubtract")
    expect(desk.locator("#pause-dialog")).to_be_visible()
    screenshot(desk, "desk-pause-dialog-1366")
    desk.keyboard.press("Numpad1")
    desk.keyboard.press("Enter")
    expect(desk.locator("#counter-status")).to_have_text("Tạm dừng: Nghỉ giải lao")
    expect(desk.locator("[data-action='call']")).to_be_disabled()
    screenshot(desk, "desk-paused-1366")
    desk.set_viewport_size({"width": 1920, "height": 1080})
    screenshot(desk, "desk-paused-1920")
    desk.set_viewport_size({"width": 1366, "height": 768})
    desk.keyboard.press("-")
    expect(desk.locator("#counter-status")).to_have_text("Đang mở")
    expect(desk.locator("body")).not_to_have_class(re.compile("busy"))  # the same key again
    desk.keyboard.press("-")  # while its action still runs would count as a bounce
    desk.fill("#pause-other", "Họp giao ban - 0")  # typing never fires a shortcut
    desk.keyboard.press("Enter")
    expect(desk.locator("#counter-status")).to_have_text("Tạm dừng: Họp giao ban - 0")
    desk.keyboard.press("-")
    expect(desk.locator("#counter-status")).to_have_text("Đang mở")

    ct = desk.locator("#queue [data-sector='CT'] .waiting-count")
    desk.keyboard.press("Enter")  # the transferred priority ticket goes first in Chứng thực
    expect(desk.locator("#current-number")).to_have_text("1002")
    expect(ct).to_have_text("2")
    desk.keyboard.press("Numpad0")  # absent
    expect(desk.locator("#current-none")).to_be_visible()
    desk.get_by_role("button", name="Xếp lại hàng").click()
    expect(desk.locator("#requeue-reason")).to_have_value("Công dân đã quay lại")
    desk.keyboard.press("Enter")
    expect(desk.locator("#message")).to_have_text("Số 1002 đã được xếp lại vào hàng chờ.")
    expect(ct).to_have_text("3")
    desk.keyboard.press("Enter")
    expect(desk.locator("#message")).to_have_text("Đang mời số 1002.")
    desk.keyboard.press("+")
    expect(desk.locator("#pending-text")).to_contain_text("Công dân đang đánh giá số 1002")
    desk.get_by_role("button", name="Đánh giá thay").first.click()
    desk.keyboard.press("2")
    desk.keyboard.press("Enter")
    expect(desk.locator("#message")).to_have_text("Đã ghi nhận đánh giá cho số 1002.")
    expect(desk.locator("#tally [data-k='ratings']")).to_have_text("1")
    expect(desk.locator("#recent tr").first).to_contain_text("Đã đánh giá")
    screenshot(desk, "desk-recent-1366")
    # Served since: no paper is needed any more, so no reprint is offered.
    expect(desk.locator("#recent").get_by_role("button", name="In lại")).to_have_count(0)

    desk.goto(live_server.url + "/counter")
    expect(desk.locator(".counter-card.mine")).to_contain_text("Bạn đang làm việc tại đây")
    screenshot(desk, "desk-choose-1920")
    desk.set_viewport_size({"width": 1366, "height": 768})
    screenshot(desk, "desk-choose-1366")


def test_a_finished_ticket_survives_a_restart_and_the_tablet_asks_why_when_unsatisfied(
    live_server, live_hall, new_page, open_desk
):
    kiosk = live_device(live_hall, "kiosk")
    tablet_token = live_device(live_hall, "rating", 1)
    issue(live_server, kiosk)
    issue(live_server, kiosk)
    desk = open_desk()
    desk.keyboard.press("Enter")
    expect(desk.locator("#current-number")).to_have_text("1001")
    desk.keyboard.press("+")
    expect(desk.locator("#pending-rating")).to_be_visible()

    live_server.stop(signal.SIGINT)  # gunicorn's quick shutdown: no graceful wait
    live_server.start()  # the tablet was offline: its request now comes from the database
    tablet = new_page("/rating/1", width=800, height=1280, device_token=tablet_token)
    expect(tablet.locator("#ask-ticket")).to_have_text("Phiếu số 1001 · Tư pháp – Hộ tịch")
    tablet.get_by_role("button", name="Không hài lòng").click()
    expect(tablet.locator("#why")).to_be_visible()
    tablet.get_by_role("button", name="Thái độ phục vụ").click()
    tablet.fill("#comment", "Chờ lâu quá")
    screenshot(tablet, "tablet-reasons")
    tablet.get_by_role("button", name="Gửi đánh giá").click()
    expect(tablet.locator("#thanks")).to_be_visible()

    desk.reload()  # the officer's session survived the restart
    desk.wait_for_selector("body[data-live='1']")
    expect(desk.locator("#tally [data-k='ratings']")).to_have_text("1")
    desk.keyboard.press("Enter")
    expect(desk.locator("#current-number")).to_have_text("1002")

    db = live_db(live_server)
    with db.read() as conn:
        stored = conn.execute(select(ratings.c.level, ratings.c.reasons, ratings.c.comment)).all()
    db.dispose()
    assert [tuple(r) for r in stored] == [("unsatisfied", ["attitude"], "Chờ lâu quá")]


def test_the_tablet_gives_up_after_the_timeout_and_explains_a_refused_rating(
    live_server, live_hall, new_page
):
    add_staff(live_hall, "an", PASSWORD, "counter", [1])
    with live_hall.db.write() as conn:
        rating = hall_repo.load_settings(conn)["rating"] | {"timeout_s": 5}
        hall_repo.save_setting(conn, "rating", rating, live_hall.now())
    officer = live_server.token("an")
    kiosk = live_device(live_hall, "kiosk")
    token = live_device(live_hall, "rating", 1)
    tablet = new_page("/rating/1", width=800, height=1280, device_token=token)
    issue(live_server, kiosk)
    issue(live_server, kiosk)
    for action in ("open", "call-next", "finish"):
        assert live_server.post(f"/api/v1/counters/1/{action}", officer).ok
    expect(tablet.locator("#ask")).to_be_visible()
    expect(tablet.locator("#idle")).to_be_visible(timeout=10000)  # nobody tapped
    with live_hall.db.read() as conn:
        assert conn.execute(select(ratings)).first() is None

    for action in ("call-next", "finish"):
        assert live_server.post(f"/api/v1/counters/1/{action}", officer).ok
    expect(tablet.locator("#ask-ticket")).to_contain_text("1002")
    with live_hall.db.write() as conn:  # rated elsewhere meanwhile, unheard by this tablet
        ticket = conn.execute(select(tickets).where(tickets.c.number == "1002")).first()
        conn.execute(
            ratings.insert().values(
                ticket_id=ticket.id,
                level="satisfied",
                reasons=[],
                comment="",
                counter_id=ticket.counter_id,
                officer_id=ticket.officer_id,
                sector_id=ticket.sector_id,
                source="officer",
                created_at=ticket.finished_at,
            )
        )
    tablet.get_by_role("button", name="Hài lòng", exact=True).click()
    expect(tablet.locator(".thanks-title")).to_have_text("Phiếu này đã được đánh giá. Xin cảm ơn.")
    with live_hall.db.read() as conn:
        assert len(conn.execute(select(ratings)).all()) == 1
