"""A simulated hall day driven only through the public API (``motcua simulate``, ``make bench``).

Citizens arrive on a realistic two-peak curve and take tickets at kiosks; counters call,
serve (a lognormal service time), sometimes meet an absent citizen, and the counter's
tablet records most citizens' rating. Simulated time runs ``speed`` times faster than
real time.

An officer whose queue is empty does not press "call" over and over: the workstation
shows when someone is waiting, so an idle simulated officer calls again when one of the
simulator's kiosks issues a ticket in one of the counter's sectors (each new ticket
wakes one idle officer, the first to notice), or after IDLE_RECHECK_S at the latest.
"""

from __future__ import annotations

import http.client
import json
import math
import random
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

DAY_START_H, DAY_END_H = 7.5, 17.0
# Relative arrival intensity by hour: a morning rush, a lull at noon, a smaller afternoon peak.
INTENSITY = {7: 0.6, 8: 1.6, 9: 1.8, 10: 1.4, 11: 0.8, 12: 0.1, 13: 0.7, 14: 1.3, 15: 1.1, 16: 0.6}
NO_SHOW_RATE = 0.03
RATING_RATE = 0.7
LEVELS = (("very_satisfied", 0.62), ("satisfied", 0.33), ("unsatisfied", 0.05))
IDLE_RECHECK_S = 120  # simulated seconds an idle officer waits before calling again anyway


@dataclass
class Hall:
    """Who the simulator acts as: kiosk tokens, counters with officer tokens and tablet tokens."""

    url: str
    kiosks: list[str]
    officers: dict[int, str]  # counter number -> bearer token
    tablets: dict[int, str]  # counter number -> rating device token
    sectors: list[str]
    serves: dict[int, tuple[str, ...]] = field(default_factory=dict)  # counter -> sector codes


@dataclass
class Outcome:
    issued: list[int] = field(default_factory=list)
    ends: Counter = field(default_factory=Counter)
    ratings: int = 0
    errors: Counter = field(default_factory=Counter)
    latency: dict[str, list[float]] = field(default_factory=dict)


def arrival_times(count: int, rng: random.Random) -> list[float]:
    """Return ``count`` arrival instants (hours of the day) following INTENSITY."""
    hours = sorted(INTENSITY)
    weights = [INTENSITY[h] * (min(h + 1, DAY_END_H) - max(h, DAY_START_H)) for h in hours]
    picks = rng.choices(hours, weights=weights, k=count)
    times = [
        max(h, DAY_START_H) + rng.random() * (min(h + 1, DAY_END_H) - max(h, DAY_START_H))
        for h in picks
    ]
    return sorted(times)


def service_seconds(rng: random.Random, mean_s: float) -> float:
    """A lognormal service time with the given mean (most quick, a few long)."""
    sigma = 0.6
    return rng.lognormvariate(math.log(mean_s) - sigma**2 / 2, sigma)


class Client:
    """A keep-alive JSON client for one simulated actor (standard library only)."""

    def __init__(self, url: str, token: str, outcome: Outcome, lock: threading.Lock) -> None:
        parts = urlsplit(url)
        self.conn = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=30)
        self.headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        self.outcome, self.lock = outcome, lock

    def _send(self, path: str, payload: str) -> tuple[int, bytes]:
        self.conn.request("POST", path, payload, self.headers)
        res = self.conn.getresponse()
        return res.status, res.read()

    def post(self, path: str, body: dict | None = None) -> tuple[int, dict | None]:
        """POST JSON; a keep-alive connection the server closed meanwhile is reopened once."""
        payload = json.dumps(body or {})
        started = time.perf_counter()
        try:
            try:
                status, raw = self._send(path, payload)
            except (ConnectionError, http.client.RemoteDisconnected, http.client.BadStatusLine):
                self.conn.close()
                status, raw = self._send(path, payload)
        except (OSError, http.client.HTTPException):
            self.conn.close()
            status, raw = 0, b""
        endpoint = path.rsplit("/", 1)[-1] if "counters" in path else path.split("/")[3]
        with self.lock:
            self.outcome.latency.setdefault(endpoint, []).append(time.perf_counter() - started)
            if status >= 400 or status == 0:
                self.outcome.errors[f"{endpoint}:{status}"] += 1
        return status, (json.loads(raw) if raw else None)


class Simulator:
    def __init__(
        self, hall: Hall, tickets: int, speed: float, mean_service_s: float, seed: int = 7
    ) -> None:
        self.hall = hall
        self.tickets = tickets
        self.speed = speed
        self.mean_service_s = mean_service_s
        self.seed = seed
        self.outcome = Outcome()
        self.lock = threading.Lock()
        self.arrivals_done = threading.Event()
        self.unnoticed: Counter = Counter()  # sector -> new tickets no idle officer took up
        self.news = threading.Condition(self.lock)

    def client(self, token: str) -> Client:
        return Client(self.hall.url, token, self.outcome, self.lock)

    def sleep_sim(self, seconds: float) -> None:
        time.sleep(seconds / self.speed)

    def arrivals(self) -> None:
        """Citizens take tickets at the kiosks; each kiosk serves its own line of citizens."""
        rng = random.Random(self.seed)
        citizens = []
        for hour in arrival_times(self.tickets, rng):
            body = {"sector": rng.choice(self.hall.sectors)}
            if rng.random() < 0.08:
                body["priority"] = "elderly"
            citizens.append((hour, body))
        count = len(self.hall.kiosks)
        start = time.monotonic()
        kiosks = [
            threading.Thread(
                target=self.kiosk, args=(token, citizens[k::count], start), daemon=True
            )
            for k, token in enumerate(self.hall.kiosks)
        ]
        for thread in kiosks:
            thread.start()
        for thread in kiosks:
            thread.join()
        with self.lock:
            self.arrivals_done.set()
            self.news.notify_all()

    def kiosk(self, token: str, citizens: list[tuple[float, dict]], start: float) -> None:
        client = self.client(token)
        for hour, body in citizens:
            delay = (hour - DAY_START_H) * 3600 / self.speed - (time.monotonic() - start)
            if delay > 0:
                time.sleep(delay)
            status, data = client.post("/api/v1/tickets", body)
            if status == 201:
                with self.lock:
                    self.outcome.issued.append(data["ticket"]["id"])
                    self.unnoticed[body["sector"]] += 1
                    self.news.notify_all()

    def wait_for_citizens(self, sectors: tuple[str, ...]) -> None:
        """Idle officer: wait until a new ticket in these sectors is noticed (or a while)."""

        def noticed() -> str | None:
            return next((code for code in sectors if self.unnoticed[code] > 0), None)

        with self.lock:
            for code in sectors:  # the screen just showed these lines empty
                self.unnoticed[code] = 0
            if self.news.wait_for(
                lambda: self.arrivals_done.is_set() or noticed(),
                timeout=IDLE_RECHECK_S / self.speed,
            ) and (code := noticed()):
                self.unnoticed[code] -= 1

    def counter(self, number: int) -> None:
        rng = random.Random(self.seed * 1000 + number)
        officer = self.client(self.hall.officers[number])
        tablet = self.client(self.hall.tablets[number]) if number in self.hall.tablets else None
        base = f"/api/v1/counters/{number}"
        officer.post(f"{base}/open")
        sectors = self.hall.serves.get(number, tuple(self.hall.sectors))
        while True:
            status, data = officer.post(f"{base}/call-next")
            if status == 204:
                if self.arrivals_done.is_set():
                    return
                self.wait_for_citizens(sectors)
                continue
            if status != 200:
                self.sleep_sim(20)
                continue
            if rng.random() < NO_SHOW_RATE:
                self.sleep_sim(60)
                officer.post(f"{base}/no-show")
                self.count("no_show")
                continue
            self.sleep_sim(service_seconds(rng, self.mean_service_s))
            officer.post(f"{base}/finish")
            self.count("done")
            if tablet and rng.random() < RATING_RATE:
                self.rate(tablet, data["ticket"]["id"], rng)

    def rate(self, tablet: Client, ticket: int, rng: random.Random) -> None:
        level = rng.choices([lv for lv, _ in LEVELS], [w for _, w in LEVELS])[0]
        body = {"ticket": ticket, "level": level}
        if level == "unsatisfied":
            body["reasons"] = ["waiting_time"]
        if tablet.post("/api/v1/ratings", body)[0] == 201:
            with self.lock:
                self.outcome.ratings += 1

    def count(self, end: str) -> None:
        with self.lock:
            self.outcome.ends[end] += 1

    def run(self) -> Outcome:
        threads = [
            threading.Thread(target=self.counter, args=(n,), daemon=True)
            for n in self.hall.officers
        ]
        for thread in threads:
            thread.start()
        self.arrivals()
        for thread in threads:
            thread.join()
        return self.outcome


def simulate(
    hall: Hall, tickets: int, speed: float, mean_service_s: float = 140, seed: int = 7
) -> tuple[Outcome, float]:
    """Run a whole hall day; return what happened and the wall time in seconds."""
    started = time.monotonic()
    outcome = Simulator(hall, tickets, speed, mean_service_s, seed).run()
    return outcome, time.monotonic() - started


def prepare(app, url: str, kiosks: int = 4) -> Hall:
    """Create the simulator's officers (one per counter), kiosks and rating tablets.

    Runs where ``motcua`` runs, with the hall's app (database and secret key), as the
    CLI does; everything after this goes through the public HTTP API.
    """
    import secrets

    from motcua.auth import Officer, issue_api_token
    from motcua.services.context import Actor
    from motcua.services.setup import add_staff, pair_device
    from motcua.services.snapshot import hall_snapshot
    from motcua.storage.user_repo import get_user

    hall_ctx = app.extensions["motcua_hall"]
    snapshot = hall_snapshot(hall_ctx, recent=0)
    system = Actor(kind="system", name="simulator")
    officers, tablets = {}, {}
    for counter in snapshot.counters:
        number = counter["number"]
        username, password = f"sim{number:02d}", secrets.token_urlsafe(12)
        user_id = add_staff(hall_ctx, username, password, "counter", [number], f"Mô phỏng {number}")
        with app.app_context(), hall_ctx.db.read() as conn:
            officers[number] = issue_api_token(Officer(get_user(conn, user_id)))[0]
        tablets[number] = pair_device(hall_ctx, "rating", f"sim tablet {number}", system, number)[1]
    kiosk_tokens = [
        pair_device(hall_ctx, "kiosk", f"sim kiosk {i}", system)[1] for i in range(kiosks)
    ]
    return Hall(
        url=url.rstrip("/"),
        kiosks=kiosk_tokens,
        officers=officers,
        tablets=tablets,
        sectors=[s["code"] for s in snapshot.sectors if s["open"]],
        serves={c["number"]: tuple(c["sectors"]) for c in snapshot.counters},
    )
