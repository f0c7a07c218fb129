"""The operator dashboard: a period, the key numbers, and charts big enough to read at arm's length.

The report is computed on a pool thread from a read-only connection and comes back by signal, so
a year of events never freezes the screen.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.processes.background import BackgroundJobs
from kiosk.system.clock import LocalCalendar
from kiosk.text.strings import ui_text
from kiosk.text.theme import Theme
from kiosk.usage.report import Funnel, Report, most_fooling, ordered_funnels, recent_days
from kiosk.usage.sheets import offset_text
from kiosk.views.widgets import column, label

WEEKDAYS = tuple(ui_text("dash_weekdays", "vi").split())
PERIODS = (
    ("today", ui_text("dash_today", "vi"), 1),
    ("week", ui_text("dash_days", "vi", n=7), 7),
    ("month", ui_text("dash_days", "vi", n=30), 30),
)
ReportSource = Callable[[datetime, datetime], Report]


def _python_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.0f} %"


CHART_TEXT_REF_PX = 32  # chart labels at the kiosk's reading minimum: officers read them at arm's length


def bar_chart(title: str, categories: list[str], values: list[float], theme: Theme, suffix: str = "") -> QChartView:
    palette = theme.palette
    chart = QChart()
    chart.setTitle(title)
    chart.setBackgroundBrush(QColor(palette.overlay_bg))
    chart.setTitleBrush(QColor(palette.text))
    title_font = QFont("Noto Sans")
    title_font.setPixelSize(theme.px(36))
    title_font.setBold(True)
    chart.setTitleFont(title_font)
    chart.legend().hide()
    bars = QBarSet(title)
    bars.append(values)
    bars.setColor(QColor(palette.header_bg if not theme.high_contrast else palette.ring))
    series = QBarSeries()
    series.append(bars)
    series.setLabelsVisible(len(values) <= 12)
    series.setLabelsFormat("@value" + suffix)
    series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
    value_font = QFont("Noto Sans")
    value_font.setPixelSize(theme.px(CHART_TEXT_REF_PX))
    value_font.setBold(True)
    bars.setLabelFont(value_font)
    bars.setLabelColor(QColor(palette.text))
    chart.addSeries(series)
    axis_font = QFont("Noto Sans")
    axis_font.setPixelSize(theme.px(CHART_TEXT_REF_PX))
    x_axis = QBarCategoryAxis()
    x_axis.append(categories)
    x_axis.setLabelsFont(axis_font)
    x_axis.setLabelsBrush(QColor(palette.text))
    y_axis = QValueAxis()
    top = max([*values, 1.0])
    y_axis.setRange(0, top * 1.2)
    y_axis.applyNiceNumbers()  # whole-number ticks: no "0, 0, 1, 1, 2" on small counts
    y_axis.setLabelFormat("%d")
    if top < 5:
        y_axis.setRange(0, int(top) + 1)
        y_axis.setTickCount(int(top) + 2)
    y_axis.setLabelsFont(axis_font)
    y_axis.setLabelsBrush(QColor(palette.text))
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(x_axis)
    series.attachAxis(y_axis)
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(theme.px(480))
    view.setObjectName("Chart")
    view.setBackgroundBrush(QColor(palette.background))
    return view


def _number(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def confidence_text(report: Report, titles: dict[str, str]) -> str:
    """Faces are 1 chưa tự tin, 2 tạm được, 3 tự tin; the change is after minus before, over paired visits."""
    lines = [
        f"{titles.get(c.tutorial_id, c.tutorial_id)}: {_number(c.mean_before)} → {_number(c.mean_after)} "
        f"({'+' if c.change >= 0 else ''}{_number(c.change)}; {ui_text('dash_visits', 'vi', n=c.pairs)})"
        for c in report.confidence[:8]
    ]
    heading = ui_text("dash_confidence", "vi")
    return f"{heading}: {ui_text('dash_none', 'vi')}." if not lines else heading + ":\n" + "\n".join(lines)


class DashboardView(QWidget):
    """Shows one `Report`; asks for a new one when the operator picks a period."""

    period_requested = Signal(object, object)  # local first day, local last day (dates, both included)

    def __init__(
        self,
        theme: Theme,
        today: LocalCalendar,
        titles: dict[str, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._theme = theme
        self._today = today
        self.report: Report | None = None
        self.titles = titles or {}  # tutorial id → title, for the funnel picker
        self.period_buttons: dict[str, QPushButton] = {}
        periods = QHBoxLayout()  # the quick periods on one row, the chosen range on the next: fits a totem too
        dates = QHBoxLayout()
        for key, title, days in PERIODS:
            button = QPushButton(title)
            button.clicked.connect(lambda _=False, n=days: self._last_days(n))
            periods.addWidget(button)
            self.period_buttons[key] = button
        self.first_day, self.last_day = QDateEdit(), QDateEdit()
        now = today()
        for edit in (self.first_day, self.last_day):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setDate(QDate(now.year, now.month, now.day))
            edit.setStyleSheet(f"font-size: {theme.px(30)}px; min-height: {theme.target_px}px;")
            dates.addWidget(edit)
        self.range_button = QPushButton(ui_text("dash_show_range", "vi"))
        self.range_button.clicked.connect(self._chosen_range)
        dates.addWidget(self.range_button)
        self.status = label("", "body")
        self.numbers: dict[str, QLabel] = {}
        numbers = QGridLayout()
        for index, key in enumerate(("sessions", "started", "completed", "rate", "help", "assisted")):
            caption = ui_text(f"dash_{key}", "vi")
            card = QFrame()
            card.setObjectName("StatCard")
            card.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
            value = label("—", "heading", wrap=False)
            layout = column(card)
            layout.setContentsMargins(*(theme.px(24),) * 4)
            layout.setSpacing(theme.px(8))
            layout.addWidget(label(caption, "small"))
            layout.addWidget(value)
            self.numbers[key] = value
            numbers.addWidget(card, index // 3, index % 3)
        self.funnel_choice = QComboBox()
        self.funnel_choice.setStyleSheet(f"font-size: {theme.px(28)}px; min-height: {theme.target_px}px;")
        self._funnels: list[Funnel] = []
        self.funnel_choice.currentIndexChanged.connect(lambda _: self._draw_charts())
        self.splits = label("", "body")
        self.fooled_key = label("", "small")  # what the numbered bars of the scam chart are
        self.confidence = label("", "body")  # confidence faces before → after, per tutorial (paired in a visit)
        self.charts = QGridLayout()
        self.charts.setColumnStretch(0, 1)
        self.charts.setColumnStretch(1, 1)
        body = QWidget()
        inner = QVBoxLayout(body)
        inner.addLayout(periods)
        inner.addLayout(dates)
        inner.addWidget(self.status)
        inner.addLayout(numbers)
        inner.addWidget(self.splits)
        inner.addWidget(self.confidence)
        inner.addLayout(self.charts)
        inner.addWidget(self.fooled_key)
        inner.addWidget(label(ui_text("dash_funnel_pick", "vi"), "small"))
        inner.addWidget(self.funnel_choice)
        self.funnel_host = QVBoxLayout()
        inner.addLayout(self.funnel_host)
        inner.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        column(self).addWidget(scroll)
        self.jobs = BackgroundJobs(self)
        self._requests = 0
        self._chart_views: list[QWidget] = []

    # --- periods ----------------------------------------------------------------

    def _last_days(self, days: int) -> None:
        first, last = recent_days(days, self._today())
        self._set_dates(first, last)
        self.period_requested.emit(first, last)

    def _chosen_range(self) -> None:
        first, last = _python_date(self.first_day.date()), _python_date(self.last_day.date())
        if first > last:
            first, last = last, first
        self.period_requested.emit(first, last)

    def _set_dates(self, first: date, last: date) -> None:
        self.first_day.setDate(QDate(first.year, first.month, first.day))
        self.last_day.setDate(QDate(last.year, last.month, last.day))

    # --- loading ---------------------------------------------------------------

    def load(self, source: ReportSource, start: datetime, end: datetime) -> None:
        """Compute the report on the pool thread; only the newest request is shown."""
        self._requests += 1
        number = self._requests
        self.status.setText(ui_text("dash_computing", "vi"))
        self.jobs.run(lambda: source(start, end), lambda result: self._delivered(result, number))

    def _delivered(self, result: object, number: int) -> None:
        if number != self._requests:
            return
        if isinstance(result, Report):
            self.show_report(result)
        else:
            self.status.setText(ui_text("dash_unreadable", "vi", error=result))

    # --- drawing ---------------------------------------------------------------

    def forget_report(self) -> None:
        """At logout: the next operator's dashboard starts from today, not from the last one's period."""
        self.report = None

    def show_report(self, report: Report) -> None:
        self.report = report
        zone = offset_text(report.utc_offset)
        self.status.setText(ui_text("dash_status", "vi", events=report.events, zone=zone))
        self.numbers["sessions"].setText(str(report.sessions))
        self.numbers["started"].setText(str(report.tutorials_started))
        self.numbers["completed"].setText(str(report.tutorials_completed))
        self.numbers["rate"].setText(_percent(report.completion_rate))
        self.numbers["help"].setText(str(report.help_requests))
        self.numbers["assisted"].setText(f"{report.assisted_sessions} / {report.alone_sessions}")
        names = {"vi": ui_text("dash_vietnamese", "vi"), "en": ui_text("dash_english", "vi")}
        languages = ", ".join(f"{names.get(k, k)}: {v}" for k, v in report.languages)
        sizes = ", ".join(f"{k} %: {v}" for k, v in report.text_sizes)
        none = ui_text("dash_none", "vi")
        self.splits.setText(ui_text("dash_splits", "vi", languages=languages or none, sizes=sizes or none))
        self.confidence.setText(confidence_text(report, self.titles))
        current = self.funnel_choice.currentText()
        self.funnel_choice.blockSignals(True)
        self.funnel_choice.clear()
        self._funnels = ordered_funnels(report)  # the most started tutorial first, shown first
        self.funnel_choice.addItems([self.titles.get(f.tutorial_id, f.tutorial_id) for f in self._funnels])
        if current:
            self.funnel_choice.setCurrentText(current)
        self.funnel_choice.blockSignals(False)
        self._draw_charts()

    def _draw_charts(self) -> None:
        report, theme = self.report, self._theme
        if report is None:
            return
        for view in self._chart_views:
            view.deleteLater()
        fooled = most_fooling(report.scenarios)[:8]
        views = [
            bar_chart(
                ui_text("dash_chart_hours", "vi"),
                [f"{h}h" for h in range(0, 24, 3)],  # 24 single hours are unreadable at arm's length
                [float(sum(report.hours[h : h + 3])) for h in range(0, 24, 3)],
                theme,
            ),
            bar_chart(ui_text("dash_chart_weekdays", "vi"), list(WEEKDAYS), [float(v) for v in report.weekdays], theme),
            bar_chart(
                ui_text("dash_chart_fooled", "vi"),
                [str(rank) for rank in range(1, len(fooled) + 1)],
                [round(s.fooled_rate * 100) for s in fooled],
                theme,
                " %",
            ),
        ]
        self.fooled_key.setText(
            ui_text("dash_fooled_key", "vi")
            + "\n"
            + "\n".join(
                f"{rank}. {self.titles.get(s.tutorial_id, s.tutorial_id)} – {s.step_id or '?'} "
                f"({ui_text('dash_answers', 'vi', n=s.answers)})"
                for rank, s in enumerate(fooled, start=1)
            )
        )
        columns = 2 if self.width() >= self._theme.px(1500) else 1
        for index, view in enumerate(views):
            self.charts.addWidget(view, index // columns, index % columns)
        funnel = self._chosen_funnel()
        if funnel is not None:
            steps = list(funnel.steps)
            worst = max(steps, key=lambda s: (s.abandoned, -s.step_index))
            where = ui_text("dash_worst_step", "vi", n=worst.step_index + 1) if worst.abandoned else ""
            view = bar_chart(
                ui_text("dash_chart_funnel", "vi", worst=where),
                [ui_text("dash_step_label", "vi", n=s.step_index + 1) for s in steps],
                [float(s.reached) for s in steps],
                theme,
            )
            self.funnel_host.addWidget(view)
            views.append(view)
        self._chart_views = list(views)

    def _chosen_funnel(self) -> Funnel | None:
        report = self.report
        index = self.funnel_choice.currentIndex()
        if report is None or not 0 <= index < len(self._funnels):
            return None
        return self._funnels[index]
