"""QR codes of the take-home slip, made with segno (pure Python, standard QR, no network and no Qt)."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import segno

QUIET_ZONE = 4  # modules of white border the standard asks for; phone cameras need it


def make_qr(text: str) -> segno.QRCode:
    """A normal (not micro) QR code at error level M, UTF-8 in byte mode, the smallest version that fits."""
    import segno  # here, not at the top: only a slip needs it, and it is 15 ms of every start-up otherwise

    return segno.make_qr(text, error="m", encoding="utf-8", boost_error=False)


def qr_png(text: str, scale: int = 8) -> bytes:
    """The code as a black-on-white PNG, `scale` pixels per module, with the full quiet zone."""
    buffer = io.BytesIO()
    make_qr(text).save(buffer, kind="png", scale=scale, border=QUIET_ZONE)
    return buffer.getvalue()


def modules_across(text: str) -> int:
    """Width of the code in modules including the quiet zone (to pick a scale that fills a width)."""
    width, _ = make_qr(text).symbol_size(scale=1, border=QUIET_ZONE)
    return int(width)
