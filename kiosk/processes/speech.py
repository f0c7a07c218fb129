"""Text to speech behind a small `Speaker` interface: QtTextToSpeech in a child process, and a fake for tests."""

from __future__ import annotations

import atexit
import json
import sys
import time
from dataclasses import dataclass
from typing import Protocol

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QProcess, QProcessEnvironment, QTimer, Signal, SignalInstance

from kiosk.config import PROJECT_ROOT, KioskConfig
from kiosk.content.models import Language
from kiosk.speech.spoken import Region, preferred_voice
from kiosk.speech.watch import (
    CALL_DEADLINE_S,
    OPEN_DEADLINE_S,
    SPEAK_BASE_S,
    SPEAK_PER_CHAR_S,
    SpeechProblem,
    SpeechWatch,
    describe,
)
from kiosk.system.logs import logger

ENGINE = "speechd"
SHUTDOWN_WAIT_MS = 1000
KILL_AFTER_MS = 1000  # a stuck child gets SIGTERM, then SIGKILL if it is still there this much later
WATCH_INTERVAL_MS = 250
RETRY_AFTER_S = 300.0  # a stopped engine is tried again now and then: a speaker plugged back in comes back
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

    def health_problem(self) -> str | None: ...

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
    open_deadline_s: float = OPEN_DEADLINE_S
    call_deadline_s: float = CALL_DEADLINE_S
    speak_base_s: float = SPEAK_BASE_S
    speak_per_char_s: float = SPEAK_PER_CHAR_S
    retry_after_s: float | None = RETRY_AFTER_S

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
        self.problem: SpeechProblem | None = None
        self.speaking = False
        self.voices: dict[str, str] = {}
        self.note = ""
        self.finished = 0  # texts the engine itself reported done (or stopped)
        self._engine_speaking = False
        self._opened = False
        self._process: QProcess | None = None
        self._buffer = b""
        self._watch = SpeechWatch(
            settings.open_deadline_s, settings.call_deadline_s, settings.speak_base_s, settings.speak_per_char_s
        )
        self._watch_timer = QTimer(self)
        self._watch_timer.setInterval(WATCH_INTERVAL_MS)
        self._watch_timer.timeout.connect(self._check_deadlines)
        self._retry_timer = QTimer(self)
        self._retry_timer.setSingleShot(True)
        self._retry_timer.timeout.connect(self.start)
        self._hooked = False

    def start(self) -> None:
        """Start the speech process; `changed` fires once it is known whether a Vietnamese voice exists."""
        if self._process is not None:
            return
        self._opened, self._buffer, self.problem = False, b"", None
        self.why_unavailable = "the speech engine has not started yet"
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
        self._hook_shutdown()
        self.destroyed.connect(lambda: end_process(process, gently=False))  # e.g. the window closed in a test
        self._watch.clear()
        self._watch.opening(time.monotonic())
        self._watch_timer.start()
        process.start(sys.executable, ["-m", "kiosk.processes.speech_host", *arguments])

    def _hook_shutdown(self) -> None:
        if self._hooked:
            return
        self._hooked = True
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        atexit.register(self.shutdown)  # a script that never runs the event loop still ends the child

    def shutdown(self) -> None:
        for timer in (self._watch_timer, self._retry_timer):
            if shiboken6.isValid(timer):
                timer.stop()
        process, self._process = self._process, None
        if process is not None:
            end_process(process, gently=self._opened)

    def health_problem(self) -> str | None:
        """For the operator area's speech check: None when a Vietnamese voice is ready or the engine is starting."""
        not_yet = self.problem is None and (self._process is None or self._watch.starting())
        if self.available or not_yet:
            return None  # not started yet, or within the open deadline: a warning would be a false alarm at boot
        return self.why_unavailable

    def can_speak(self, language: Language) -> bool:
        return language in self.voices

    def say(self, text: str, language: Language) -> None:
        if self.can_speak(language) and self._send({"cmd": "say", "text": text, "language": language}):
            self._watch.speaking(time.monotonic(), text)
            self._speaking_changed(True)  # the button says "Dừng đọc" at once, not when the engine answers

    def stop(self) -> None:
        self._send({"cmd": "stop"})
        self._speaking_changed(False)

    def set_volume(self, volume: float) -> None:
        self._send({"cmd": "volume", "value": volume})

    def _send(self, message: dict[str, object]) -> bool:
        """Every call carries an id the engine answers with `done`; one not answered in time stops the engine."""
        if self._process is None or self._process.state() is not QProcess.ProcessState.Running:
            return False
        message["id"] = self._watch.call(time.monotonic())
        self._process.write(json.dumps(message).encode() + b"\n")
        return True

    def _check_deadlines(self) -> None:
        problem = self._watch.overdue(time.monotonic())
        if problem is not None:
            self._stuck(problem)

    def _stuck(self, problem: SpeechProblem) -> None:
        """The engine missed a deadline: end the child (SIGTERM, then SIGKILL), hide the button, say why."""
        process, self._process = self._process, None
        if process is not None:
            stop_stuck_process(process)
        self._off(describe(problem), problem)

    def _off(self, words: str, problem: SpeechProblem) -> None:
        """Read aloud is off until the engine is tried again (a speaker plugged back in, a daemon restarted)."""
        logger().warning("Read aloud is off: %s", words)
        self._unavailable(words, problem)
        if self.settings.retry_after_s is not None:
            self._retry_timer.start(int(self.settings.retry_after_s * 1000))

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
        event = message.get("event")
        if event == "ready":
            self._opened = True
            self._watch.opened()
            voices = message.get("voices")
            self.voices = {str(key): str(value) for key, value in voices.items()} if isinstance(voices, dict) else {}
            self.available = "vi" in self.voices
            reason = str(message.get("reason") or "")
            code = str(message.get("problem"))
            self.problem = SpeechProblem(code) if code in set(SpeechProblem) else None
            self.why_unavailable = describe(self.problem, reason) if self.problem and not self.available else reason
            self.note = str(message.get("note") or "")
            self.changed.emit()
        elif event == "done" and isinstance(message.get("id"), int):
            self._watch.answered(int(str(message["id"])))
        elif event == "speaking":
            speaking = bool(message.get("value"))
            if self._engine_speaking and not speaking:
                self.finished += 1
            if not speaking:
                self._watch.silent()
            self._engine_speaking = speaking
            self._speaking_changed(speaking)

    def _ended(self, code: int = 0, status: object = None) -> None:
        if self._process is not None:
            self._process.deleteLater()  # it has finished: nothing left to reap
        self._process = None
        self._off(describe(SpeechProblem.PROCESS_ENDED, f"exit code {code}"), SpeechProblem.PROCESS_ENDED)

    def _failed(self, error: QProcess.ProcessError) -> None:
        if error is QProcess.ProcessError.FailedToStart:
            self._process = None
            words = describe(SpeechProblem.PROCESS_ENDED, "the speech process could not start")
            self._unavailable(words, SpeechProblem.PROCESS_ENDED)

    def _unavailable(self, reason: str, problem: SpeechProblem) -> None:
        self._watch.clear()
        self._watch_timer.stop()
        self.available, self.voices, self.why_unavailable, self.problem = False, {}, reason, problem
        self._speaking_changed(False)
        self.changed.emit()

    def _speaking_changed(self, speaking: bool) -> None:
        if speaking != self.speaking:
            self.speaking = speaking
            self.changed.emit()


def stop_stuck_process(process: QProcess) -> None:
    """SIGTERM now and SIGKILL a second later if it is still there; never waits, so the screen never freezes."""
    process.blockSignals(True)  # its end is no news: the speaker already knows why it stopped it
    if process.state() is QProcess.ProcessState.NotRunning:
        process.deleteLater()
        return
    process.terminate()

    def kill_if_alive() -> None:
        if shiboken6.isValid(process) and process.state() is not QProcess.ProcessState.NotRunning:
            process.kill()
            process.waitForFinished(SHUTDOWN_WAIT_MS)  # SIGKILL ends it at once; this only reaps it

    def reap() -> None:
        if shiboken6.isValid(process) and process.state() is QProcess.ProcessState.NotRunning:
            process.deleteLater()

    QTimer.singleShot(KILL_AFTER_MS, kill_if_alive)
    QTimer.singleShot(KILL_AFTER_MS + 100, reap)


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

    def health_problem(self) -> str | None:
        return None if self.available else self.why_unavailable

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
