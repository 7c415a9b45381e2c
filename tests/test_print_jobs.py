"""Issuing prints the ticket; no printer failure ever costs the citizen their number."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from motcua.services.printing import PrintFailed, prepare_print
from motcua.services.tickets import ticket_by_id
from motcua.storage.tables import audit_log, print_jobs
from printers.render import render_ticket
from tests.conftest import Recorder
from tests.plugin_printing import PAPER_OUT, decode_raster, read_qr, set_printer

FAST = {"connect_timeout_s": 0.5}


@pytest.fixture
def kiosk(api):
    return api.device_token("kiosk")


def take(api, token, sector="HT", **extra):
    res = api.post("/tickets", token, json={"sector": sector, **extra})
    assert res.status_code == 201, res.json
    return res.json


def jobs(hall) -> list:
    with hall.db.read() as conn:
        return conn.execute(select(print_jobs).order_by(print_jobs.c.id)).all()


def test_without_a_printer_the_ticket_is_issued_and_print_is_skipped(api, kiosk, app_hall):
    body = take(api, kiosk)
    assert body["ticket"]["number"] == "1001"
    assert body["print"] == {"status": "skipped", "code": None, "error": None}
    assert jobs(app_hall) == []


def test_a_kiosk_ticket_prints_as_the_same_image_with_a_qr_to_the_phone_page(
    api, kiosk, app, app_hall, network_printer
):
    printer = network_printer()
    set_printer(app_hall, url=printer.url, **FAST)
    body = take(api, kiosk, priority="elderly")
    assert body["print"] == {"status": "ok", "code": None, "error": None}
    printed = decode_raster(printer.wait_for_jobs()[0])
    phone = f"http://localhost/t/{body['ticket']['token']}"
    assert read_qr(printed) == [phone]
    with app.test_request_context():
        view = ticket_by_id(app_hall, body["ticket"]["id"])
        prepared = prepare_print(app_hall, view, "http://localhost")
        fresh = render_ticket(prepared.content, prepared.width, prepared.fonts).image
    assert prepared.content.priority == "Ưu tiên: Người cao tuổi (từ 60 tuổi)"
    assert prepared.content.title == "PHIẾU SỐ THỨ TỰ"
    assert printed.tobytes() == fresh.tobytes()
    assert [(j.status, j.error, j.reprint) for j in jobs(app_hall)] == [("ok", "", False)]


def test_a_reprint_still_names_a_priority_retired_since_the_ticket_was_issued(
    api, kiosk, app, app_hall
):
    from sqlalchemy import update

    from motcua.storage.hall_repo import bump_config_version
    from motcua.storage.tables import priorities

    body = take(api, kiosk, priority="elderly")
    with app_hall.db.write() as conn:
        conn.execute(update(priorities).where(priorities.c.code == "elderly").values(active=False))
        bump_config_version(conn, app_hall.now())
    with app.test_request_context():
        view = ticket_by_id(app_hall, body["ticket"]["id"])
        assert "elderly" not in {p.code for p in view.config.priorities}
        prepared = prepare_print(app_hall, view, "http://localhost")
    assert prepared.content.priority == "Ưu tiên: Người cao tuổi (từ 60 tuổi)"


def test_the_qr_code_uses_the_public_url_when_one_is_set(
    api, kiosk, app, app_hall, network_printer
):
    printer = network_printer()
    set_printer(app_hall, url=printer.url, width=384, **FAST)
    app.config["PUBLIC_URL"] = "https://motcua.example.gov.vn/"
    token = take(api, kiosk)["ticket"]["token"]
    printed = decode_raster(printer.wait_for_jobs()[0])
    assert printed.width == 384
    assert read_qr(printed) == [f"https://motcua.example.gov.vn/t/{token}"]


def test_a_printer_switched_off_still_gives_a_valid_number(
    api, kiosk, app_hall, refusing_printer_url
):
    set_printer(app_hall, url=refusing_printer_url, **FAST)
    facts = Recorder()
    app_hall.bus.subscribe(facts)
    body = take(api, kiosk)
    assert body["ticket"]["number"] == "1001" and body["ticket"]["status"] == "waiting"
    assert body["print"]["status"] == "failed" and body["print"]["code"] == "offline"
    assert body["print"]["error"] == "Không kết nối được máy in (máy tắt hoặc rút cáp)."
    [job] = jobs(app_hall)
    assert (job.status, job.printer) == ("failed", refusing_printer_url)
    assert job.error.startswith("offline: ")
    assert api.get(f"/tickets/{body['ticket']['token']}").status_code == 200
    [failure] = facts.of(PrintFailed)  # counter screens are told through the bus
    assert (failure.ticket.number, failure.device, failure.code) == ("1001", "kiosk-1", "offline")


def test_a_printer_that_stopped_reading_fails_in_time_and_keeps_the_number(
    api, kiosk, app_hall, network_printer
):
    printer = network_printer(reads=False)
    set_printer(app_hall, url=printer.url, **FAST)
    body = take(api, kiosk)
    assert (body["print"]["status"], body["print"]["code"]) == ("failed", "timeout")
    assert api.get(f"/tickets/{body['ticket']['token']}").json["ticket"]["status"] == "waiting"
    assert [j.status for j in jobs(app_hall)] == ["failed"]


def test_a_printer_out_of_paper_is_reported_in_english_when_asked(
    api, kiosk, app_hall, network_printer
):
    printer = network_printer(paper=PAPER_OUT)
    set_printer(app_hall, url=printer.url, **FAST)
    res = api.post("/tickets?lang=en", kiosk, json={"sector": "CT"})
    assert res.status_code == 201
    assert res.json["print"] == {
        "status": "failed",
        "code": "no_paper",
        "error": "The printer is out of paper.",
    }


def test_a_kiosk_with_its_own_printer_prints_there(api, app_hall, network_printer):
    hall_printer, own_printer = network_printer(), network_printer()
    set_printer(app_hall, url=hall_printer.url, **FAST)
    kiosk = api.device_token("kiosk", printer_url=own_printer.url)
    assert take(api, kiosk)["print"]["status"] == "ok"
    assert len(own_printer.wait_for_jobs()) == 1 and hall_printer.jobs == []
    silent = api.device_token("kiosk", printer_url="none")
    assert take(api, silent)["print"]["status"] == "skipped"


def test_a_kiosk_limited_to_some_sectors_still_cannot_issue_others(api, app_hall, network_printer):
    printer = network_printer()
    set_printer(app_hall, url=printer.url, **FAST)
    kiosk = api.device_token("kiosk", sectors=["CT"])
    assert api.post("/tickets", kiosk, json={"sector": "HT"}).status_code == 403
    assert printer.jobs == [] and jobs(app_hall) == []


# reprint


@pytest.fixture
def officer(api):
    token = api.officer_token("an", counters=(1,))
    assert api.post("/counters/1/open", token).status_code == 200
    return token


def test_an_officer_at_a_counter_reprints_on_the_kiosks_printer(
    api, kiosk, officer, app_hall, network_printer
):
    printer = network_printer()
    set_printer(app_hall, url=printer.url, **FAST)
    ticket = take(api, kiosk)["ticket"]
    res = api.post(f"/tickets/{ticket['id']}/reprint", officer)
    assert res.status_code == 200, res.json
    assert res.json["print"]["status"] == "ok" and res.json["ticket"]["number"] == "1001"
    assert len(printer.wait_for_jobs(2)) == 2
    assert [j.reprint for j in jobs(app_hall)] == [False, True]
    with app_hall.db.read() as conn:
        audit = conn.execute(select(audit_log).where(audit_log.c.action == "ticket.reprint")).one()
    assert (audit.actor, audit.target) == ("an", "1001")


def test_reprint_is_refused_to_kiosks_and_officers_not_at_a_counter(api, kiosk):
    ticket = take(api, kiosk)["ticket"]
    assert api.post(f"/tickets/{ticket['id']}/reprint", kiosk).status_code == 403
    idle = api.officer_token("binh", counters=(2,))
    assert api.post(f"/tickets/{ticket['id']}/reprint", idle).status_code == 403
    assert api.post(f"/tickets/{ticket['id']}/reprint").status_code == 401


def test_a_supervisor_reprints_and_a_finished_ticket_cannot_be(api, kiosk, officer):
    boss = api.officer_token("chi", counters=(), role="supervisor")
    ticket = take(api, kiosk)["ticket"]
    assert api.post(f"/tickets/{ticket['id']}/reprint", boss).json["print"]["status"] == "skipped"
    api.post("/counters/1/call-next", officer)
    api.post("/counters/1/finish", officer)
    res = api.post(f"/tickets/{ticket['id']}/reprint", boss)
    assert res.status_code == 409 and res.json["error"]["code"] == "invalid_state"
    assert api.post("/tickets/999/reprint", boss).status_code == 404


def test_supervisors_see_the_failed_print_jobs(api, kiosk, app_hall, refusing_printer_url):
    take(api, kiosk)
    set_printer(app_hall, url=refusing_printer_url, **FAST)
    take(api, kiosk, sector="CT")
    boss = api.officer_token("chi", counters=(), role="supervisor")
    listed = api.get("/print-jobs?status=failed", boss).json["print_jobs"]
    assert [(j["ticket"]["number"], j["device"], j["status"]) for j in listed] == [
        ("2001", "kiosk-1", "failed")
    ]
    assert listed[0]["error"].startswith("offline") and listed[0]["created_at"].endswith("+07:00")
    clerk = api.officer_token("an", counters=(1,))
    assert api.get("/print-jobs", clerk).status_code == 403


# the services, on SQLite and PostgreSQL


def test_print_jobs_are_recorded_listed_and_reprinted_on_both_engines(
    hall, app, network_printer, refusing_printer_url
):
    from motcua.services.print_jobs import recent_print_jobs, reprint_ticket
    from motcua.services.printing import Kiosk, print_ticket
    from motcua.services.tickets import issue_ticket
    from tests.helpers import device, officer, signed_in

    set_printer(hall, url=refusing_printer_url, **FAST)
    printer = network_printer()
    kiosk = device(hall, "kiosk", printer_url=printer.url)
    view = issue_ticket(hall, "HT", "elderly", kiosk)
    with app.test_request_context():
        assert print_ticket(hall, view, "http://hall.lan", Kiosk.of(kiosk)).status == "ok"
        other = issue_ticket(hall, "CT", None, officer(hall, "an", (1,)))
        assert print_ticket(hall, other, "http://hall.lan").code == "offline"
        clerk = signed_in(hall, "binh", 2)
        again, result = reprint_ticket(hall, view.ticket.id, clerk, "http://hall.lan")
    assert (again.ticket.number, result.status) == ("1001", "ok")
    assert len(printer.wait_for_jobs(2)) == 2  # the reprint came out at the kiosk's printer
    boss = officer(hall, "chi", (), "supervisor")
    listed = recent_print_jobs(hall, boss, failed_only=False, limit=10)
    assert [(j["ticket"]["number"], j["status"], j["reprint"]) for j in listed] == [
        ("1001", "ok", True),
        ("2001", "failed", False),
        ("1001", "ok", False),
    ]
    assert [j["device"] for j in listed] == ["kiosk-test", None, "kiosk-test"]
    assert len(recent_print_jobs(hall, boss, failed_only=True, limit=10)) == 1
