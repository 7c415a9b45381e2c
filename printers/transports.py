"""Printer URLs and the ``{"scheme": Class}`` registry of python-escpos transports.

``network://HOST:PORT`` (port 9100 by default), ``usb://0xVVVV:0xPPPP``,
``serial:///dev/ttyUSB0?baudrate=115200``, ``file:///dev/usb/lp0``, ``dummy://``
(kept in memory, for trials) and ``none`` (no printer).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlsplit

if TYPE_CHECKING:
    from escpos.escpos import Escpos

# Scheme → python-escpos printer class, imported only when a printer is opened: most
# server processes never print and need not carry the library.
TRANSPORTS: dict[str, str] = {
    "network": "Network",
    "usb": "Usb",
    "serial": "Serial",
    "file": "File",
    "dummy": "Dummy",
}
NO_PRINTER = ("", "none")
EXAMPLES = (
    "network://192.168.1.50:9100, usb://0x0416:0x5011, "
    "serial:///dev/ttyUSB0?baudrate=115200, file:///dev/usb/lp0 or none"
)
SERIAL_OPTIONS = {"baudrate": int, "bytesize": int, "parity": str, "stopbits": int}
SERIAL_FLAGS = ("xonxoff", "dsrdtr")
USB_OPTIONS = ("in_ep", "out_ep")
INSTALL_HINT = {"usb": "python-escpos[usb] (pyusb)", "serial": "python-escpos[serial] (pyserial)"}


def transport_class(scheme: str) -> type[Escpos]:
    """Return the python-escpos printer class of a scheme (importing the library now)."""
    from escpos import printer

    return getattr(printer, TRANSPORTS[scheme])


class PrinterUrlError(ValueError):
    """A printer URL that cannot be used, with a message that says how to fix it."""


@dataclass(frozen=True)
class PrinterUrl:
    """A parsed printer URL: the transport's scheme and the keyword arguments of its class."""

    scheme: str
    kwargs: dict = field(default_factory=dict, compare=False)
    text: str = ""

    @property
    def is_network(self) -> bool:
        return self.scheme == "network"

    def open_printer(self, timeout_s: float) -> Escpos:
        """Return the transport's python-escpos printer (not connected yet)."""
        kwargs = dict(self.kwargs)
        if self.scheme == "network":
            kwargs["timeout"] = timeout_s
        elif self.scheme == "usb":
            kwargs["timeout"] = int(timeout_s * 1000)  # pyusb counts milliseconds
        elif self.scheme == "serial":
            kwargs["timeout"] = timeout_s
        return transport_class(self.scheme)(**kwargs)


def _hex_id(value: str, what: str, url: str) -> int:
    try:
        number = int(value, 16)  # accepts both 0416 and 0x0416, as lsusb prints them
    except ValueError:
        raise PrinterUrlError(f"{url}: {what} '{value}' is not a hexadecimal USB id") from None
    if not 0 < number <= 0xFFFF:
        raise PrinterUrlError(f"{url}: {what} '{value}' is out of range")
    return number


def _network(parts, url: str) -> dict:
    try:
        port = parts.port or 9100
    except ValueError:
        raise PrinterUrlError(f"{url}: the port must be a number (usually 9100)") from None
    if not parts.hostname:
        raise PrinterUrlError(f"{url}: give the printer's address, e.g. network://192.168.1.50")
    return {"host": parts.hostname, "port": port}


def _usb(parts, url: str, query: dict) -> dict:
    vendor, _, product = parts.netloc.partition(":")
    if not vendor or not product:
        raise PrinterUrlError(f"{url}: write usb://0xVENDOR:0xPRODUCT (see `lsusb`)")
    kwargs = {
        "idVendor": _hex_id(vendor, "vendor", url),
        "idProduct": _hex_id(product, "product", url),
    }
    for name in USB_OPTIONS:
        if name in query:
            kwargs[name] = _hex_id(query.pop(name), name, url)
    return kwargs


def _serial(parts, url: str, query: dict) -> dict:
    if not parts.path:
        raise PrinterUrlError(f"{url}: write serial:///dev/ttyUSB0?baudrate=115200")
    kwargs: dict = {"devfile": parts.path}
    for name, kind in SERIAL_OPTIONS.items():
        if name in query:
            try:
                kwargs[name] = kind(query.pop(name))
            except ValueError:
                raise PrinterUrlError(f"{url}: {name} must be a number") from None
    for name in SERIAL_FLAGS:
        if name in query:
            kwargs[name] = query.pop(name).lower() in ("1", "true", "yes", "on")
    return kwargs


def parse_printer_url(url: str | None) -> PrinterUrl | None:
    """Parse a printer URL; None means no printer. Raise PrinterUrlError saying what is wrong."""
    text = (url or "").strip()
    if text.lower() in NO_PRINTER:
        return None
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme not in TRANSPORTS:
        raise PrinterUrlError(f"'{text}' is not a printer URL; use {EXAMPLES}")
    query = dict(parse_qsl(parts.query))
    if scheme == "network":
        kwargs = _network(parts, text)
    elif scheme == "usb":
        kwargs = _usb(parts, text, query)
    elif scheme == "serial":
        kwargs = _serial(parts, text, query)
    elif scheme == "file":
        if not parts.path:
            raise PrinterUrlError(f"{text}: write file:///dev/usb/lp0")
        kwargs = {"devfile": parts.path}
    else:
        kwargs = {}
    if query:
        raise PrinterUrlError(f"{text}: unknown option(s) {', '.join(sorted(query))}")
    if not transport_class(scheme).is_usable():
        raise PrinterUrlError(f"{text}: {scheme} printers need {INSTALL_HINT[scheme]} installed")
    return PrinterUrl(scheme, kwargs, text)
