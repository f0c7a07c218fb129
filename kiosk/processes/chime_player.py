"""Plays the help chime in a short-lived child process, so the kiosk itself never loads Qt Multimedia (~17 MB).

Run by `Chime`: python -m kiosk.processes.chime_player. Exit 0 once played, 3 when there is no audio output.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer, QUrl
from PySide6.QtMultimedia import QMediaDevices, QSoundEffect

from kiosk.speech.sounds import chime_wav

NO_DEVICE = 3
FAILED = 4
VOLUME = 0.7
GIVE_UP_MS = 5000


def main() -> int:
    app = QCoreApplication(sys.argv[:1])
    device = QMediaDevices.defaultAudioOutput()
    if device.isNull():
        print("no audio output device: the help chime is silent", flush=True)
        return NO_DEVICE
    with tempfile.TemporaryDirectory(prefix="kiosk-so-chime-") as folder:
        path = Path(folder) / "chime.wav"
        path.write_bytes(chime_wav())  # QSoundEffect plays files, not memory
        effect = QSoundEffect(device)
        effect.setSource(QUrl.fromLocalFile(str(path)))
        effect.setVolume(VOLUME)
        effect.playingChanged.connect(lambda: None if effect.isPlaying() else app.quit())
        effect.statusChanged.connect(lambda: _fail(app) if effect.status() is QSoundEffect.Status.Error else None)
        effect.play()  # starts as soon as the file is loaded
        QTimer.singleShot(GIVE_UP_MS, lambda: app.exit(FAILED))
        return app.exec()


def _fail(app: QCoreApplication) -> None:
    print("the help chime could not be played", flush=True)
    app.exit(FAILED)


if __name__ == "__main__":
    sys.exit(main())
