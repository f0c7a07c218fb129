"""Usage from the screen models the controller announces: which tutorial and step is on show, and when a
tutorial is finished or left (the recorder subscribes in the composition root; no widget is involved)."""

from __future__ import annotations

from kiosk.core.screen_model import Completion, ScreenModel, StepScreen
from kiosk.usage.recorder import UsageRecorder


def record_screen(recorder: UsageRecorder, model: ScreenModel) -> None:
    if isinstance(model, StepScreen):
        if recorder.in_tutorial != model.tutorial_id:
            recorder.tutorial_opened(model.tutorial_id)
        recorder.step_shown(model.tutorial_id, model.step_id, model.position[0] - 1)
    elif recorder.in_tutorial is not None:
        recorder.tutorial_left(completed=isinstance(model, Completion))
