"""Every resident- and operator-facing word lives in the strings table (kiosk/text/strings.py), in both languages.

The guard reads each kiosk module with `ast`, so docstrings and comments may quote Vietnamese freely; any other
string constant with a Vietnamese letter outside the table fails, naming the file, the line and the text.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from kiosk.text.strings import UI_STRINGS

ROOT = Path(__file__).resolve().parent.parent
KIOSK = ROOT / "kiosk"
# Letters only Vietnamese uses among the kiosk's two languages (a, e, i, o, u, y with marks, đ), either case.
VIETNAMESE = re.compile("[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.IGNORECASE)
PRODUCT_NAME = "Kiosk Số"  # a proper noun, the same in both languages (the table's app_name): log lines may say it
# Modules whose Vietnamese is data, not words to translate; each with why.
ALLOWED = {
    "kiosk/text/strings.py": "the strings table itself",
    "kiosk/speech/speakable.py": "pronunciation data and rules for the Vietnamese voice (digit and letter names, "
    "'ngày … tháng … năm', the patterns that find a price in đồng): never shown, and no English twin",
    "kiosk/content/lint.py": "the content linter checks Vietnamese tutorial text: its patterns ('bạn', the "
    "alphabet) and its advice to content authors quote the Vietnamese they look for",
    "kiosk/usage/sheets.py": "the usage report's own table of sheet and column headings, (vi, en) pairs written "
    "into one cell as 'Tên bài (title)': a file format, defined once there for CSV, Markdown and the workbook",
}
# Files left for later: they may lose Vietnamese literals, never gain one. Move their words into the table (or into
# the module named above for them, with why) and delete the entry.
PENDING = {
    "kiosk/config.py": 1,  # a field description's example ward name, 'Phường Bến Thành'
}


def _docstrings(tree: ast.Module) -> set[int]:
    """The ids of the constant nodes that are docstrings (module, class, function): prose, not words shown."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def vietnamese_literals(source: str) -> list[tuple[int, str]]:
    """(line, text) of every string constant with a Vietnamese letter, f-string parts included, docstrings not."""
    tree = ast.parse(source)
    docstrings = _docstrings(tree)
    return sorted(
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and VIETNAMESE.search(node.value.replace(PRODUCT_NAME, ""))
    )


def literals_outside_the_table(root: Path) -> dict[str, list[tuple[int, str]]]:
    """Per module under `root` (a checkout's folder holding kiosk/), its Vietnamese literals, allowed ones left out."""
    found = {}
    for path in sorted((root / "kiosk").rglob("*.py")):
        name = path.relative_to(root).as_posix()
        literals = vietnamese_literals(path.read_text(encoding="utf-8"))
        if literals and name not in ALLOWED:
            found[name] = literals
    return found


def test_vietnamese_words_live_in_the_strings_table() -> None:
    found = literals_outside_the_table(ROOT)
    grown = {name: len(found.pop(name, [])) for name in PENDING}
    assert {name: count for name, count in grown.items() if count > PENDING[name]} == {}, "a pending file gained words"
    assert found == {}, "move these into kiosk/text/strings.py and use ui_text (or both, in the operator area)"


def test_the_guard_sees_literals_and_f_strings_but_not_docstrings_or_comments() -> None:
    source = '''"""Trang chủ."""
# Trang chủ
def f(n: int) -> str:
    """Về trang chủ."""
    return f"Còn {n} lần" + "Home" + "Kiosk Số"
'''
    assert vietnamese_literals(source) == [(5, " lần"), (5, "Còn ")]


def test_the_allowed_and_pending_files_exist() -> None:
    """A renamed module must take its entry along, or the guard would silently stop looking at nothing."""
    assert [name for name in [*ALLOWED, *PENDING] if not (ROOT / name).is_file()] == []


def test_the_resident_is_bac_never_ban() -> None:
    """tests/test_theme.py checks both languages, their placeholders and the diacritics; this, the form of address."""
    assert [key for key, (vi, _) in UI_STRINGS.items() if re.search(r"(?<!\w)bạn(?!\w)", vi, re.IGNORECASE)] == []


def test_short_labels_have_their_long_partner() -> None:
    """A `_short` entry is the narrow bar slot's word for a label that exists in full."""
    assert [key for key in UI_STRINGS if key.endswith("_short") and key.removesuffix("_short") not in UI_STRINGS] == []
