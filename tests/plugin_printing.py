"""Fixtures of printing and the kiosk (issue 3): fake network printers, raster and QR readers."""

from __future__ import annotations

import pytest

from motcua.services.context import Hall

RT_STATUS_PAPER = b"\x10\x04\x04"
PAPER_OK, PAPER_LOW, PAPER_OUT = b"\x12", b"\x1e", b"\x72"


class FakeNetworkPrinter:
    """A TCP listener on 127.0.0.1 that stands in for an ESC/POS network printer (port 9100).

    It answers the paper-status query with ``paper`` (None: stays silent, like printers
    without status support) and keeps every job it receives. With ``reads=False`` it
    accepts connections but never reads, with the small receive buffer of a real printer.
    """

    def __init__(self, paper: bytes | None = PAPER_OK, reads: bool = True) -> None:
        import socket
        import threading

        self.paper, self.reads = paper, reads
        self.server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        if not reads:
            self.server.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(8)
        self.port = self.server.getsockname()[1]
        self.url = f"network://127.0.0.1:{self.port}"
        self.jobs: list[bytes] = []
        self.connections: list = []
        self.changed = threading.Condition()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        import threading

        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            self.connections.append(conn)
            if self.reads:
                threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn) -> None:
        data = b""
        with conn:
            while True:
                try:
                    chunk = conn.recv(65536)
                except OSError:
                    break
                if not chunk:
                    break
                if chunk.startswith(RT_STATUS_PAPER) and not data and self.paper is not None:
                    conn.sendall(self.paper)
                data += chunk
        with self.changed:
            self.jobs.append(data.removeprefix(RT_STATUS_PAPER))
            self.changed.notify_all()

    def wait_for_jobs(self, count: int = 1, timeout: float = 20.0) -> list[bytes]:
        """Wait (bounded) until ``count`` connections have ended, and return what they sent."""
        with self.changed:
            assert self.changed.wait_for(lambda: len(self.jobs) >= count, timeout), "no job"
            return list(self.jobs)

    def close(self) -> None:
        self.server.close()
        for conn in self.connections:
            conn.close()


@pytest.fixture
def network_printer():
    """Start fake network printers on 127.0.0.1; all are closed after the test."""
    printers: list[FakeNetworkPrinter] = []

    def start(**kwargs) -> FakeNetworkPrinter:
        printers.append(FakeNetworkPrinter(**kwargs))
        return printers[-1]

    yield start
    for printer in printers:
        printer.close()


@pytest.fixture
def refusing_printer_url():
    """A printer URL on 127.0.0.1 whose port refuses connections (a printer switched off)."""
    import socket

    holder = socket.socket()
    holder.bind(("127.0.0.1", 0))  # bound, never listening: connections are refused
    yield f"network://127.0.0.1:{holder.getsockname()[1]}"
    holder.close()


def decode_raster(job: bytes):
    """Rebuild the image a printer would print from the job's GS v 0 raster blocks."""
    from PIL import Image, ImageOps

    strips, at = [], 0
    while (at := job.find(b"\x1dv0", at)) != -1:
        width_bytes = job[at + 4] + 256 * job[at + 5]
        height = job[at + 6] + 256 * job[at + 7]
        data = job[at + 8 : at + 8 + width_bytes * height]
        strips.append(Image.frombytes("1", (width_bytes * 8, height), data))
        at += 8 + len(data)
    assert strips, "the job holds no raster image"
    image = Image.new("1", (strips[0].width, sum(s.height for s in strips)))
    y = 0
    for strip in strips:
        image.paste(strip, (0, y))
        y += strip.height
    # A set bit is a dot of ink; in the picture ink is black.
    return ImageOps.invert(image.convert("L")).convert("1")


def read_qr(image) -> list[str]:
    """Return the text of every QR code zxing-cpp finds in the image."""
    import zxingcpp

    return [r.text for r in zxingcpp.read_barcodes(image.convert("L"))]


def set_printer(hall: Hall, **values) -> None:
    """Change the hall's [printer] settings (as an administrator would)."""
    from motcua.storage.hall_repo import load_settings, save_setting

    with hall.db.write() as conn:
        printer = load_settings(conn).get("printer", {}) | values
        save_setting(conn, "printer", printer, hall.now())
