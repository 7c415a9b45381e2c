"""What the benchmark measures, each through the public API and Socket.IO only."""

from __future__ import annotations

import asyncio
import json
import statistics
import threading
import time

import aiohttp

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


class Display:
    """A lean Socket.IO (Engine.IO v4) websocket client on /display.

    It timestamps each frame as it arrives and parses only ``ticket_called``, so
    what is measured is the server's push, not a heavy client's parsing of boards.
    """

    PREFIX = '42/display,["ticket_called",'

    def __init__(self, got: dict) -> None:
        self.got = got
        self.ws = None
        self.task = None

    async def connect(self, session: aiohttp.ClientSession, url: str) -> None:
        ws_url = url.replace("http", "ws", 1) + "/socket.io/?EIO=4&transport=websocket"
        self.ws = await session.ws_connect(ws_url, autoping=False)
        opening = await self.ws.receive_str()
        assert opening.startswith("0{"), opening
        await self.ws.send_str("40/display,")
        while not (await self.ws.receive_str()).startswith("40/display,"):
            pass
        self.task = asyncio.create_task(self.listen())

    async def listen(self) -> None:
        async for msg in self.ws:
            if msg.type != aiohttp.WSMsgType.TEXT:
                break
            arrived = time.perf_counter()
            if msg.data == "2":
                await self.ws.send_str("3")
            elif msg.data.startswith(self.PREFIX):
                payload = json.loads(msg.data[len("42/display,") :])[1]
                self.got.setdefault(payload["ticket"]["id"], []).append(
                    (arrived, payload.get("audio_url"))
                )

    async def close(self) -> None:
        await self.ws.close()
        await self.task


async def call_fanout(url: str, officer: str, clients: int, calls: int, rss) -> dict:
    """Connect ``clients`` displays, call ``calls`` times, time call → every display."""
    got: dict[int, list] = {}
    displays = [Display(got) for _ in range(clients)]
    ws_session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0))
    for batch in range(0, clients, 50):
        await asyncio.gather(*(d.connect(ws_session, url) for d in displays[batch : batch + 50]))
    memory = rss()
    latencies, audio = [], []
    headers = {"Authorization": f"Bearer {officer}"}
    async with aiohttp.ClientSession() as session:
        async with session.post(f"{url}/api/v1/counters/1/open", headers=headers) as res:
            assert res.status == 200, await res.text()
        for _ in range(calls):
            started = time.perf_counter()
            async with session.post(
                f"{url}/api/v1/counters/1/call-next", headers=headers, json={}
            ) as res:
                body = await res.json()
            ticket = body["ticket"]["id"]
            for _ in range(500):  # wait (bounded) until every display has it
                if len(got.get(ticket, [])) >= clients:
                    break
                await asyncio.sleep(0.01)
            arrivals = got.get(ticket, [])
            latencies += [at - started for at, _ in arrivals]
            audio_url = arrivals[0][1] if arrivals else None
            if audio_url:
                async with session.get(url + audio_url) as res:
                    await res.read()
                    if res.status == 200:
                        audio.append(time.perf_counter() - started)
    missing = sum(max(0, clients - len(v)) for v in got.values()) + clients * (calls - len(got))
    await asyncio.gather(*(d.close() for d in displays))
    await ws_session.close()
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
