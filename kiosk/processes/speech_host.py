"""The speech process: QtTextToSpeech driven by JSON lines on stdin, reporting on stdout; the kiosk never waits on it.

PySide holds Python's lock while QTextToSpeech opens speech-dispatcher (a second or more, for ever if the
daemon hangs), so the engine lives in this child process rather than on a thread of the kiosk.
Run by `QtSpeaker`: python -m kiosk.processes.speech_host ENGINE REGION RATE VOLUME
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import signal
import sys
import threading
from typing import cast

from PySide6.QtCore import QCoreApplication, QLocale, QObject, Signal, Slot
from PySide6.QtTextToSpeech import QTextToSpeech, QVoice

from kiosk.content.models import Language
from kiosk.speech.spoken import Region, choose_voice
from kiosk.speech.watch import SpeechProblem

INSTALL_HINT = "install speech-dispatcher, speech-dispatcher-espeak-ng and espeak-ng (make run does)"
PR_SET_PDEATHSIG = 1
LANGUAGES: tuple[tuple[Language, QLocale.Language], ...] = (
    ("vi", QLocale.Language.Vietnamese),
    ("en", QLocale.Language.English),
)


def send(message: dict[str, object]) -> None:
    print(json.dumps(message), flush=True)


class SpeechHost(QObject):
    command = Signal(str)

    def __init__(self, engine: str, region: Region, rate: float, volume: float) -> None:
        super().__init__()
        self.engine, self.region, self.rate, self.volume = engine, region, rate, volume
        self.tts: QTextToSpeech | None = None
        self.voices: dict[str, tuple[QLocale, QVoice]] = {}
        self.problem: str | None = None
        self.command.connect(self.run_command)

    def open(self) -> None:
        try:
            voices, reason, note = self._open()
        except Exception as error:  # reported, not raised: the kiosk shows the reason to the operator
            voices, reason, note = {}, f"the speech engine failed to start: {error}", ""
        send({"event": "ready", "voices": voices, "reason": reason, "note": note, "problem": self.problem})

    def _open(self) -> tuple[dict[str, str], str, str]:
        self.problem = SpeechProblem.NO_ENGINE.value
        engines = QTextToSpeech.availableEngines()
        if self.engine not in engines:
            found = ", ".join(engines) or "none"
            return {}, f"no '{self.engine}' speech engine (found: {found}); {INSTALL_HINT}", ""
        self.problem = SpeechProblem.ENGINE_FAILED.value
        tts = QTextToSpeech(self.engine, self)
        if tts.state() is QTextToSpeech.State.Error:
            return {}, f"the '{self.engine}' speech engine failed: {tts.errorString()}; {INSTALL_HINT}", ""
        self.tts = tts
        tts.stateChanged.connect(self._state_changed)
        tts.setRate(self.rate)
        tts.setVolume(self.volume)
        chosen: dict[str, str] = {}
        notes: list[str] = []
        for language, qt_language in LANGUAGES:
            voices = _voices_of(tts, qt_language)
            choice = choose_voice([voice.name() for _, voice in voices], language, self.region)
            if choice.name is not None:
                self.voices[language] = next(entry for entry in voices if entry[1].name() == choice.name)
                chosen[language] = choice.name
            if choice.note:
                notes.append(choice.note)
        missing = f"the '{self.engine}' engine has no Vietnamese voice; {INSTALL_HINT}"
        self.problem = None if "vi" in chosen else SpeechProblem.NO_VOICE.value
        return chosen, "" if "vi" in chosen else missing, "; ".join(notes)

    @Slot(str)
    def run_command(self, line: str) -> None:
        """Run one call, then answer `done` with its id: a call that never returns is how the kiosk sees a hang."""
        message = json.loads(line)
        self._run(message)
        if isinstance(message.get("id"), int):
            send({"event": "done", "id": message["id"]})

    def _run(self, message: dict[str, object]) -> None:
        command = message.get("cmd")
        if command == "quit":
            QCoreApplication.quit()
        elif self.tts is None:
            return
        elif command == "say":
            self._say(str(message["text"]), str(message["language"]))
        elif command == "stop":
            self.tts.stop()
        elif command == "volume":
            self.tts.setVolume(float(str(message["value"])))

    def _say(self, text: str, language: str) -> None:
        entry = self.voices.get(language)
        if self.tts is None or entry is None:
            return
        locale, voice = entry
        if self.tts.voice() != voice:
            self.tts.setLocale(locale)
            self.tts.setVoice(voice)  # explicitly: a locale's default could be any regional voice
            self.tts.setRate(self.rate)
        self.tts.say(text)

    def _state_changed(self, state: QTextToSpeech.State) -> None:
        speaking = state in (QTextToSpeech.State.Speaking, QTextToSpeech.State.Synthesizing)
        send({"event": "speaking", "value": speaking})


def _voices_of(tts: QTextToSpeech, language: QLocale.Language) -> list[tuple[QLocale, QVoice]]:
    voices: list[tuple[QLocale, QVoice]] = []
    for locale in tts.availableLocales():
        if locale.language() == language:
            tts.setLocale(locale)
            voices += [(locale, voice) for voice in tts.availableVoices()]
    return voices


def _read_commands(host: SpeechHost) -> None:
    for line in sys.stdin:
        if line.strip():
            host.command.emit(line)
    host.command.emit('{"cmd": "quit"}')  # the kiosk closed the pipe or went away


def _die_with_the_kiosk() -> None:
    """Linux: SIGTERM this process when the kiosk dies, even while a C call here hangs."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def main(argv: list[str]) -> int:
    engine, region, rate, volume = argv[0], argv[1], float(argv[2]), float(argv[3])
    if region not in ("north", "central", "south"):
        raise SystemExit(f"unknown region {region!r}")
    _die_with_the_kiosk()
    app = QCoreApplication([sys.argv[0]])
    host = SpeechHost(engine, cast(Region, region), rate, volume)
    threading.Thread(target=_read_commands, args=(host,), daemon=True).start()
    host.open()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
