"""Open a workbook the way a ward officer would: with LibreOffice (headless), every sheet read back as CSV."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest

# Comma, double quote, UTF-8 (76), from row 1, …, cell contents NOT as shown (so a number's full value and a
# date in the locale's default form come out: text would come out as written), … and sheet -1: every sheet to its
# own file, named <file>-<sheet>.csv (LibreOffice 7.2 and later; Debian 12 has 7.4).
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.fail("LibreOffice is not installed: run scripts/setup-system.sh (libreoffice-calc-nogui)")
    return found


def read_sheets(workbook: Path, scratch: Path) -> dict[str, list[list[str]]]:
    """Every sheet of `workbook` as rows of text, converted by one LibreOffice run with a private profile."""
    out = scratch / "csv"
    profile = (scratch / "lo-profile").resolve().as_uri()
    subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            CSV_FILTER,
            "--outdir",
            str(out),
            str(workbook),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    prefix = f"{workbook.stem}-"
    sheets = {}
    for path in sorted(out.glob("*.csv")):
        text = path.read_bytes().decode("utf-8")
        sheets[path.stem.removeprefix(prefix)] = list(csv.reader(io.StringIO(text, newline="")))
    return sheets


def typed_day(text: str) -> date:
    """A date cell, written by LibreOffice in its default (en-US) form: text would keep our dd/mm/yyyy."""
    return datetime.strptime(text, "%m/%d/%Y").date()


def typed_percent(text: str) -> float:
    """A % cell with its full value (e.g. 33.3333333333333%), which only a number has."""
    assert text.endswith("%"), text
    return float(text[:-1]) / 100
