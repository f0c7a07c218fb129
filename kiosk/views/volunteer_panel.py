"""The volunteer's side panel beside a step: the facilitator note, a jump to any step, and the way out."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QPushButton, QWidget

from kiosk.content.models import Language
from kiosk.core.session import TutorialSession
from kiosk.text.strings import ui_text
from kiosk.text.theme import Theme
from kiosk.views.widgets import column, label, layout_of

JUMP_COLUMNS = 3


class VolunteerPanel(QFrame):
    """Shown only in volunteer mode; the header's "Kết thúc hỗ trợ" button ends it."""

    jump_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Banner")
        self.setProperty("tone", "hint")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.badge = label("", "volunteer")
        self.note = label("", "volunteer")
        self.jumps = QGridLayout()
        self.jump_buttons: list[QPushButton] = []
        layout = column(self)
        for widget in (self.badge, self.note):
            layout.addWidget(widget)
        layout.addLayout(self.jumps)
        layout.addStretch(1)

    def show_step(self, session: TutorialSession, theme: Theme, language: Language) -> None:
        pad = theme.px(20)
        layout_of(self).setContentsMargins(pad, pad, pad, pad)
        layout_of(self).setSpacing(theme.px(12))
        self.setFixedWidth(theme.px(560))
        # For the volunteer, not the resident: the smallest readable size, whatever the resident's text size.
        self.setStyleSheet(f'QLabel[role="volunteer"] {{ font-size: {theme.min_read_px}px; }}')
        self.badge.setText("● " + ui_text("volunteer_badge", language))
        note = session.step.note
        self.note.setText(note.get(language) if note else ui_text("volunteer_no_note", language))
        self._jump_buttons(session, theme)

    def _jump_buttons(self, session: TutorialSession, theme: Theme) -> None:
        while len(self.jump_buttons) < session.step_count:
            button = QPushButton()
            button.setCheckable(True)
            index = len(self.jump_buttons)
            button.clicked.connect(lambda _=False, step=index: self.jump_requested.emit(step))
            self.jumps.addWidget(button, index // JUMP_COLUMNS, index % JUMP_COLUMNS)
            self.jump_buttons.append(button)
        self.jumps.setSpacing(theme.px(12))
        for index, button in enumerate(self.jump_buttons):
            button.setVisible(index < session.step_count)
            button.setText(str(index + 1))
            button.setChecked(index == session.state.index)
