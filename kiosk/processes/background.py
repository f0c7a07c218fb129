"""Run slow operator work (reports over a year of events, exports) on a pool thread; results come back by signal."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Delivery(QObject):
    done = Signal(int, object)  # job number, result or the exception it raised


class _Job(QRunnable):
    def __init__(self, work: Callable[[], object], number: int, delivery: _Delivery) -> None:
        super().__init__()
        self.work, self.number, self.delivery = work, number, delivery

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as error:  # handed to the GUI thread, shown to the operator
            result = error
        self.delivery.done.emit(self.number, result)


class BackgroundJobs(QObject):
    """One worker thread; `run(work, done)` calls `done(result_or_exception)` on the GUI thread."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._delivery = _Delivery(self)
        self._delivery.done.connect(self._finished)
        self._callbacks: dict[int, Callable[[object], None]] = {}
        self._count = 0

    def run(self, work: Callable[[], object], done: Callable[[object], None]) -> int:
        self._count += 1
        self._callbacks[self._count] = done
        self._pool.start(_Job(work, self._count, self._delivery))
        return self._count

    def wait(self, milliseconds: int = 30_000) -> bool:
        return self._pool.waitForDone(milliseconds)

    def _finished(self, number: int, result: object) -> None:
        callback = self._callbacks.pop(number, None)
        if callback is not None:
            callback(result)
