"""The kiosk and the phone page in Debian's Chromium, against a real ``motcua serve``."""

from __future__ import annotations

import re
import signal
from datetime import UTC, datetime

import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from motcua.services.context import Actor
from motcua.services.setup import add_staff, pair_device
from tests.helpers import live_server_hall
from tests.liveserver import PASSWORD
from tests.plugin_browser import screenshot
from tests.plugin_printing import decode_raster, read_qr, set_printer

pytestmark = pytest.mark.browser

PORTRAIT = {"width": 1080, "height": 1920}
LANDSCAPE = {"width": 1920, "height": 1080}
PHONE = {"width": 390, "height": 844}
FAILED = "Máy in đang gặp sự cố — vui lòng ghi nhớ số của bạn"


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    """One server for this module's kiosk tests: each pairs its own kiosk and never relies
    on ticket numbers another test may have taken (start-up dominates a browser test)."""
    from tests.liveserver import LiveServer

    server = LiveServer(tmp_path_factory.mktemp("kiosk"))
    server.cli("init")
    server.start()
    yield server
    server.stop()


def pair_kiosk(live_server, printer: str = "", *, cli: bool = False) -> str:
    """Pair a kiosk (with its own printer when given) and return its token."""
    name = "Máy lấy số cửa chính"
    if cli:  # as the IT officer does it: `motcua device pair kiosk NAME --printer URL`
        return live_server.cli("device", "pair", "kiosk", name, "--printer", printer).strip()
    options = {"printer_url": printer} if printer else {}
    with live_server_hall(live_server) as hall:
        return pair_device(hall, "kiosk", name, Actor("system", "test"), None, options)[1]


def sector(page, code: str):
    return page.locator(f'#sectors button[data-sector="{code}"]')


def waiting(live_server, code: str) -> int:
    sectors = live_server.get("/api/v1/hall").json()["sectors"]
    return next(s["waiting"] for s in sectors if s["code"] == code)


def shown_token(page) -> str:
    return page.locator("#ticket-qr").get_attribute("src").split("/")[2]


def qr_shown(page) -> None:
    """Wait until the confirmation's QR code has loaded and has a size."""
    page.wait_for_function("() => document.getElementById('ticket-qr').naturalWidth > 0")


def test_a_tap_gives_a_number_and_a_double_tap_gives_only_one(live_server, new_page):
    page = new_page("/kiosk", **PORTRAIT, device_token=pair_kiosk(live_server))
    expect(sector(page, "HT")).to_contain_text("Tư pháp – Hộ tịch")
    screenshot(page, "kiosk-portrait-start")
    for code, tap in (("HT", "dblclick"), ("CT", "same-turn")):
        before = waiting(live_server, code)
        if tap == "dblclick":
            sector(page, code).dblclick()
        else:  # two taps inside one event-loop turn: the first one locks the buttons
            sector(page, code).evaluate("button => { button.click(); button.click(); }")
        expect(page.locator("#screen-ticket")).to_be_visible()
        issued = live_server.get(f"/api/v1/tickets/{shown_token(page)}").json()["ticket"]
        expect(page.locator("#ticket-number")).to_have_text(issued["number"])
        assert issued["sector"] == code and waiting(live_server, code) == before + 1
        page.locator("#ticket-done").click()
    sector(page, "HT").click()
    expect(page.locator("#ticket-sector")).to_have_text("Tư pháp – Hộ tịch")
    expect(page.locator("#ticket-ahead")).to_contain_text("Số người chờ trước bạn: ")
    expect(page.locator("#ticket-counters")).to_have_text("Quầy phục vụ: Quầy 1, Quầy 2")
    expect(page.locator("#ticket-print")).to_have_text("Vui lòng ghi nhớ số của bạn")
    qr_shown(page)
    screenshot(page, "kiosk-portrait-confirmation")


def test_the_priority_path_takes_two_deliberate_taps(live_server, new_page):
    page = new_page("/kiosk", **PORTRAIT, device_token=pair_kiosk(live_server))
    page.locator("#priority-open").click()
    expect(page.locator("#screen-priority h1")).to_have_text("Bạn thuộc đối tượng ưu tiên nào?")
    screenshot(page, "kiosk-portrait-priority")
    page.locator('#priorities [data-priority="elderly"]').click()
    expect(page.locator("#priority-chosen")).to_have_text("Ưu tiên: Người cao tuổi (từ 60 tuổi)")
    sector(page, "DD").click()
    expect(page.locator("#ticket-priority")).to_have_text("Ưu tiên: Người cao tuổi (từ 60 tuổi)")
    token = shown_token(page)
    assert live_server.get(f"/api/v1/tickets/{token}").json()["ticket"]["priority"] == "elderly"


def test_an_idle_kiosk_returns_to_the_start_in_vietnamese(live_server, new_page):
    page = new_page("/kiosk", **PORTRAIT, device_token=pair_kiosk(live_server))
    page.clock.install(time=datetime(2026, 11, 24, 2, 0, tzinfo=UTC))
    page.reload()
    expect(page.locator("#clock")).to_have_text("Thứ Ba, 24/11/2026 – 09:00")  # the hall's time
    expect(page.locator("#lang")).to_have_text("English")
    page.locator("#lang").click()
    expect(page.locator("#choose-title")).to_have_text("Touch the service you need")
    expect(page.locator("#lang")).to_have_text("Tiếng Việt")
    page.locator("#priority-open").click()
    expect(page.locator("#screen-priority")).to_be_visible()
    page.clock.fast_forward("00:46")  # kiosk.idle_s is 45
    expect(page.locator("#screen-start")).to_be_visible()
    expect(page.locator("#choose-title")).to_have_text("Chạm vào lĩnh vực cần giải quyết")
    sector(page, "TKQ").click()
    expect(page.locator("#screen-ticket")).to_be_visible()
    page.clock.fast_forward("00:11")  # kiosk.return_after_s is 10
    expect(page.locator("#screen-start")).to_be_visible()
    expect(sector(page, "TKQ")).to_contain_text(f"{waiting(live_server, 'TKQ')} người đang chờ")


def test_with_the_printer_unplugged_the_kiosk_still_hands_out_numbers(
    live_server, new_page, refusing_printer_url
):
    token = pair_kiosk(live_server, printer=refusing_printer_url)
    page = new_page("/kiosk", **LANDSCAPE, device_token=token)
    screenshot(page, "kiosk-landscape-start")
    tokens = []
    for code in ("HT", "CT", "CT"):
        if len(tokens) == 2:
            page.set_viewport_size(PORTRAIT)
        sector(page, code).click()
        expect(page.locator("#screen-ticket")).to_be_visible()
        expect(page.locator("#ticket-print")).to_have_text(FAILED)
        tokens.append(shown_token(page))
        issued = live_server.get(f"/api/v1/tickets/{tokens[-1]}").json()["ticket"]
        expect(page.locator("#ticket-number")).to_have_text(issued["number"])
        assert (issued["sector"], issued["status"]) == (code, "waiting")
        qr_shown(page)
        screenshot(page, f"kiosk-{'portrait' if len(tokens) == 3 else 'landscape'}-printer-failure")
        page.locator("#ticket-done").click()
    with live_server_hall(live_server) as hall:
        add_staff(hall, "chi", PASSWORD, "supervisor")
    boss = live_server.token("chi")
    failed = live_server.get("/api/v1/print-jobs?status=failed", boss).json()["print_jobs"]
    assert len(failed) == 3 and {job["printer"] for job in failed} == {refusing_printer_url}


def test_without_a_websocket_the_kiosk_works_over_plain_http(live_server, new_page):
    kiosk = pair_kiosk(live_server)
    page = new_page("/", **PORTRAIT)
    page.route_web_socket(re.compile(r".*/socket\.io/.*"), lambda ws: ws.close())
    page.clock.install()
    page.context.add_cookies([{"name": "motcua_device", "value": kiosk, "url": live_server.url}])
    page.goto(live_server.url + "/kiosk")
    expect(page.locator("#offline")).to_be_visible()
    before = waiting(live_server, "CT")
    live_server.post("/api/v1/tickets", kiosk, json={"sector": "CT"})  # another kiosk's ticket
    page.clock.fast_forward("00:11")  # the counts are fetched every 10 s while offline
    expect(sector(page, "CT")).to_contain_text(f"{before + 1} người đang chờ")
    sector(page, "CT").click()
    expect(page.locator("#screen-ticket")).to_be_visible()
    assert waiting(live_server, "CT") == before + 2


def test_the_kiosk_reconnects_after_a_restart_and_counts_come_live(live_server, new_page):
    kiosk = pair_kiosk(live_server)
    page = new_page("/kiosk", **PORTRAIT, device_token=kiosk)
    expect(page.locator("#offline")).to_be_hidden()
    live_server.stop(signal.SIGKILL)  # the server PC loses power and comes back
    live_server.start()
    before = waiting(live_server, "TKQ")
    expect(page.locator("#offline")).to_be_hidden()  # connected again...
    live_server.post("/api/v1/tickets", kiosk, json={"sector": "TKQ"})
    expect(sector(page, "TKQ")).to_contain_text(f"{before + 1} người đang chờ")  # ...and pushed


def test_closed_and_full_services_are_greyed_with_the_reason(live_server, new_page):
    from zoneinfo import ZoneInfo

    from motcua.hallconfig import SectorItem, load_config
    from motcua.services.setup import apply_config

    today = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).weekday()
    another_day = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[(today + 3) % 7]
    config = load_config(None)
    extra = [
        SectorItem(code="XN", name="Cấp đổi giấy tờ", start=8001, daily_cap=1),
        SectorItem(code="XH", name="Tiếp công dân", start=9001, hours=f"{another_day} 08:00-09:00"),
    ]
    with live_server_hall(live_server) as hall:
        apply_config(hall, config.model_copy(update={"sector": [*config.sector, *extra]}))
    # Another process changed the configuration: the server's very next request sees it.
    kiosk = pair_kiosk(live_server)
    assert live_server.post("/api/v1/tickets", kiosk, json={"sector": "XN"}).status_code == 201
    page = new_page("/kiosk", **PORTRAIT, device_token=kiosk)
    expect(sector(page, "XN")).to_contain_text("Hôm nay đã hết số")
    expect(sector(page, "XN")).to_be_disabled()
    expect(sector(page, "XH")).to_contain_text("Hiện chưa cấp số")
    expect(sector(page, "XH")).to_be_disabled()
    expect(sector(page, "HT")).to_be_enabled()
    screenshot(page, "kiosk-portrait-closed-sectors")


def test_a_jammed_printer_keeps_the_citizen_informed_then_shows_the_number(
    live_server, new_page, network_printer
):
    jammed = network_printer(reads=False)
    with live_server_hall(live_server) as hall:
        set_printer(hall, connect_timeout_s=0.5)  # the hall's limit, for every printer
    page = new_page("/kiosk", **PORTRAIT, device_token=pair_kiosk(live_server, jammed.url))
    sector(page, "DD").click()
    expect(page.locator("#busy")).to_have_text("Đang in phiếu…")
    expect(page.locator("#screen-ticket")).to_be_visible()
    expect(page.locator("#ticket-print")).to_have_text(FAILED)
    issued = live_server.get(f"/api/v1/tickets/{shown_token(page)}").json()["ticket"]
    expect(page.locator("#ticket-number")).to_have_text(issued["number"])


def _line_pixels(image: Image.Image, line) -> bytes:
    return image.crop((0, line.top, image.width, line.bottom)).tobytes()


def test_a_kiosk_ticket_prints_vietnamese_correctly_on_a_network_printer(
    live_server, new_page, network_printer, tmp_path
):
    from motcua.app import create_app
    from motcua.services.printing import prepare_print
    from motcua.services.tickets import ticket_status
    from printers.render import render_ticket

    printer = network_printer()
    kiosk = pair_kiosk(live_server, printer.url, cli=True)
    page = new_page("/kiosk", **LANDSCAPE, device_token=kiosk)
    page.locator("#lang").click()
    page.locator("#priority-open").click()
    screenshot(page, "kiosk-landscape-priority")
    page.locator('#priorities [data-priority="pregnant"]').click()
    sector(page, "VHXH").click()
    expect(page.locator("#ticket-print")).to_have_text("Please take your printed ticket")
    qr_shown(page)
    screenshot(page, "kiosk-landscape-confirmation")
    printed = decode_raster(printer.wait_for_jobs()[0])
    token = shown_token(page)
    assert printed.width == 576
    assert read_qr(printed) == [f"{live_server.url}/t/{token}"]

    app = create_app(
        {
            "DATABASE_URL": f"sqlite:///{live_server.instance / 'motcua.db'}",
            "INSTANCE_PATH": str(tmp_path / "reader"),
            "SECRET_KEY": "reader",
        }
    )
    hall = app.extensions["motcua_hall"]
    with app.test_request_context():
        prepared = prepare_print(hall, ticket_status(hall, token), live_server.url)
        fresh = render_ticket(prepared.content, prepared.width, prepared.fonts)
    hall.db.dispose()
    app.extensions["motcua_realtime"].stop()
    assert printed.tobytes() == fresh.image.tobytes()
    # Each Vietnamese line on paper is exactly that text drawn alone in DejaVu Sans.
    texts = {line.text: line for line in fresh.lines}
    for text in ("PHIẾU SỐ THỨ TỰ", "4001", "Văn hóa – Xã hội / chính sách"):
        line = texts[text]
        alone = Image.new("1", printed.size, 255)
        draw = ImageDraw.Draw(alone)
        draw.fontmode = "1"
        font = prepared.fonts.get(line.size, line.bold)
        draw.text((line.x, line.baseline), text, font=font, fill=0, anchor="ls")
        assert _line_pixels(printed, line) == _line_pixels(alone, line), text
    assert "Ưu tiên: Phụ nữ mang thai" in texts
    screenshot_ticket(fresh.image, "ticket-576")
    with app.test_request_context():
        screenshot_ticket(render_ticket(prepared.content, 384, prepared.fonts).image, "ticket-384")


def screenshot_ticket(image: Image.Image, name: str) -> None:
    import os

    folder = os.environ.get("MOTCUA_SCREENSHOTS")
    if folder:
        os.makedirs(folder, exist_ok=True)
        image.save(os.path.join(folder, f"{name}.png"))
