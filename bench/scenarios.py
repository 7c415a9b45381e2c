"""What the benchmark measures, each through the public API and Socket.IO only."""

from __future__ import annotations

import asyncio
import base64
import http.client
import json
import os
import statistics
import threading
import time
from urllib.parse import urlsplit

from motcua.simulator import Client, Outcome


def pct(values: list[float], q: float) -> float:
    """The q-th percentile (0..100) in milliseconds, nearest-rank."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
    return round(ordered[index] * 1000, 2)


def issue_latency(url: str, kiosk: str, count: int, sectors: list[str]) -> dict:
    """Issue ``count`` tickets one after another; return p50/p99 in ms.

    A lean keep-alive client (the simulator's, standard library only), so the figure
    is the server's answer time rather than a heavy HTTP client's own overhead.
    """
    outcome = Outcome()
    client = Client(url, kiosk, outcome, threading.Lock())
    for i in range(count):
        status, _ = client.post("/api/v1/tickets", {"sector": sectors[i % len(sectors)]})
        assert status == 201, status
    times = outcome.latency["tickets"]
    return {"issue_p50_ms": pct(times, 50), "issue_p99_ms": pct(times, 99)}


def issue_throughput(url: str, kiosks: list[str], seconds: float, sectors) -> dict:
    """Eight kiosks (threads) issue as fast as they can for ``seconds``; return tickets/s."""
    outcome = Outcome()
    lock = threading.Lock()

    def kiosk(token: str, offset: int) -> None:
        client = Client(url, token, outcome, lock)
        i = offset
        while time.perf_counter() < deadline:
            client.post("/api/v1/tickets", {"sector": sectors[i % len(sectors)]})
            i += 1

    threads = [threading.Thread(target=kiosk, args=(t, n)) for n, t in enumerate(kiosks)]
    started = time.perf_counter()
    deadline = started + seconds
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    issued = len(outcome.latency.get("tickets", [])) - sum(outcome.errors.values())
    return {"issue_per_s_8_clients": round(issued / elapsed, 1)}


class Display(asyncio.Protocol):
    """A lean Socket.IO (Engine.IO v4) websocket client on /display, on a raw asyncio socket.

    It timestamps each chunk as it arrives and parses only ``ticket_called``, so what
    is measured is the server's push, not a heavy client's frame handling (200 of them
    share one event loop on the server's machine).
    """

    PREFIX = b'42/display,["ticket_called",'

    def __init__(self, got: dict) -> None:
        self.got = got
        self.transport: asyncio.Transport | None = None
        self.buffer = b""
        self.upgraded = False
        self.joined = asyncio.get_running_loop().create_future()
        self.closed = asyncio.get_running_loop().create_future()

    async def connect(self, host: str, port: int) -> None:
        await asyncio.get_running_loop().create_connection(lambda: self, host, port)
        key = base64.b64encode(os.urandom(16)).decode()
        self.transport.write(
            f"GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: {host}:{port}\r\n"
            f"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
            "Sec-WebSocket-Version: 13\r\n\r\n".encode()
        )
        await asyncio.wait_for(self.joined, 30)

    def connection_made(self, transport) -> None:
        self.transport = transport

    def connection_lost(self, exc) -> None:
        if not self.closed.done():
            self.closed.set_result(None)

    def send_text(self, text: str) -> None:
        """Send one masked text frame (clients must mask; payloads here are < 126 bytes)."""
        data, mask = text.encode(), os.urandom(4)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(data))
        self.transport.write(bytes([0x81, 0x80 | len(data)]) + mask + masked)

    def data_received(self, data: bytes) -> None:
        arrived = time.perf_counter()
        self.buffer += data
        if not self.upgraded:
            head, sep, rest = self.buffer.partition(b"\r\n\r\n")
            if not sep:
                return
            assert head.startswith(b"HTTP/1.1 101"), head
            self.upgraded, self.buffer = True, rest
        while len(self.buffer) >= 2:
            size, start = self.buffer[1] & 0x7F, 2
            if size == 126:
                size, start = int.from_bytes(self.buffer[2:4], "big"), 4
            elif size == 127:
                size, start = int.from_bytes(self.buffer[2:10], "big"), 10
            if len(self.buffer) < start + size:
                return
            opcode = self.buffer[0] & 0x0F
            payload = self.buffer[start : start + size]
            self.buffer = self.buffer[start + size :]
            if opcode == 0x1:
                self.text(payload, arrived)

    def text(self, payload: bytes, arrived: float) -> None:
        if payload.startswith(self.PREFIX):
            event = json.loads(payload[len(b"42/display,") :])[1]
            self.got.setdefault(event["ticket"]["id"], []).append((arrived, event["audio_url"]))
        elif payload == b"2":
            self.send_text("3")
        elif payload.startswith(b"0{"):
            self.send_text("40/display,")
        elif payload.startswith(b"40/display,") and not self.joined.done():
            self.joined.set_result(None)

    async def close(self) -> None:
        self.transport.close()
        await self.closed


class Officer:
    """The counter officer's keep-alive HTTP connection (standard library, run in a thread)."""

    def __init__(self, url: str, token: str) -> None:
        parts = urlsplit(url)
        self.conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        self.headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}

    def request(self, method: str, path: str) -> tuple[int, bytes]:
        self.conn.request(method, path, "{}" if method == "POST" else None, self.headers)
        res = self.conn.getresponse()
        return res.status, res.read()


async def call_fanout(url: str, officer: str, clients: int, calls: int, rss) -> dict:
    """Connect ``clients`` displays, call ``calls`` times, time call → every display."""
    got: dict[int, list] = {}
    parts = urlsplit(url)
    displays = [Display(got) for _ in range(clients)]
    for batch in range(0, clients, 50):
        await asyncio.gather(
            *(d.connect(parts.hostname, parts.port) for d in displays[batch : batch + 50])
        )
    memory = rss()
    latencies, audio = [], []
    desk = Officer(url, officer)
    status, body = await asyncio.to_thread(desk.request, "POST", "/api/v1/counters/1/open")
    assert status == 200, body
    for _ in range(calls):
        started = time.perf_counter()
        # In a thread, so the loop goes on timestamping frames while the call is answered.
        status, body = await asyncio.to_thread(desk.request, "POST", "/api/v1/counters/1/call-next")
        assert status == 200, body
        ticket = json.loads(body)["ticket"]["id"]
        for _ in range(500):  # wait (bounded) until every display has it
            if len(got.get(ticket, [])) >= clients:
                break
            await asyncio.sleep(0.01)
        arrivals = got.get(ticket, [])
        latencies += [at - started for at, _ in arrivals]
        audio_url = arrivals[0][1] if arrivals else None
        if audio_url:
            status, _ = await asyncio.to_thread(desk.request, "GET", audio_url)
            if status == 200:
                audio.append(time.perf_counter() - started)
    missing = sum(max(0, clients - len(v)) for v in got.values()) + clients * (calls - len(got))
    await asyncio.gather(*(d.close() for d in displays))
    return {
        "call_to_event_p50_ms": pct(latencies, 50),
        "call_to_event_p99_ms": pct(latencies, 99),
        "call_events_missing": missing,
        "audio_p50_ms": pct(audio, 50) if audio else None,
        "audio_p99_ms": pct(audio, 99) if audio else None,
        "rss_mib_with_clients": memory,
        "clients": clients,
    }


def mean_ms(values: list[float]) -> float:
    return round(statistics.fmean(values) * 1000, 2) if values else float("nan")
