"""Export the dashboard's period to a USB stick (or the kiosk's own folder): big buttons, a clear result."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.operator.export import FORMATS
from kiosk.text.phone_text import shorten_middle
from kiosk.text.strings import ui_text
from kiosk.views.widgets import column, label

FOLDER_CHARS = 36  # fits a button on a portrait totem at the operator's text size


class ExportView(QWidget):
    """Pick a folder, then a format; the operator area does the writing and reports back."""

    export_requested = Signal(str, object)  # format key, folder Path

    def __init__(self, find_folders: Callable[[], list[Path]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._find_folders = find_folders
        self.folder: Path | None = None
        self.period = label("", "body")
        self.folders_box = QVBoxLayout()
        self.rescan = QPushButton(ui_text("export_rescan", "vi"))
        self.rescan.clicked.connect(self.refresh_folders)
        self.format_buttons: dict[str, QPushButton] = {}
        formats = QGridLayout()
        for index, (key, (words, _)) in enumerate(FORMATS.items()):
            button = QPushButton(words)
            button.clicked.connect(lambda _=False, kind=key: self._export(kind))
            formats.addWidget(button, index // 2, index % 2)
            self.format_buttons[key] = button
        self.result = label("", "body")
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        layout = column(self)
        layout.addWidget(label(ui_text("export_title", "vi"), "heading"))
        layout.addWidget(self.period)
        layout.addWidget(label(ui_text("export_where", "vi"), "body"))
        layout.addLayout(self.folders_box)
        layout.addWidget(self.rescan)
        layout.addWidget(label(ui_text("export_what", "vi"), "body"))
        layout.addLayout(formats)
        layout.addWidget(self.result)
        layout.addStretch(1)
        self.folder_buttons: list[QPushButton] = []

    def show_period(self, text: str) -> None:
        self.period.setText(text)

    def refresh_folders(self) -> None:
        for button in self.folder_buttons:
            button.deleteLater()
        self.folder_buttons = []
        for folder in self._find_folders():
            button = QPushButton(shorten_middle(str(folder), FOLDER_CHARS))  # a long path never leaves its button
            button.setProperty("folder", str(folder))
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, chosen=folder: self._choose(chosen))
            self.folders_box.addWidget(button)
            self.folder_buttons.append(button)
        if self.folder_buttons and self.folder not in [Path(b.property("folder")) for b in self.folder_buttons]:
            self._choose(Path(self.folder_buttons[0].property("folder")))
        elif self.folder is not None:
            self._choose(self.folder)

    def _choose(self, folder: Path) -> None:
        self.folder = folder
        for button in self.folder_buttons:
            button.setChecked(Path(button.property("folder")) == folder)

    def _export(self, kind: str) -> None:
        if self.folder is None:
            self.result.setText(ui_text("export_no_folder", "vi"))
            return
        self.export_requested.emit(kind, self.folder)

    def show_result(self, text: str) -> None:
        self.result.setText(text)
