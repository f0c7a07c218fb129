"""Printing the take-home slip on an 80 mm ESC/POS receipt printer (python-escpos), without Qt.

The slip goes to the printer as one raster image (`GS v 0`), because receipt printers' character sets have no
Vietnamese letters. The printer is named in config as `file:/dev/usb/lp0` (the kernel's usblp device, the usual
case), `usb:VVVV:PPPP` (vendor and product id, through libusb) or `tcp:HOST:PORT` (network printers, port 9100).
Every failure becomes a `PrintError` whose `reason` is a plain sentence for the operator's health page.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, get_args

from kiosk.learning.slip import Slip

if TYPE_CHECKING:
    from PIL import Image

RECEIPT_PROFILE = "TM-P80"  # python-escpos profile of a common 80 mm printer: 576 dots, so images up to that fit
RECEIPT_TARGET = re.compile(
    r"^(file:/[^\0]{1,200}|usb:[0-9a-fA-F]{4}:[0-9a-fA-F]{4}|tcp:[A-Za-z0-9.-]{1,100}:\d{1,5})$"
)
NO_PAPER = 0
ReceiptKind = Literal["file", "usb", "tcp"]


class PrintError(Exception):
    """A slip that could not be printed; `reason` says why in one sentence (never shown to residents)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class ReceiptTarget:
    kind: ReceiptKind
    address: str

    @classmethod
    def parse(cls, text: str) -> ReceiptTarget:
        if not RECEIPT_TARGET.match(text):
            raise ValueError("must be file:/dev/usb/lp0, usb:VVVV:PPPP (hex ids) or tcp:HOST:PORT")
        kind, _, address = text.partition(":")
        for known in get_args(ReceiptKind):
            if kind == known:
                return cls(known, address)
        raise ValueError(f"unknown printer kind {kind!r}")  # the pattern allows only the three kinds

    def missing(self) -> str | None:
        """Why the printer is certainly not there, or None (cheap: a file check; USB and TCP are tried)."""
        if self.kind == "file" and not os.path.exists(self.address):
            return f"receipt printer {self.address} is not connected (no such device)"
        return None


def open_escpos(target: ReceiptTarget, timeout: float = 5.0) -> Any:
    """The python-escpos printer object for `target`, opened; raises PrintError when it cannot be reached."""
    from escpos.exceptions import Error as EscposError
    from escpos.printer import File, Network, Usb

    try:
        if target.kind == "file":
            return File(target.address, profile=RECEIPT_PROFILE)
        if target.kind == "usb":
            vendor, product = (int(part, 16) for part in target.address.split(":"))
            return Usb(vendor, product, profile=RECEIPT_PROFILE)
        host, _, port = target.address.rpartition(":")
        return Network(host, int(port), timeout=timeout, profile=RECEIPT_PROFILE)
    except (EscposError, OSError, ValueError) as error:
        raise PrintError(f"receipt printer {target.kind}:{target.address} cannot be opened: {error}") from error


def print_image(printer: Any, image: Image.Image, check_paper: bool) -> None:
    """Send one raster image and a cut to an open python-escpos printer; out of paper is refused up front."""
    from escpos.exceptions import Error as EscposError

    try:
        if check_paper and printer.paper_status() == NO_PAPER:
            raise PrintError("the receipt printer is out of paper")
        printer.image(image, impl="bitImageRaster")
        printer.cut()
    except (EscposError, OSError) as error:
        raise PrintError(f"the receipt printer stopped while printing: {error}") from error
    finally:
        printer.close()


def print_receipt(slip: Slip, target: ReceiptTarget, width: int) -> None:
    """Render and print the slip (blocking: call it from a worker thread)."""
    from kiosk.learning.slip_render import render_slip

    missing = target.missing()
    if missing:
        raise PrintError(missing)
    image = render_slip(slip, width)
    print_image(open_escpos(target), image, check_paper=target.kind == "usb")


class ReceiptQueue:
    """One print at a time on a worker thread; `done(problem)` is called there with None or the reason."""

    def __init__(self, target: ReceiptTarget, width: int, print_job: Callable[..., None] = print_receipt) -> None:
        self.target = target
        self.width = width
        self.print_job = print_job
        self.last_problem = ""
        self._busy = threading.Lock()

    def submit(self, slip: Slip, done: Callable[[str | None], None]) -> bool:
        """Start printing; False when a slip is already printing (a second tap adds nothing)."""
        if not self._busy.acquire(blocking=False):
            return False
        threading.Thread(target=self._run, args=(slip, done), name="receipt-print", daemon=True).start()
        return True

    def _run(self, slip: Slip, done: Callable[[str | None], None]) -> None:
        problem: str | None = None
        try:
            self.print_job(slip, self.target, self.width)
        except PrintError as error:
            problem = error.reason
        except Exception as error:
            problem = f"the receipt printer failed: {error!r}"
        self.last_problem = problem or ""
        self._busy.release()
        done(problem)
