"""The command line as operators and reviewers use it: the tour, and a real windowed start under Xvfb."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import FIXTURE_CONTENT
from tests.display_support import require

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str, env: dict[str, str] | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout, env=env
    )


def test_tour_writes_every_screen_with_names_that_say_what_they_are(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(f'content_dir = "{FIXTURE_CONTENT}"\n', encoding="utf-8")
    out = tmp_path / "tour"
    result = _run("--config", str(config), "--tour", str(out), "--size", "1280x800", env={**os.environ})
    assert result.returncode == 0, result.stderr
    names = sorted(path.name for path in out.glob("*.png"))
    assert names == [
        "00-attract.png",
        "01-home.png",
        "02-list-demo.png",
        "10-demo-mau-s01-info-xem.png",
        "10-demo-mau-s02-practice-tap-2-wrong-taps.png",
        "10-demo-mau-s02-practice-tap-3-solved.png",
        "10-demo-mau-s02-practice-tap.png",
        "10-demo-mau-s03-quiz-otp-2-answered-wrong.png",
        "10-demo-mau-s03-quiz-otp-3-answered-right.png",
        "10-demo-mau-s03-quiz-otp.png",
        "10-demo-mau-z-complete.png",
        "90-idle-warning.png",
        "91-help.png",
        "92-volunteer-panel.png",
        "93-volunteer-home.png",
        "94-confidence-before.png",
        "95-slip.png",
        "96-scam-help-called.png",
        "96-scam-help.png",
        "97-scam-slip.png",
    ]
    from PySide6.QtGui import QImage

    image = QImage(str(out / "01-home.png"))
    assert (image.width(), image.height()) == (1280, 800)


def test_windowed_start_on_a_real_x_server_reaches_the_home_screen(tmp_path: Path) -> None:
    require("xvfb-run")  # fails naming the package (make test installs it): never a silent skip on CI
    env = {key: value for key, value in os.environ.items() if key != "QT_QPA_PLATFORM"}
    env["QT_QPA_PLATFORM"] = "xcb"
    config = tmp_path / "kiosk.toml"  # its own config and data folder: never the real ones
    config.write_text(f'data_dir = "{tmp_path / "data"}"\n', encoding="utf-8")
    command = ["xvfb-run", "-a", "-s", "-screen 0 1920x1080x24", sys.executable, "main.py", "--windowed"]
    command += ["--config", str(config)]
    result = subprocess.run(
        [*command, "--exit-when-ready"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "READY"
    assert "Traceback" not in result.stderr
