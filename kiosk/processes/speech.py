"""Text to speech behind a small `Speaker` interface: QtTextToSpeech in a child process, and a fake for tests."""

from __future__ import annotations

import atexit
import json
import sys
from dataclasses import dataclass
from typing import Protocol

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QProcess, QProcessEnvironment, Signal, SignalInstance

from kiosk.config import PROJECT_ROOT, KioskConfig
from kiosk.content.models import Language
from kiosk.speech.spoken import Region, preferred_voice

ENGINE = "speechd"
SHUTDOWN_WAIT_MS = 1000
# QtTextToSpeech links Qt Multimedia, which logs every audio backend it probes and does not find (pipewire).
QUIET_PROBES = "qt.multimedia.symbolsresolver=false"


class Speaker(Protocol):
    """What read aloud needs from a speech engine; `changed` fires when `available` or `speaking` changes."""

    @property
    def changed(self) -> SignalInstance: ...

    @property
    def available(self) -> bool: ...

    @property
    def why_unavailable(self) -> str: ...

    @property
    def speaking(self) -> bool: ...

    def can_speak(self, language: Language) -> bool: ...

    def say(self, text: str, language: Language) -> None: ...

    def stop(self) -> None: ...

    def set_volume(self, volume: float) -> None: ...

    def start(self) -> None: ...


@dataclass(frozen=True)
class SpeechSettings:
    region: Region = "north"
    rate: float = -0.3  # -1..1; 0 is the engine's default, which is fast for older listeners
    volume: float = 0.9
    engine: str = ENGINE

    @classmethod
    def from_config(cls, config: KioskConfig) -> SpeechSettings:
        return cls(config.speech_voice, config.speech_rate, config.speech_volume)


class QtSpeaker(QObject):
    """QtTextToSpeech (speech-dispatcher + espeak-ng) in a child process: nothing here ever waits for speech."""

    changed = Signal()

    def __init__(self, settings: SpeechSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.available = False
        self.why_unavailable = "the speech engine has not started yet"
        self.speaking = False
        self.voices: dict[str, str] = {}
        self.note = ""
        self.finished = 0  # texts the engine itself reported done (or stopped)
        self._engine_speaking = False
        self._opened = False
        self._process: QProcess | None = None
        self._buffer = b""

    def start(self) -> None:
        """Start the speech process; `changed` fires once it is known whether a Vietnamese voice exists."""
        if self._process is not None:
            return
        process = QProcess(self)
        process.setProcessChannelMode(QProcess.ProcessChannelMode.ForwardedErrorChannel)
        process.setWorkingDirectory(str(PROJECT_ROOT))
        environment = QProcessEnvironment.systemEnvironment()
        rules = ";".join(filter(None, [QUIET_PROBES, environment.value("QT_LOGGING_RULES")]))
        environment.insert("QT_LOGGING_RULES", rules)  # the operator's own rules come last and win
        process.setProcessEnvironment(environment)
        process.readyReadStandardOutput.connect(self._read)
        process.finished.connect(self._ended)
        process.errorOccurred.connect(self._failed)
        settings = self.settings
        arguments = [settings.engine, settings.region, str(settings.rate), str(settings.volume)]
        self._process = process
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        atexit.register(self.shutdown)  # a script that never runs the event loop still ends the child
        self.destroyed.connect(lambda: end_process(process, gently=False))  # e.g. the window closed in a test
        process.start(sys.executable, ["-m", "kiosk.processes.speech_host", *arguments])

    def shutdown(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            end_process(process, gently=self._opened)

    def health_problem(self) -> str | None:
        """For the operator area's speech check: None when a Vietnamese voice is ready."""
        return None if self.available else self.why_unavailable

    def can_speak(self, language: Language) -> bool:
        return language in self.voices

    def say(self, text: str, language: Language) -> None:
        if self.can_speak(language):
            self._send({"cmd": "say", "text": text, "language": language})
            self._speaking_changed(True)  # the button says "Dừng đọc" at once, not when the engine answers

    def stop(self) -> None:
        self._send({"cmd": "stop"})
        self._speaking_changed(False)

    def set_volume(self, volume: float) -> None:
        self._send({"cmd": "volume", "value": volume})

    def _send(self, message: dict[str, object]) -> None:
        if self._process is not None and self._process.state() is QProcess.ProcessState.Running:
            self._process.write(json.dumps(message).encode() + b"\n")

    def _read(self) -> None:
        if self._process is None:
            return
        self._buffer += bytes(self._process.readAllStandardOutput().data())
        *lines, self._buffer = self._buffer.split(b"\n")
        for line in lines:
            try:
                message = json.loads(line)
            except ValueError:
                continue  # not ours (a library printing to stdout)
            if isinstance(message, dict):
                self._handle(message)

    def _handle(self, message: dict[str, object]) -> None:
        if message.get("event") == "ready":
            self._opened = True
            voices = message.get("voices")
            self.voices = {str(key): str(value) for key, value in voices.items()} if isinstance(voices, dict) else {}
            self.available = "vi" in self.voices
            self.why_unavailable = str(message.get("reason") or "")
            self.note = str(message.get("note") or "")
            self.changed.emit()
        elif message.get("event") == "speaking":
            speaking = bool(message.get("value"))
            if self._engine_speaking and not speaking:
                self.finished += 1
            self._engine_speaking = speaking
            self._speaking_changed(speaking)

    def _ended(self, code: int = 0, status: object = None) -> None:
        self._unavailable(f"the speech process stopped (exit code {code})")

    def _failed(self, error: QProcess.ProcessError) -> None:
        if error is QProcess.ProcessError.FailedToStart:
            self._unavailable("the speech process could not start")

    def _unavailable(self, reason: str) -> None:
        self.available, self.voices, self.why_unavailable = False, {}, reason
        self._speaking_changed(False)
        self.changed.emit()

    def _speaking_changed(self, speaking: bool) -> None:
        if speaking != self.speaking:
            self.speaking = speaking
            self.changed.emit()


def end_process(process: QProcess, gently: bool) -> None:
    """A child that is ready quits at the end of its input; one still opening (or stuck) is killed."""
    if not shiboken6.isValid(process) or process.state() is QProcess.ProcessState.NotRunning:
        return
    process.blockSignals(True)  # an end we asked for is not news for the (maybe dying) speaker
    process.closeWriteChannel()
    if not gently or not process.waitForFinished(SHUTDOWN_WAIT_MS):
        process.kill()  # e.g. blocked opening a speech-dispatcher that never answers
        process.waitForFinished(SHUTDOWN_WAIT_MS)


class FakeSpeaker(QObject):
    """Says nothing; records (text, language, voice) as the real engine would say it. For tests and the tour."""

    changed = Signal()

    def __init__(
        self,
        available: bool = True,
        region: Region = "north",
        languages: tuple[Language, ...] = ("vi", "en"),
        why_unavailable: str = "",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.available = available
        self.why_unavailable = "" if available else why_unavailable or "fake speaker: no Vietnamese voice"
        self.languages = frozenset(languages) if available else frozenset()
        self.region: Region = region
        self.speaking = False
        self.volume: float | None = None
        self.calls: list[tuple[str, Language, str]] = []
        self.stops = 0
        self.started = False

    def start(self) -> None:
        self.started = True

    def can_speak(self, language: Language) -> bool:
        return language in self.languages

    def say(self, text: str, language: Language) -> None:
        if self.can_speak(language):
            self.calls.append((text, language, preferred_voice(language, self.region)))
            self._set_speaking(True)

    def stop(self) -> None:
        self.stops += 1
        self._set_speaking(False)

    def finish(self) -> None:
        """The engine reached the end of the text."""
        self._set_speaking(False)

    def set_volume(self, volume: float) -> None:
        self.volume = volume

    def _set_speaking(self, speaking: bool) -> None:
        if speaking != self.speaking:
            self.speaking = speaking
            self.changed.emit()
