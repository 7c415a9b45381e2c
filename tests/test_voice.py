"""The voice: real espeak-ng WAVs, recorded clips joined, the audio route and its bounds."""

from __future__ import annotations

import io
import logging
import math
import struct
import wave
from pathlib import Path

import pytest

from motcua.voice.clips import GAP_S
from tests.helpers import configure_voice


def announce(app, number: str, counter: int) -> dict:
    with app.app_context():
        return app.extensions["motcua_voice"].announce(number, counter)


def wav_of(response) -> wave.Wave_read:
    assert response.status_code == 200, response.status_code
    assert response.mimetype == "audio/wav"
    return wave.open(io.BytesIO(response.data), "rb")


def seconds(wav: wave.Wave_read) -> float:
    return wav.getnframes() / wav.getframerate()


def test_espeak_makes_a_valid_wav_of_plausible_length(app, client):
    call = announce(app, "1025", 3)
    assert call["text"] == (
        "Xin mời công dân có số thứ tự một nghìn không trăm hai mươi lăm đến quầy số ba"
    )
    wav = wav_of(client.get(call["audio_url"]))
    assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, 22050)
    syllables = len(call["text"].split())
    assert 0.15 * syllables < seconds(wav) < 0.8 * syllables
    samples = struct.unpack(f"<{wav.getnframes()}h", wav.readframes(wav.getnframes()))
    assert max(abs(s) for s in samples) > 1000  # speech, not silence


def test_a_longer_sentence_makes_longer_audio(app, client):
    short = wav_of(client.get(announce(app, "1100", 1)["audio_url"]))  # một nghìn một trăm
    long = wav_of(client.get(announce(app, "5999", 1)["audio_url"]))  # năm nghìn chín trăm chín…
    assert seconds(long) > seconds(short) + 0.3


def test_the_audio_is_cached_per_sentence(app, client):
    url = announce(app, "2002", 2)["audio_url"]
    first = client.get(url)
    assert first.headers["Cache-Control"].startswith("public")
    files = list(Path(app.instance_path).rglob("*.wav"))
    assert [f.name for f in files] == ["2002-2.wav"]
    assert client.get(url).data == first.data


def test_another_server_process_can_answer_the_audio_url(app, make_app):
    """Several workers behind one port: the URL alone is enough to make the audio."""
    url = announce(app, "1021", 1)["audio_url"]
    other = make_app()  # its own instance folder: no shared cache
    assert wav_of(other.test_client().get(url)).getnframes() > 0


@pytest.mark.parametrize(
    "path",
    [
        "/audio/call/{key}/999/1.wav",  # no sector issues 999
        "/audio/call/{key}/01025/1.wav",  # numbers are never zero-padded
        "/audio/call/{key}/B1025/1.wav",  # no sector has the prefix B
        "/audio/call/{key}/1025/9.wav",  # no counter 9
        "/audio/call/{key}/xin chào/1.wav",  # not a number: this is no text-to-speech service
        "/audio/call/0000000000000000/1025/1.wav",  # another voice's key
    ],
)
def test_the_audio_route_only_speaks_calls_this_hall_can_make(app, client, path):
    key = announce(app, "1025", 1)["audio_url"].split("/")[3]
    assert client.get(path.format(key=key)).status_code == 404


def test_changing_the_voice_changes_the_audio_url(app, app_hall, client):
    before = announce(app, "1025", 1)["audio_url"]
    configure_voice(app_hall, voice="vi-vn-x-south", dialect="south", rate=170)
    after = announce(app, "1024", 1)
    assert after["audio_url"] != before.replace("1025", "1024")
    assert "hai mươi tư" in after["text"] and "ngàn" in after["text"]
    assert client.get(before).status_code == 404
    assert wav_of(client.get(after["audio_url"])).getnframes() > 0


def test_every_call_is_spoken_at_the_configured_rate_across_voice_changes(app, app_hall, client):
    """espeak-ng's rate is asynchronous and a voice change resets it; no WAV may show it."""
    slow, fast = [], []
    steps = [("vi", 110), ("vi", 260), ("vi-vn-x-south", 110), ("vi", 260), ("vi", 110)]
    for step, (voice, rate) in enumerate(steps):
        configure_voice(app_hall, voice=voice, rate=rate)
        for number in (f"{3001 + 2 * step}", f"{3002 + 2 * step}"):
            length = seconds(wav_of(client.get(announce(app, number, 1)["audio_url"])))
            (slow if rate == 110 else fast).append(length)
    assert min(slow) > 1.6 * max(fast), (slow, fast)


def test_espeak_is_not_told_a_rate_it_already_has(app, app_hall, client, monkeypatch):
    """A rate command just before a synthesis can stall espeak-ng ~150 ms: not every call."""
    from pyttsx3.drivers import _espeak

    told = []
    real = _espeak.SetParameter

    def spy(parameter, value, relative):
        if parameter == _espeak.RATE:
            told.append(value)
        return real(parameter, value, relative)

    configure_voice(app_hall, rate=170)
    wav_of(client.get(announce(app, "3101", 1)["audio_url"]))
    monkeypatch.setattr(_espeak, "SetParameter", spy)
    for number in ("3102", "3103", "3104"):
        assert wav_of(client.get(announce(app, number, 1)["audio_url"])).getnframes() > 0
    assert told == []


def test_the_none_backend_gives_text_for_the_browser_and_no_audio(app, app_hall):
    configure_voice(app_hall, backend="none")
    call = announce(app, "1005", 2)
    assert call == {
        "text": "Xin mời công dân có số thứ tự một nghìn không trăm linh năm đến quầy số hai",
        "audio_url": None,
    }


# --- recorded clips -----------------------------------------------------------------------
RATE = 8000


def write_tone(path, seconds_long: float, freq: float = 440.0) -> int:
    """Write a small real WAV (a sine tone) and return its frame count."""
    frames = int(RATE * seconds_long)
    data = b"".join(
        struct.pack("<h", int(8000 * math.sin(2 * math.pi * freq * i / RATE)))
        for i in range(frames)
    )
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(data)
    return frames


def record_clips(folder, names: list[str]) -> dict[str, int]:
    folder.mkdir(parents=True, exist_ok=True)
    return {
        name: write_tone(folder / f"{name}.wav", 0.05 + 0.01 * i) for i, name in enumerate(names)
    }


NORTH_WORDS = (
    "không một hai ba bốn năm sáu bảy tám chín mười mươi mốt lăm trăm nghìn triệu tỷ linh".split()
)
PHRASES = ["xin mời công dân có số thứ tự", "đến quầy số"]


def test_the_clips_backend_joins_recorded_words_in_spoken_order(app, app_hall, client, tmp_path):
    frames = record_clips(tmp_path / "clips", NORTH_WORDS + PHRASES)
    configure_voice(app_hall, backend="clips", clips_dir=str(tmp_path / "clips"))
    call = announce(app, "1025", 3)
    wav = wav_of(client.get(call["audio_url"]))
    said = ["xin mời công dân có số thứ tự", "một", "nghìn", "không", "trăm", "hai", "mươi"]
    said += ["lăm", "đến quầy số", "ba"]
    gap = int(RATE * GAP_S) * (len(said) - 1)
    assert wav.getframerate() == RATE
    assert wav.getnframes() == sum(frames[name] for name in said) + gap


def test_clips_fall_back_to_single_words_when_a_phrase_is_not_recorded(
    app, app_hall, client, tmp_path
):
    words = NORTH_WORDS + "xin mời công dân có số thứ tự đến quầy".split()
    frames = record_clips(tmp_path / "clips", words)
    configure_voice(app_hall, backend="clips", clips_dir=str(tmp_path / "clips"))
    wav = wav_of(client.get(announce(app, "1001", 1)["audio_url"]))
    said = "xin mời công dân có số thứ tự một nghìn không trăm linh một đến quầy số một".split()
    gap = int(RATE * GAP_S) * (len(said) - 1)
    assert wav.getnframes() == sum(frames[name] for name in said) + gap


def test_missing_clips_are_listed_clearly_at_start_up(app, app_hall, make_app, tmp_path, caplog):
    record_clips(tmp_path / "clips", [w for w in NORTH_WORDS if w not in ("mốt", "lăm")])
    configure_voice(app_hall, backend="clips", clips_dir=str(tmp_path / "clips"))
    with caplog.at_level(logging.ERROR, logger="motcua.voice"):
        restarted = make_app()  # a restart: the voice is set up again from the database
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1
    assert "lăm.wav" in errors[0] and "mốt.wav" in errors[0] and "đến.wav" in errors[0]
    assert "một.wav" not in errors[0]
    call = announce(restarted, "1025", 1)
    assert call["audio_url"] is None and "hai mươi lăm" in call["text"]


def test_a_number_of_a_sector_retired_since_is_still_named_and_spoken(app, app_hall, client):
    from motcua.hallconfig import load_config
    from motcua.services.setup import apply_config
    from motcua.services.tickets import issue_ticket, ticket_status
    from tests.helpers import device

    view = issue_ticket(app_hall, "DD", None, device(app_hall))
    cfg = load_config(None)
    kept = [s for s in cfg.sector if s.code != "DD"]
    desks = [
        c.model_copy(update={"sectors": [x for x in c.sectors if x != "DD"]}) for c in cfg.counter
    ]
    apply_config(app_hall, cfg.model_copy(update={"sector": kept, "counter": desks}))
    assert app_hall.config().sector("DD") is None  # retired: no new DD numbers
    again = ticket_status(app_hall, view.ticket.token)
    assert (again.sector_name, again.ticket.number) == (view.sector_name, view.ticket.number)
    call = announce(app, view.ticket.number, 1)
    assert wav_of(client.get(call["audio_url"])).getnframes() > 0
