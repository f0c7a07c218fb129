"""Calling a volunteer: a soft chime and the optional ward webhook, run when the controller emits `help_requested`."""

from __future__ import annotations

import atexit
import contextlib
import os
import tempfile
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl

from kiosk.config import KioskConfig
from kiosk.help_notice import HelpNotifier
from kiosk.sounds import chime_wav

if TYPE_CHECKING:  # QtMultimedia loads only when the chime first plays, never on the start-up path
    from PySide6.QtMultimedia import QSoundEffect

CHIME_VOLUME = 0.7


class Chime(QObject):
    """Plays the help chime; with no audio device it stays silent and says why in `why`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.why = ""
        self.effect: QSoundEffect | None = None
        self.plays = 0

    def play(self) -> None:
        if self.effect is None and not self.why:
            self.effect = self._load()
        if self.effect is not None:
            self.effect.play()
            self.plays += 1

    def _load(self) -> QSoundEffect | None:
        from PySide6.QtMultimedia import QMediaDevices, QSoundEffect

        device = QMediaDevices.defaultAudioOutput()
        if device.isNull():
            self.why = "no audio output device: the help chime is silent"
            return None
        handle, path = tempfile.mkstemp(prefix="kiosk-so-chime-", suffix=".wav")
        with os.fdopen(handle, "wb") as out:  # 15 kB, once per run: QSoundEffect plays files, not memory
            out.write(chime_wav())
        atexit.register(_remove, path)
        effect = QSoundEffect(device, self)
        effect.setSource(QUrl.fromLocalFile(path))
        effect.setVolume(CHIME_VOLUME)
        return effect


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.remove(path)


class HelpCall(QObject):
    """What "Gọi hỗ trợ" sets off besides the message on screen: the chime and the ward notice."""

    def __init__(self, config: KioskConfig, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.chime = Chime(self)
        url = config.help_webhook_url
        self.notifier = HelpNotifier(url, config.kiosk_id, config.ward_name) if url else None

    def ring(self) -> None:
        self.chime.play()
        if self.notifier is not None:
            self.notifier.notify()

    def problems(self) -> list[str]:
        """For the operator area: a silent chime, an undelivered notice."""
        problems = [self.chime.why] if self.chime.why else []
        if self.notifier is not None and self.notifier.last_problem:
            problems.append(f"help webhook: {self.notifier.last_problem}")
        return problems
