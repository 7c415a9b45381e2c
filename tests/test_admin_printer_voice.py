"""The printer's test ticket and the voice preview, through the real print path and audio route."""

from __future__ import annotations

import io
import wave

from sqlalchemy import select

from motcua.storage.tables import audit_log, print_jobs, tickets
from tests.plugin_admin import admin_post
from tests.plugin_printing import decode_raster, read_qr

PRINTER_FORM = {
    "width": "576",
    "notice": "Quá số vui lòng lấy số mới",
    "connect_timeout_s": "1,5",
    "font": "",
    "font_bold": "",
}


def flashes(client) -> str:
    return client.get("/admin/printer").get_data(as_text=True)


def test_the_test_ticket_prints_on_the_configured_printer(app, admin_client, network_printer):
    printer = network_printer()
    saved = admin_post(admin_client, "/admin/printer", PRINTER_FORM | {"url": printer.url})
    assert saved.status_code == 302
    hall = app.extensions["motcua_hall"]
    assert hall.config().settings.sections["printer"]["connect_timeout_s"] == 1.5
    response = admin_post(admin_client, "/admin/printer/test", {"device": ""})
    assert response.status_code == 302
    assert "Đã in phiếu thử" in flashes(admin_client)
    image = decode_raster(printer.wait_for_jobs(1)[0])
    assert image.width == 576
    assert read_qr(image) == ["http://localhost/"]
    with hall.db.read() as conn:
        row = conn.execute(select(audit_log).where(audit_log.c.action == "printer.test")).one()
        issued = conn.execute(select(tickets.c.id)).all()
        jobs = conn.execute(select(print_jobs.c.id)).all()
    assert (row.actor, row.target, row.detail["status"]) == ("boss", printer.url, "ok")
    assert issued == [] and jobs == []  # a test issues no number


def test_a_printer_that_is_off_is_explained_in_vietnamese(app, admin_client, refusing_printer_url):
    admin_post(admin_client, "/admin/printer", PRINTER_FORM | {"url": refusing_printer_url})
    admin_post(admin_client, "/admin/printer/test", {"device": ""})
    assert "Không in được phiếu thử: Không kết nối được máy in (máy tắt hoặc rút cáp)." in flashes(
        admin_client
    )


def test_no_printer_set_prints_nothing_and_says_so(admin_client):
    admin_post(admin_client, "/admin/printer/test", {"device": ""})
    assert "Chưa cài máy in" in flashes(admin_client)


def test_a_kiosk_with_its_own_printer_can_be_tested(app, admin_client, network_printer, api):
    printer = network_printer()
    api.device_token("kiosk", printer_url=printer.url)
    page = admin_client.get("/admin/printer").get_data(as_text=True)
    assert f"Máy lấy số kiosk-1: máy in riêng — {printer.url}" in page
    admin_post(admin_client, "/admin/printer/test", {"device": "1"})
    assert len(printer.wait_for_jobs(1)) == 1


def test_a_bad_printer_address_is_refused_next_to_its_field(app, admin_client):
    response = admin_post(admin_client, "/admin/printer", PRINTER_FORM | {"url": "192.168.1.50"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="err-url">Không phải địa chỉ máy in' in html


def test_the_voice_preview_plays_the_call_through_the_audio_route(app, admin_client):
    preview = admin_client.get("/admin/voice/preview?number=1025&counter=2").json
    assert preview["text"] == (
        "Xin mời công dân có số thứ tự một nghìn không trăm hai mươi lăm đến quầy số hai"
    )
    assert preview["audio_url"].startswith("/audio/call/")
    audio = admin_client.get(preview["audio_url"])
    assert audio.mimetype == "audio/wav"
    assert wave.open(io.BytesIO(audio.data), "rb").getnframes() > 0
    assert admin_client.get("/admin/voice/preview?number=9999999&counter=2").status_code == 404


def test_a_voice_change_is_heard_in_the_next_preview(app, admin_client):
    form = {
        "template": "Mời số {number} đến quầy {counter}",
        "dialect": "south",
        "backend": "espeak",
        "voice": "vi-vn-x-south",
        "rate": "160",
        "repeat": "1",
        "clips_dir": "",
    }
    before = admin_client.get("/admin/voice/preview?number=1024&counter=1").json
    assert admin_post(admin_client, "/admin/voice", form).status_code == 302
    after = admin_client.get("/admin/voice/preview?number=1024&counter=1").json
    assert after["text"] == "Mời số một ngàn không trăm hai mươi tư đến quầy một"
    assert after["audio_url"] != before["audio_url"]
    missing = admin_post(admin_client, "/admin/voice", form | {"template": "Mời số {number}"})
    assert 'id="err-template">Câu gọi phải có {number} và {counter}.' in missing.get_data(
        as_text=True
    )
    silent = admin_post(admin_client, "/admin/voice", form | {"backend": "none"})
    assert silent.status_code == 302
    quiet = admin_client.get("/admin/voice/preview?number=1024&counter=1").json
    assert quiet["audio_url"] is None and quiet["problem"]
