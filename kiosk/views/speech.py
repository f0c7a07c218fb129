"""Text to speech behind a small `Speaker` interface: QtTextToSpeech on its own thread, and a fake for tests."""

from __future__ import annotations

import atexit
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QThread, Signal, SignalInstance, Slot

from kiosk.config import KioskConfig
from kiosk.content.models import Language
from kiosk.spoken import Region, choose_voice, preferred_voice

if TYPE_CHECKING:  # QtTextToSpeech is imported on the speech thread only, never on the start-up path
    from PySide6.QtTextToSpeech import QTextToSpeech, QVoice

ENGINE = "speechd"
INSTALL_HINT = "install speech-dispatcher, speech-dispatcher-espeak-ng and espeak-ng (make run does)"


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


@dataclass(frozen=True)
class EngineReport:
    voices: dict[str, str] = field(default_factory=dict)  # language → the voice chosen for it
    reason: str = ""  # why there is no Vietnamese voice
    note: str = ""  # a voice other than the one configured


class SpeechEngine(QObject):
    """Lives on the speech thread: opening speech-dispatcher lists every voice, which takes a second or more."""

    ready = Signal(object)
    speaking_changed = Signal(bool)

    def __init__(self, settings: SpeechSettings) -> None:
        super().__init__()
        self.settings = settings
        self.tts: QTextToSpeech | None = None
        self.voices: dict[str, tuple[QLocale, QVoice]] = {}

    @Slot()
    def open(self) -> None:
        try:
            report = self._open()
        except Exception as error:  # a broken engine means no read aloud, never a broken kiosk
            report = EngineReport(reason=f"the speech engine failed to start: {error}")
        self.ready.emit(report)

    def _open(self) -> EngineReport:
        from PySide6.QtTextToSpeech import QTextToSpeech

        name = self.settings.engine
        engines = QTextToSpeech.availableEngines()
        if name not in engines:
            found = ", ".join(engines) or "none"
            return EngineReport(reason=f"no '{name}' speech engine (found: {found}); {INSTALL_HINT}")
        tts = QTextToSpeech(name, self)
        if tts.state() is QTextToSpeech.State.Error:
            return EngineReport(reason=f"the '{name}' speech engine failed: {tts.errorString()}; {INSTALL_HINT}")
        self.tts = tts
        tts.stateChanged.connect(self._state_changed)
        tts.setRate(self.settings.rate)
        tts.setVolume(self.settings.volume)
        return self._choose_voices(tts)

    def _choose_voices(self, tts: QTextToSpeech) -> EngineReport:
        chosen: dict[str, str] = {}
        notes: list[str] = []
        languages: tuple[tuple[Language, QLocale.Language], ...] = (
            ("vi", QLocale.Language.Vietnamese),
            ("en", QLocale.Language.English),
        )
        for language, qt_language in languages:
            voices = _voices_of(tts, qt_language)
            choice = choose_voice([voice.name() for _, voice in voices], language, self.settings.region)
            if choice.name is not None:
                self.voices[language] = next(entry for entry in voices if entry[1].name() == choice.name)
                chosen[language] = choice.name
            if choice.note:
                notes.append(choice.note)
        missing = f"the '{self.settings.engine}' engine has no Vietnamese voice; {INSTALL_HINT}"
        reason = "" if "vi" in chosen else missing
        return EngineReport(chosen, reason, "; ".join(notes))

    @Slot(str, str)
    def say(self, text: str, language: str) -> None:
        entry = self.voices.get(language)
        if self.tts is None or entry is None:
            return
        locale, voice = entry
        if self.tts.voice() != voice:
            self.tts.setLocale(locale)
            self.tts.setVoice(voice)  # explicitly: the locale's default could be any regional voice
            self.tts.setRate(self.settings.rate)
        self.tts.say(text)

    @Slot()
    def stop(self) -> None:
        if self.tts is not None:
            self.tts.stop()

    @Slot(float)
    def set_volume(self, volume: float) -> None:
        if self.tts is not None:
            self.tts.setVolume(volume)

    def _state_changed(self, state: QTextToSpeech.State) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        self.speaking_changed.emit(state in (QTextToSpeech.State.Speaking, QTextToSpeech.State.Synthesizing))


def _voices_of(tts: QTextToSpeech, language: QLocale.Language) -> list[tuple[QLocale, QVoice]]:
    voices: list[tuple[QLocale, QVoice]] = []
    for locale in tts.availableLocales():
        if locale.language() == language:
            tts.setLocale(locale)
            voices += [(locale, voice) for voice in tts.availableVoices()]
    return voices


class QtSpeaker(QObject):
    """QtTextToSpeech (speech-dispatcher + espeak-ng) on a thread of its own; this side never blocks the GUI."""

    changed = Signal()
    _open_requested = Signal()
    _say_requested = Signal(str, str)
    _stop_requested = Signal()
    _volume_requested = Signal(float)

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
        self._thread: QThread | None = None
        self._engine: SpeechEngine | None = None

    def start(self) -> None:
        """Open the engine on the speech thread; `changed` fires when it is known whether a voice exists."""
        if self._thread is not None:
            return
        thread = QThread()
        thread.setObjectName("speech")
        engine = SpeechEngine(self.settings)
        engine.moveToThread(thread)
        self._open_requested.connect(engine.open)
        self._say_requested.connect(engine.say)
        self._stop_requested.connect(engine.stop)
        self._volume_requested.connect(engine.set_volume)
        engine.ready.connect(self._ready)
        engine.speaking_changed.connect(self._engine_state)
        thread.finished.connect(engine.deleteLater)
        self._thread, self._engine = thread, engine
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        atexit.register(self.shutdown)  # a script that never runs the event loop still stops the thread
        thread.start()
        self._open_requested.emit()

    def shutdown(self) -> None:
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.quit()
            thread.wait(10_000)

    def health_problem(self) -> str | None:
        """For the operator area's speech check: None when a Vietnamese voice is ready."""
        return None if self.available else self.why_unavailable

    def can_speak(self, language: Language) -> bool:
        return language in self.voices

    def say(self, text: str, language: Language) -> None:
        if self.can_speak(language):
            self._say_requested.emit(text, language)
            self._speaking_changed(True)  # the button says "Dừng đọc" at once, not when the engine answers

    def stop(self) -> None:
        self._stop_requested.emit()
        self._speaking_changed(False)

    def set_volume(self, volume: float) -> None:
        self._volume_requested.emit(volume)

    @Slot(object)
    def _ready(self, report: EngineReport) -> None:
        self.voices = dict(report.voices)
        self.available = "vi" in self.voices
        self.why_unavailable = report.reason
        self.note = report.note
        self.changed.emit()

    @Slot(bool)
    def _engine_state(self, speaking: bool) -> None:
        if self._engine_speaking and not speaking:
            self.finished += 1
        self._engine_speaking = speaking
        self._speaking_changed(speaking)

    def _speaking_changed(self, speaking: bool) -> None:
        if speaking != self.speaking:
            self.speaking = speaking
            self.changed.emit()


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
