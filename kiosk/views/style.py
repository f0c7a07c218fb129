"""The one Qt style sheet, generated from the theme; widgets only set a `role` property."""

from __future__ import annotations

from kiosk.text.theme import Theme
from kiosk.views.fonts import FONT_FAMILY


def stylesheet(theme: Theme) -> str:
    p = theme.palette
    radius = theme.px(22)
    border = max(2, theme.px(3))
    pad = theme.px(16)
    answers = "\n".join(
        f'QPushButton[role="answer-{kind}"] {{ background: {colour}; color: {p.answer_text}; border: {border}px solid '
        f"{p.text if theme.high_contrast else colour}; "
        f"font-size: {theme.body_px}px; text-align: center; padding: {theme.px(10)}px {theme.px(28)}px; "
        f"min-height: {theme.target_px - 2 * theme.px(10) - 2 * border}px; border-radius: {radius}px; }}\n"
        f'QPushButton[role="answer-{kind}"]:pressed {{ border: {border * 2}px solid {p.ring}; }}'
        for kind, colour in p.answers.items()
    )
    tiles = "\n".join(f'#Tile[tone="{tone}"] {{ background: {colour}; }}' for tone, colour in p.tiles.items())
    return f"""
* {{ font-family: "{FONT_FAMILY}"; color: {p.text}; }}
#KioskShell, QStackedWidget, #Page {{ background: {p.background}; }}
QLabel {{ background: transparent; font-size: {theme.body_px}px; }}
QLabel[role="heading"] {{ font-size: {theme.heading_px}px; font-weight: bold; }}
QLabel[role="body"] {{ font-size: {theme.body_px}px; }}
QLabel[role="small"] {{ font-size: {theme.small_px}px; color: {p.muted_text}; }}
#Header {{ background: {p.header_bg}; }}
#Header QLabel {{ color: {p.header_text}; font-size: {min(theme.text_px(44), theme.px(56))}px; font-weight: bold; }}
#Header QLabel#StepPill {{ background: {p.button_bg}; color: {p.button_text}; border-radius: {theme.px(30)}px;
    padding: {theme.px(6)}px {theme.px(24)}px; font-size: {theme.px(36)}px; }}
#BottomBar {{ background: {p.bar_bg}; border-top: {border}px solid {p.button_border}; }}
QToolButton {{ background: {p.button_bg}; color: {p.button_text}; border: {border}px solid {p.button_border};
    border-radius: {radius}px; font-size: {theme.bar_text_px}px; font-weight: bold;
    padding: {theme.px(6)}px {theme.px(6)}px; min-height: {theme.target_px}px; min-width: {theme.target_px}px; }}
QToolButton:pressed {{ background: {p.bar_bg}; border-color: {p.text}; }}
QToolButton[role="primary"] {{ background: {p.primary_bg}; color: {p.primary_text}; border-color: {p.primary_bg}; }}
QToolButton[role="help"] {{ background: {p.help_bg}; color: {p.help_text}; border-color: {p.help_bg}; }}
QPushButton {{ background: {p.button_bg}; color: {p.button_text}; border: {border}px solid {p.button_border};
    border-radius: {radius}px; font-size: {theme.bar_text_px}px; font-weight: bold;
    padding: {theme.px(8)}px {pad}px; min-height: {theme.target_px}px; min-width: {theme.target_px}px; }}
QPushButton:pressed {{ background: {p.bar_bg}; border-color: {p.text}; }}
QPushButton:checked {{ background: {p.header_bg}; color: {p.header_text}; border-color: {p.header_bg}; }}
QPushButton[role="primary"] {{ background: {p.primary_bg}; color: {p.primary_text}; border-color: {p.primary_bg}; }}
QPushButton[role="help"] {{ background: {p.help_bg}; color: {p.help_text}; border-color: {p.help_bg}; }}
QPushButton[role="big"] {{ font-size: {theme.body_px}px; text-align: left; padding: {pad}px {theme.px(28)}px; }}
{answers}
QPushButton[role="danger"] {{ background: {p.danger_text}; color: {p.danger_bg}; border-color: {p.danger_text}; }}
#ScamBanner {{ font-size: {theme.text_px(44)}px; font-weight: bold; border-radius: {radius}px; padding: {pad // 2}px;
    border: {border * 2}px solid {p.danger_text}; }}
#ScamBanner[phase="on"] {{ background: {p.danger_text}; color: {p.danger_bg}; }}
#ScamBanner[phase="off"] {{ background: {p.danger_bg}; color: {p.danger_text}; }}
#Tile, #ListItem {{ border-radius: {radius}px; }}
#Tile QLabel {{ color: {p.tile_text}; }}
QLabel[role="tile-title"] {{ font-size: {theme.tile_title_px}px; font-weight: bold; }}
{tiles}
#ListItem {{ background: {p.button_bg}; border: {border}px solid {p.button_border}; }}
#ListItem QLabel {{ color: {p.button_text}; }}
#Banner[tone="success"] {{ background: {p.success_bg}; border-radius: {radius}px; }}
#Banner[tone="success"] QLabel {{ color: {p.success_text}; }}
#Banner[tone="hint"] {{ background: {p.hint_bg}; border-radius: {radius}px; }}
#Banner[tone="hint"] QLabel {{ color: {p.hint_text}; }}
#Banner[tone="danger"] {{ background: {p.danger_bg}; border-radius: {radius}px; }}
#Banner[tone="danger"] QLabel {{ color: {p.danger_text}; }}
#Banner[tone="info"] {{ background: {p.overlay_bg}; border: {border}px solid {p.button_border};
    border-radius: {radius}px; }}
#Overlay {{ background: rgba(0, 0, 0, 150); }}
#OverlayCard {{ background: {p.overlay_bg}; border-radius: {radius}px;
    border: {border * 2}px solid {p.button_border}; }}
#HelpSignal {{ font-size: {theme.text_px(72)}px; font-weight: bold; border-radius: {radius}px;
    padding: {pad}px; border: {border * 2}px solid {p.help_bg}; }}
#HelpSignal[phase="on"] {{ background: {p.help_bg}; color: {p.help_text}; }}
#HelpSignal[phase="off"] {{ background: {p.help_text}; color: {p.help_bg}; }}
#StatCard {{ background: {p.overlay_bg}; border: {border}px solid {p.button_border}; border-radius: {radius}px; }}
QScrollArea, QScrollArea > QWidget > QWidget, QStackedWidget > QWidget {{ background: {p.background}; }}
QListWidget, QComboBox, QDateEdit {{ background: {p.overlay_bg}; color: {p.text}; border: {border}px solid
    {p.button_border}; border-radius: {theme.px(12)}px; padding: {theme.px(8)}px; }}
QComboBox {{ font-size: {theme.px(30)}px; min-height: {theme.target_px}px; }}
QListWidget::item {{ padding: {theme.px(10)}px; }}
QProgressBar {{ background: {p.progress_track}; border: none;
    max-height: {theme.px(14)}px; min-height: {theme.px(14)}px; }}
QProgressBar::chunk {{ background: {p.progress}; }}
"""
