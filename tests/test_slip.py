"""The take-home slip: its words, its QR codes read back by a real decoder (zbarimg), and the receipt bytes."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from PIL import Image

from kiosk.content.loader import Catalog
from kiosk.learning.printing import PrintError, ReceiptQueue, ReceiptTarget, print_image, print_receipt
from kiosk.learning.qr import qr_png
from kiosk.learning.slip import MAX_QR_BYTES, Slip, emergency_slip, tutorial_slip
from kiosk.learning.slip_render import RECEIPT_DOTS, render_slip
from kiosk.text.language import LANGUAGES, Language
from tests.server_support import program

TODAY = dt.date(2026, 11, 30)
WARD = "Phường Bến Thành"


def decode_each(path: Path) -> list[str]:
    """The one QR symbol in the picture, as zbarimg reads it (binary mode keeps the line breaks, UTF-8)."""
    command = [program("zbarimg", "zbar-tools"), "--quiet", "--raw", "-Sbinary", str(path)]
    done = subprocess.run(command, capture_output=True, timeout=30, check=False)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    return [done.stdout.decode("utf-8")]


def read_codes(path: Path) -> str:
    """Every QR symbol zbarimg finds in a picture (none found is not an error here)."""
    command = [program("zbarimg", "zbar-tools"), "--quiet", "--raw", "-Sbinary", str(path)]
    return subprocess.run(command, capture_output=True, timeout=30, check=False).stdout.decode("utf-8")


def test_a_slip_has_the_labels_lesson_hotlines_ward_and_date(bundled_catalog: Catalog) -> None:
    slip = tutorial_slip(bundled_catalog.tutorial("dang-ky-muc-1"), "vi", WARD, TODAY)
    text = "\n".join(slip.lines())
    assert slip.title == "Đăng ký tài khoản VNeID mức 1"
    assert "“Đăng ký tài khoản mức 1”" in text and "“Xác nhận thông tin đăng ký”" in text
    assert "Nhớ: Đăng ký xong" in text
    assert "113" in text and "LD <số điện thoại> <nội dung>" in text and "156 hoặc 5656" in text
    assert text.endswith("Phường Bến Thành · 30/11/2026")


def test_nothing_about_the_resident_can_be_on_a_slip() -> None:
    """A slip is made only from the tutorial, the ward and the date: it has no field for anything else."""
    assert set(Slip.__dataclass_fields__) == {
        "language", "title", "steps", "lesson", "hotlines", "ward", "date", "guide_url", "heading",
    }  # fmt: skip


def test_english_slip(bundled_catalog: Catalog) -> None:
    slip = tutorial_slip(bundled_catalog.tutorial("dang-ky-muc-1"), "en", "", TODAY)
    assert "Emergency: call 113 (police)." in slip.lines()
    assert slip.lines()[-1] == "30/11/2026"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_checklist_fits_an_easy_qr(bundled_catalog: Catalog, language: Language) -> None:
    for tutorial in bundled_catalog.published():
        slip = tutorial_slip(tutorial, language, WARD, TODAY)
        text = slip.checklist_text
        assert len(text.encode("utf-8")) <= MAX_QR_BYTES, tutorial.id
        assert text.startswith(slip.title) and "113" in text and "LD" in text, tutorial.id


def test_every_rendered_qr_decodes_to_the_tutorial_checklist(bundled_catalog: Catalog, tmp_path: Path) -> None:
    """The QR on each slip, as printed (the raster image), read by zbarimg, equals the checklist text."""
    for tutorial in bundled_catalog.published():
        slip = tutorial_slip(tutorial, "vi", WARD, TODAY)
        picture = tmp_path / f"{tutorial.id}.png"
        picture.write_bytes(qr_png(slip.checklist_text, scale=3))
        assert decode_each(picture) == [slip.checklist_text], tutorial.id
        first = slip.steps[0]
        assert f"1. {first}" in slip.checklist_text, tutorial.id


def test_the_printed_slip_image_carries_both_codes(bundled_catalog: Catalog, tmp_path: Path) -> None:
    tutorial = bundled_catalog.tutorial("dang-ky-muc-1").model_copy(update={"guide_url": "https://vneid.gov.vn"})
    slip = tutorial_slip(tutorial, "vi", WARD, TODAY)
    image = render_slip(slip)
    assert image.width == RECEIPT_DOTS == 576 and image.mode == "1"
    path = tmp_path / "slip.png"
    image.save(path)
    found = read_codes(path)
    assert slip.checklist_text in found and "https://vneid.gov.vn" in found


def test_the_emergency_slip_qr(tmp_path: Path) -> None:
    slip = emergency_slip("vi", WARD, TODAY)
    assert "Ngừng chuyển thêm tiền" in slip.checklist_text
    path = tmp_path / "scam.png"
    path.write_bytes(qr_png(slip.checklist_text, 3))
    assert decode_each(path) == [slip.checklist_text]


def raster_headers(data: bytes) -> list[tuple[int, int]]:
    """(width in dots, height) of every `GS v 0` raster block in ESC/POS bytes."""
    blocks, at = [], data.find(b"\x1dv0")
    while at >= 0:
        width_bytes = data[at + 4] | data[at + 5] << 8
        height = data[at + 6] | data[at + 7] << 8
        blocks.append((width_bytes * 8, height))
        at = data.find(b"\x1dv0", at + 8 + width_bytes * height)
    return blocks


def test_a_receipt_through_the_dummy_backend_is_576_dots_wide(bundled_catalog: Catalog) -> None:
    from escpos.printer import Dummy

    printer = Dummy(profile="TM-P80")
    image = render_slip(tutorial_slip(bundled_catalog.tutorial("hoa-don-dien-nuoc"), "vi", WARD, TODAY))
    print_image(printer, image, check_paper=False)
    blocks = raster_headers(printer.output)
    assert blocks and {width for width, _ in blocks} == {576}
    assert sum(height for _, height in blocks) == image.height
    assert printer.output.endswith(b"\x1dVA\x00") or b"\x1dV" in printer.output[-8:]  # the paper is cut


def test_a_receipt_through_the_file_backend(bundled_catalog: Catalog, tmp_path: Path) -> None:
    device = tmp_path / "lp0"
    device.write_bytes(b"")
    slip = tutorial_slip(bundled_catalog.tutorial("dang-ky-muc-1"), "vi", WARD, TODAY)
    print_receipt(slip, ReceiptTarget.parse(f"file:{device}"), 576)
    blocks = raster_headers(device.read_bytes())
    assert blocks and blocks[0][0] == 576


def test_a_58mm_printer_gets_384_dots(bundled_catalog: Catalog, tmp_path: Path) -> None:
    device = tmp_path / "lp0"
    device.write_bytes(b"")
    print_receipt(emergency_slip("vi", WARD, TODAY), ReceiptTarget.parse(f"file:{device}"), 384)
    assert {width for width, _ in raster_headers(device.read_bytes())} == {384}


def test_a_printer_that_is_gone_gives_a_reason(tmp_path: Path) -> None:
    with pytest.raises(PrintError, match="not connected"):
        print_receipt(emergency_slip("vi", WARD, TODAY), ReceiptTarget.parse(f"file:{tmp_path}/none"), 576)


def test_a_printer_out_of_paper_gives_a_reason() -> None:
    from escpos.printer import Dummy

    class NoPaper(Dummy):  # type: ignore[misc]
        def paper_status(self) -> int:
            return 0

    with pytest.raises(PrintError, match="out of paper"):
        print_image(NoPaper(profile="TM-P80"), Image.new("1", (576, 10), 1), check_paper=True)


def test_the_queue_reports_a_failure_and_frees_itself() -> None:
    results: list[str | None] = []
    finished = threading.Event()

    def done(problem: str | None) -> None:
        results.append(problem)
        finished.set()

    def broken(slip: Slip, target: ReceiptTarget, width: int) -> None:
        raise PrintError("the receipt printer is out of paper")

    queue = ReceiptQueue(ReceiptTarget.parse("file:/dev/null"), 576, broken)
    assert queue.submit(emergency_slip("vi", "", TODAY), done)
    assert finished.wait(10)
    assert results == ["the receipt printer is out of paper"]
    assert queue.last_problem == "the receipt printer is out of paper"
    assert queue.submit(emergency_slip("vi", "", TODAY), results.append)  # free again


@pytest.mark.parametrize("bad", ["lp0", "file:", "usb:04b8", "tcp:host", "http://printer"])
def test_bad_receipt_targets_are_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="file:/dev/usb/lp0"):
        ReceiptTarget.parse(bad)


def test_a_pdf_printed_through_qt_has_the_steps_with_diacritics(bundled_catalog: Catalog, tmp_path: Path) -> None:
    """The office-printer path (QPrinter, as CUPS would get it) into a PDF; pdftotext reads the words back."""
    from PySide6.QtPrintSupport import QPrinter

    from kiosk.app import application
    from kiosk.control.office_print import print_document

    application()
    tutorial = bundled_catalog.tutorial("dang-ky-muc-1").model_copy(update={"guide_url": "https://vneid.gov.vn"})
    slip = tutorial_slip(tutorial, "vi", WARD, TODAY)
    pdf = tmp_path / "slip.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(pdf))
    assert print_document(slip, printer) is None
    pdftotext = shutil.which("pdftotext")
    assert pdftotext is not None, "pdftotext (poppler-utils) is installed by scripts/setup-system.sh"
    text = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, check=True, timeout=30).stdout.decode()
    flat = " ".join(text.split())
    for step in slip.steps:
        assert step in flat
    assert "Phường Bến Thành · 30/11/2026" in flat and "LD <số điện thoại> <nội dung>" in flat
    # and the QR codes in the PDF, rendered as a printer would
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(tmp_path / "page")], check=True, timeout=60)
    found = "".join(read_codes(page) for page in sorted(tmp_path.glob("page*.png")))
    assert slip.checklist_text in found and "https://vneid.gov.vn" in found
