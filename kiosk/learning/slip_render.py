"""The slip drawn as one black-and-white picture for receipt printers (Pillow, no Qt).

Receipt printers' own character sets have no Vietnamese letters, so the slip is printed as a raster image:
every diacritic is drawn by the bundled Noto Sans font, exactly as on screen.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from kiosk.learning.qr import modules_across, qr_png
from kiosk.learning.slip import Slip
from kiosk.text.strings import ui_text

FONTS = Path(__file__).resolve().parents[2] / "resources" / "fonts"
RECEIPT_DOTS = 576  # 80 mm paper, 72 mm printable at 203 dpi (8 dots per mm)
MARGIN = 8
Font = ImageFont.FreeTypeFont


def _font(bold: bool, size: int) -> Font:
    return ImageFont.truetype(str(FONTS / ("NotoSans-Bold.ttf" if bold else "NotoSans-Regular.ttf")), size)


def wrap(text: str, font: Font, width: int) -> list[str]:
    """Greedy word wrap by measured width; a word longer than the line stays whole on its own line."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if line and font.getlength(candidate) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    return [*lines, line] if line else lines or [""]


class _Canvas:
    """Paragraphs and pictures stacked top to bottom on a strip of paper `width` dots wide."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.parts: list[Image.Image] = []

    def text(self, text: str, size: int, bold: bool = False, gap: int = 4) -> None:
        font = _font(bold, size)
        line_height = int(size * 1.35)
        lines = wrap(text, font, self.width - 2 * MARGIN) if text else [""]
        image = Image.new("L", (self.width, line_height * len(lines) + gap), 255)
        draw = ImageDraw.Draw(image)
        for row, line in enumerate(lines):
            draw.text((MARGIN, row * line_height), line, font=font, fill=0)
        self.parts.append(image)

    def picture(self, image: Image.Image) -> None:
        strip = Image.new("L", (self.width, image.height), 255)
        strip.paste(image.convert("L"), ((self.width - image.width) // 2, 0))
        self.parts.append(strip)

    def rule(self) -> None:
        image = Image.new("L", (self.width, 12), 255)
        ImageDraw.Draw(image).line((MARGIN, 6, self.width - MARGIN, 6), fill=0, width=2)
        self.parts.append(image)

    def image(self) -> Image.Image:
        height = sum(part.height for part in self.parts)
        out = Image.new("L", (self.width, height), 255)
        top = 0
        for part in self.parts:
            out.paste(part, (0, top))
            top += part.height
        return out.point(lambda value: 0 if value < 160 else 255, mode="1")


def qr_image(text: str, width: int) -> Image.Image:
    """The QR code at the largest whole number of dots per module that fits `width` (sharp edges, no blur)."""
    scale = max(1, width // modules_across(text))
    return Image.open(io.BytesIO(qr_png(text, scale))).convert("L")


def render_slip(slip: Slip, width: int = RECEIPT_DOTS) -> Image.Image:
    """The whole slip as a 1-bit image exactly `width` dots wide (576 for 80 mm paper)."""
    canvas = _Canvas(width)
    size = max(18, width // 24)
    if slip.heading:
        canvas.text(slip.heading, size, gap=2)
    canvas.text(slip.title, int(size * 1.3), bold=True, gap=10)
    for number, step in enumerate(slip.steps, start=1):
        canvas.text(f"{number}. {step}", size)
    if slip.lesson:
        canvas.rule()
        canvas.text(f"{ui_text('slip_remember', slip.language)}: {slip.lesson}", size, bold=True, gap=8)
    canvas.rule()
    for line in slip.hotlines:
        canvas.text(line, size)
    canvas.text(ui_text("slip_qr_checklist", slip.language), int(size * 0.9), gap=0)
    canvas.picture(qr_image(slip.checklist_text, width - 2 * MARGIN))
    if slip.guide_url:
        canvas.text(f"{ui_text('slip_qr_guide', slip.language)}: {slip.guide_url}", int(size * 0.9), gap=0)
        canvas.picture(qr_image(slip.guide_url, width // 2))
    canvas.text(slip.footer, size, gap=24)
    return canvas.image()
