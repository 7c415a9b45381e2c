"""Printed tickets: the image, its ESC/POS bytes, the transports, and printer failures."""

from __future__ import annotations

from datetime import datetime

import pytest
from escpos.constants import PAPER_FULL_CUT
from PIL import ImageFont

from printers.fonts import (
    DEFAULT_BOLD,
    DEJAVU,
    VIETNAMESE_LETTERS,
    FontError,
    TicketFonts,
    check_fonts,
    load_font,
    missing_glyphs,
)
from printers.job import PrintOutcome, Timeouts, build_job, send_job
from printers.render import TicketContent, render_ticket
from printers.transports import PrinterUrlError, parse_printer_url
from tests.plugin_printing import PAPER_LOW, PAPER_OUT, decode_raster, read_qr

QR_URL = "http://192.168.1.10:5000/t/q0Hd8Kc2WbW3uGxe"


def content(**changes) -> TicketContent:
    values = dict(
        hall_name="Trung tâm Phục vụ hành chính công phường Bến Thành",
        title="PHIẾU SỐ THỨ TỰ",
        number="1025",
        sector="Đất đai – Xây dựng – Môi trường",
        priority=None,
        ahead="Số người chờ trước bạn: 3",
        issued="Thứ Hai, 24/11/2026 – 09:00",
        qr_url=QR_URL,
        qr_caption="Quét mã để theo dõi lượt trên điện thoại",
        notice="Quá số vui lòng lấy số mới",
    )
    return TicketContent(**(values | changes))


def ink_columns(image) -> set[int]:
    """Return the x of every column holding at least one dot of ink."""
    pixels = image.load()
    return {x for x in range(image.width) for y in range(image.height) if pixels[x, y] == 0}


# --- the image ----------------------------------------------------------------------


@pytest.mark.parametrize("width", [576, 512, 384])
def test_the_ticket_fills_the_paper_width_and_nothing_touches_its_edges(width):
    image = render_ticket(content(), width).image
    assert image.mode == "1" and image.width == width
    inked = ink_columns(image)
    assert inked, "the ticket is blank"
    assert min(inked) >= 8 and max(inked) <= width - 9


def test_the_number_is_by_far_the_largest_text():
    lines = render_ticket(content(), 576).lines
    number = next(line for line in lines if line.text == "1025")
    others = [line.size for line in lines if line is not number]
    assert number.size >= 4 * max(others)


@pytest.mark.parametrize("width", [576, 384])
def test_a_long_sector_name_wraps_and_every_word_is_printed(width):
    name = (
        "Lao động – Thương binh và Xã hội, bảo trợ xã hội, người có công, trẻ em và bình đẳng giới"
    )
    rendered = render_ticket(content(sector=name), width)
    sector_lines = [line.text for line in rendered.lines if line.text in name]
    assert len(sector_lines) >= 2
    assert " ".join(sector_lines) == name
    font_limit = width - 2 * round(16 * width / 576)
    for line in rendered.lines:
        font = TicketFonts().get(line.size, line.bold)
        assert line.x >= 0 and font.getlength(line.text) <= font_limit


def test_a_word_wider_than_the_paper_is_broken_not_cut():
    word = "Đấtđai" * 12
    rendered = render_ticket(content(sector=word), 384)
    pieces = [line.text for line in rendered.lines if line.text and line.text in word]
    assert "".join(pieces) == word


def test_a_priority_ticket_says_which_category():
    rendered = render_ticket(content(priority="Ưu tiên: Người cao tuổi (từ 60 tuổi)"), 576)
    assert any(line.inverted and "Người cao tuổi" in line.text for line in rendered.lines)
    assert not any(line.inverted for line in render_ticket(content(), 576).lines)


@pytest.mark.parametrize("width", [576, 384])
def test_the_qr_code_reads_back_as_the_phone_page(width):
    assert read_qr(render_ticket(content(), width).image) == [QR_URL]


def test_the_date_names_the_vietnamese_weekday(app):
    from flask_babel import force_locale

    from printers.labels import when_issued

    with app.app_context(), force_locale("vi"):
        assert when_issued(datetime(2026, 11, 23, 9, 5)) == "Thứ Hai, 23/11/2026 – 09:05"
        assert when_issued(datetime(2026, 11, 29, 16, 30)) == "Chủ Nhật, 29/11/2026 – 16:30"


# --- fonts --------------------------------------------------------------------------


def test_dejavu_sans_has_every_vietnamese_letter():
    check_fonts(TicketFonts(), ["Tư pháp – Hộ tịch", "Người có công với cách mạng"])
    assert len({letter for letter in VIETNAMESE_LETTERS if not letter.isascii()}) == 134


def test_dejavu_sans_mono_is_refused_naming_the_46_missing_letters():
    mono = TicketFonts(regular=DEJAVU + "DejaVuSansMono.ttf", bold=DEFAULT_BOLD)
    with pytest.raises(FontError) as err:
        check_fonts(mono, [])
    assert "46 character(s)" in str(err.value) and "ỗ" in str(err.value)
    assert "printer.font:" in str(err.value) and "printer.font_bold" not in str(err.value)


def test_pillows_built_in_font_has_no_vietnamese_letter():
    missing = missing_glyphs(ImageFont.load_default(), [VIETNAMESE_LETTERS])
    assert {"ạ", "ư", "đ", "Ở"} <= set(missing)


def test_a_font_file_that_does_not_exist_is_explained():
    with pytest.raises(FontError, match="cannot open the font file /nowhere/font.ttf"):
        load_font("/nowhere/font.ttf", 20)


def test_a_hall_file_with_a_font_lacking_letters_is_refused():
    from hallcore.errors import ConfigError
    from motcua.hallconfig import DEFAULT_CONFIG, parse_config

    text = DEFAULT_CONFIG.read_text(encoding="utf-8").replace(
        '# font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"',
        f'font = "{DEJAVU}DejaVuSansMono.ttf"',
    )
    with pytest.raises(ConfigError, match="printer.font: .*DejaVuSansMono.ttf has no glyph"):
        parse_config(text, "hall.toml")


# --- printer URLs -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "scheme", "kwargs"),
    [
        ("network://192.168.1.50:9100", "network", {"host": "192.168.1.50", "port": 9100}),
        ("network://printer.lan", "network", {"host": "printer.lan", "port": 9100}),
        ("file:///dev/usb/lp0", "file", {"devfile": "/dev/usb/lp0"}),
        ("dummy://", "dummy", {}),
    ],
)
def test_printer_urls_choose_a_python_escpos_transport(url, scheme, kwargs):
    parsed = parse_printer_url(url)
    assert (parsed.scheme, parsed.kwargs) == (scheme, kwargs)


@pytest.mark.parametrize("url", ["none", "", None, " NONE "])
def test_none_means_no_printer(url):
    assert parse_printer_url(url) is None


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("192.168.1.50:9100", "is not a printer URL"),
        ("network://:9100", "give the printer's address"),
        ("network://10.0.0.5:port", "the port must be a number"),
        ("usb://0x0416", "usb://0xVENDOR:0xPRODUCT"),
        ("usb://0x0416:zz", "not a hexadecimal USB id"),
        ("network://10.0.0.5?speed=1", "unknown option(s) speed"),
    ],
)
def test_a_wrong_printer_url_says_how_to_write_it(url, says):
    with pytest.raises(PrinterUrlError, match=says.replace("(", r"\(").replace(")", r"\)")):
        parse_printer_url(url)


def test_a_transport_whose_library_is_missing_says_what_to_install():
    from escpos.printer import Usb

    if Usb.is_usable():
        pytest.skip("pyusb is installed here")
    with pytest.raises(PrinterUrlError, match=r"python-escpos\[usb\]"):
        parse_printer_url("usb://0x0416:0x5011")


# --- the bytes and the transports ---------------------------------------------------


@pytest.mark.parametrize(("width", "width_bytes"), [(576, 72), (512, 64), (384, 48)])
def test_a_job_resets_the_printer_prints_a_raster_then_cuts(width, width_bytes):
    job = build_job(render_ticket(content(), width).image, width)
    assert job.startswith(b"\x1b@")
    assert job.count(b"\x1dv0\x00" + bytes([width_bytes, 0])) >= 1  # GS v 0, normal density
    assert job.endswith(PAPER_FULL_CUT)
    assert job.index(PAPER_FULL_CUT) > job.rindex(b"\x1dv0")


def test_the_raster_decodes_back_to_the_rendered_ticket():
    image = render_ticket(content(priority="Ưu tiên: Phụ nữ mang thai"), 576).image
    assert image.height > 960, "a tall ticket tests the fragments too"
    decoded = decode_raster(build_job(image, 576))
    assert decoded.tobytes() == image.tobytes()


def test_a_network_printer_receives_the_whole_job(network_printer):
    printer = network_printer()
    job = build_job(render_ticket(content(), 576).image, 576)
    outcome = send_job(parse_printer_url(printer.url), job, Timeouts(1, 0.5, 3))
    assert outcome == PrintOutcome("ok")
    assert printer.wait_for_jobs() == [job]


def test_paper_out_is_detected_before_printing(network_printer):
    printer = network_printer(paper=PAPER_OUT)
    job = build_job(render_ticket(content(), 384).image, 384)
    outcome = send_job(parse_printer_url(printer.url), job, Timeouts(1, 0.5, 3))
    assert (outcome.status, outcome.code) == ("failed", "no_paper")
    assert printer.wait_for_jobs() == [b""]  # nothing but the status query was sent


def test_a_nearly_empty_roll_still_prints_and_is_reported(network_printer):
    printer = network_printer(paper=PAPER_LOW)
    job = build_job(render_ticket(content(), 384).image, 384)
    outcome = send_job(parse_printer_url(printer.url), job, Timeouts(1, 0.5, 3))
    assert (outcome.status, outcome.code) == ("ok", "paper_low")
    assert printer.wait_for_jobs() == [job]


def test_a_printer_without_status_replies_still_prints(network_printer):
    printer = network_printer(paper=None)
    job = build_job(render_ticket(content(), 384).image, 384)
    assert send_job(parse_printer_url(printer.url), job, Timeouts(1, 0.3, 3)).ok
    assert printer.wait_for_jobs() == [job]


def test_a_printer_refusing_connections_fails_as_offline(refusing_printer_url):
    job = build_job(render_ticket(content(), 384).image, 384)
    outcome = send_job(parse_printer_url(refusing_printer_url), job, Timeouts(1, 0.5, 3))
    assert (outcome.status, outcome.code) == ("failed", "offline")
    assert "refused" in outcome.detail.lower()


def test_a_printer_that_never_reads_fails_as_timeout(network_printer):
    printer = network_printer(reads=False)
    job = build_job(render_ticket(content(), 576).image, 576)
    outcome = send_job(parse_printer_url(printer.url), job, Timeouts(1, 0.3, 1))
    assert (outcome.status, outcome.code) == ("failed", "timeout")


def test_a_device_file_printer_gets_the_job(tmp_path):
    target = tmp_path / "lp0"
    job = build_job(render_ticket(content(), 384).image, 384)
    assert send_job(parse_printer_url(f"file://{target}"), job, Timeouts()).ok
    assert target.read_bytes() == job


def test_a_missing_device_file_fails_without_raising(tmp_path):
    job = build_job(render_ticket(content(), 384).image, 384)
    outcome = send_job(parse_printer_url(f"file://{tmp_path}/no/lp0"), job, Timeouts())
    assert outcome.status == "failed"
