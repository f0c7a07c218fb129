"""The yardstick for start-up: a bare PySide6 window showing one tutorial step, with no kiosk code at all.

Reads the first step of a bundled tutorial with tomllib, lays out its title, body, the phone's rows and a
bottom bar of three buttons, paints once, prints READY and exits. Run by `bench/startup.py --vs-bare`.
"""

from __future__ import annotations

import os
import sys
import tomllib
from pathlib import Path

if "--with-pydantic" in sys.argv:  # bench/startup.py's floor: the validation library, before Qt as in main.py
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from pydantic import BaseModel  # noqa: F401

from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

TUTORIAL = Path(__file__).resolve().parent.parent / "kiosk" / "tutorials" / "vneid" / "cai-dat-ung-dung.toml"


def step_window(step: dict[str, object]) -> QWidget:
    """Title, body, a framed 'phone' with one button per element, and a bottom bar."""
    window = QWidget()
    layout = QVBoxLayout(window)
    for key, size in (("title", 56), ("body", 40)):
        text = step[key]
        assert isinstance(text, dict)
        label = QLabel(str(text["vi"]))
        label.setWordWrap(True)
        label.setStyleSheet(f"font-size: {size}px")
        layout.addWidget(label)
    phone = QFrame()
    rows = QVBoxLayout(phone)
    screen = step["screen"]
    assert isinstance(screen, dict)
    for element in screen["elements"]:
        rows.addWidget(QPushButton(str(element["text"]["vi"])))
    layout.addWidget(phone)
    bar = QHBoxLayout()
    for word in ("Quay lại", "Trang chủ", "Cỡ chữ"):
        bar.addWidget(QPushButton(word))
    layout.addLayout(bar)
    return window


def main() -> None:
    step = tomllib.loads(TUTORIAL.read_text(encoding="utf-8"))["steps"][0]
    app = QApplication(sys.argv[:1])
    window = step_window(step)
    window.resize(1280, 800)
    window.show()
    window.repaint()
    print("READY", flush=True)
    app.quit()


if __name__ == "__main__":
    main()
