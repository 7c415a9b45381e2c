"""Turn a rendered ticket into ESC/POS bytes and send them, within a time limit.

The whole job is built first on python-escpos's ``Dummy`` printer (raster image,
feed, cut) and then written in one piece, so one write timeout bounds the whole
send. Where the printer answers the real-time status query (DLE EOT 4), a
printer without paper is detected before anything is sent.
"""

from __future__ import annotations

import copy
import socket

from escpos.constants import RT_MASK_LOWPAPER, RT_MASK_NOPAPER, RT_STATUS_PAPER
from escpos.escpos import Escpos
from escpos.exceptions import DeviceNotFoundError
from escpos.printer import Dummy
from PIL import Image

from printers.outcome import PrintOutcome, Timeouts
from printers.transports import PrinterUrl

# Our own send buffer stays small, so a printer that stops reading makes the write
# time out instead of the whole job vanishing into the kernel and counting as printed.
NETWORK_SEND_BUFFER = 8192
# Printers that stayed silent to the status query but printed: not asked again in this
# process, so a printer without status support costs the query's wait only once.
_silent_printers: set[str] = set()


def build_job(image: Image.Image, width: int) -> bytes:
    """Return the ESC/POS bytes of one ticket: reset, raster image (GS v 0), feed, cut."""
    printer = Dummy()
    # The shared default profile has no paper width; give this instance its own copy.
    profile = copy.deepcopy(printer.profile.profile_data)
    profile["media"]["width"] = {"mm": round(width / 8), "pixels": width}
    printer.profile.profile_data = profile
    printer.hw("INIT")
    printer.image(image, impl="bitImageRaster", fragment_height=960)
    printer.cut()
    return printer.output


def _tune_socket(printer: Escpos) -> None:
    device = printer.device
    if isinstance(device, socket.socket):
        device.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, NETWORK_SEND_BUFFER)


def _set_timeout(printer: Escpos, seconds: float) -> None:
    device = printer.device
    if isinstance(device, socket.socket):
        device.settimeout(seconds)
    elif hasattr(device, "write_timeout"):  # pyserial
        device.timeout = seconds
        device.write_timeout = seconds


def paper_status(printer: Escpos, timeouts: Timeouts) -> int | None:
    """Return 0 (no paper), 1 (near end), 2 (fine), or None when the printer does not say.

    python-escpos's ``paper_status()`` reports "fine" on an empty reply; a printer
    that stays silent here has simply told us nothing.
    """
    _set_timeout(printer, timeouts.status_s)
    try:
        reply = printer.query_status(RT_STATUS_PAPER)
    except (NotImplementedError, TimeoutError, OSError):
        return None
    except Exception:  # pyusb's USBTimeoutError and similar transport-specific errors
        return None
    if not reply:
        return None
    if reply[0] & RT_MASK_NOPAPER == RT_MASK_NOPAPER:
        return 0
    if reply[0] & RT_MASK_LOWPAPER == RT_MASK_LOWPAPER:
        return 1
    return 2


def send_job(url: PrinterUrl, job: bytes, timeouts: Timeouts) -> PrintOutcome:
    """Connect, check the paper where the printer can tell, write the job, close."""
    printer = url.open_printer(timeouts.connect_s)
    try:
        printer.open()
        _tune_socket(printer)
        # A printer we cannot read from (a device file) would only print the query.
        readable = type(printer)._read is not Escpos._read
        asked = readable and url.text not in _silent_printers
        status = paper_status(printer, timeouts) if asked else None
        if status == 0:
            return PrintOutcome("failed", "no_paper", "the printer reports no paper")
        _set_timeout(printer, timeouts.write_s)
        printer._raw(job)
        if asked and status is None:
            _silent_printers.add(url.text)
        if status == 1:
            return PrintOutcome("ok", "paper_low", "the paper roll is nearly finished")
        return PrintOutcome("ok")
    except DeviceNotFoundError as err:
        return PrintOutcome("failed", "offline", _one_line(err))
    except Exception as err:  # reset, USB or serial errors: reported, never raised
        if isinstance(err, TimeoutError) or "Timeout" in type(err).__name__:
            return PrintOutcome(
                "failed", "timeout", _one_line(err) or "the printer stopped reading"
            )
        return PrintOutcome("failed", "error", f"{type(err).__name__}: {_one_line(err)}")
    finally:
        try:
            printer.close()
        except Exception:
            pass


def _one_line(err: BaseException) -> str:
    return " ".join(str(err).split())[:300]
