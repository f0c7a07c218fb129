"""Calling a volunteer: a soft chime and the optional ward webhook, run when the controller emits `help_requested`."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QProcess

from kiosk.config import PROJECT_ROOT, KioskConfig
from kiosk.fleet.help_notice import HelpNotifier
from kiosk.processes.speech import end_process
from kiosk.usage.events import HelpReason

NO_DEVICE = 3  # kiosk.processes.chime_player's exit code when there is no audio output


class Chime(QObject):
    """Plays the help chime in a child process (no Qt Multimedia here); with no audio device, says why in `why`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.why = ""
        self.played = 0
        self.process = QProcess(self)
        self.process.setWorkingDirectory(str(PROJECT_ROOT))
        self.process.setStandardErrorFile(QProcess.nullDevice())  # Qt Multimedia's probing of absent backends
        self.process.finished.connect(self._finished)
        process = self.process
        self.destroyed.connect(lambda: end_process(process, gently=False))

    @property
    def busy(self) -> bool:
        return self.process.state() is not QProcess.ProcessState.NotRunning

    def play(self) -> None:
        if not self.why and not self.busy:  # a second tap while it rings adds nothing
            self.process.start(sys.executable, ["-m", "kiosk.processes.chime_player"])

    def _finished(self, code: int, status: QProcess.ExitStatus) -> None:
        said = bytes(self.process.readAllStandardOutput().data()).decode(errors="replace").strip()
        if code == 0 and status is QProcess.ExitStatus.NormalExit:
            self.played += 1
        elif code == NO_DEVICE:
            self.why = said or "no audio output device: the help chime is silent"
        else:
            self.why = said or f"the help chime failed (exit code {code})"


class HelpCall(QObject):
    """What "Gọi hỗ trợ" sets off besides the message on screen: the chime and the ward notice."""

    def __init__(self, config: KioskConfig, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.chime = Chime(self)
        url = config.help_webhook_url
        self.notifier = HelpNotifier(url, config.kiosk_id, config.ward_name) if url else None

    def ring(self, reason: HelpReason | None = None) -> None:
        self.chime.play()
        if self.notifier is not None:
            self.notifier.notify(reason)

    def problems(self) -> list[str]:
        """For the operator area: a silent chime, an undelivered notice."""
        problems = [self.chime.why] if self.chime.why else []
        if self.notifier is not None and self.notifier.last_problem:
            problems.append(f"help webhook: {self.notifier.last_problem}")
        return problems
