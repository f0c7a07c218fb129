"""The province link in the running kiosk: start the upload and content workers, swap new content in
between visits, and tell the operator how both are doing (all network work stays on their threads)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from kiosk.config import KioskConfig
from kiosk.content.cache import load_catalog_cached
from kiosk.control.controller import KioskController
from kiosk.fleet.content_update import ContentUpdater, content_updater_from_config
from kiosk.fleet.uploader import Uploader, uploader_from_config
from kiosk.system.logs import logger
from kiosk.text.strings import ui_text

PENDING_POLL_MS = 5000


def _when(moment: object) -> str:
    return f"{moment:%d/%m/%Y %H:%M} UTC" if moment is not None else ui_text("fleet_never", "vi")


class FleetLink(QObject):
    def __init__(self, controller: KioskController, config: KioskConfig, store_path: Path) -> None:
        super().__init__(controller)
        self.controller, self.config = controller, config
        self.uploader: Uploader | None = uploader_from_config(config, store_path)
        self.updater: ContentUpdater | None = content_updater_from_config(config)
        self._poll = QTimer(self)
        self._poll.setInterval(PENDING_POLL_MS)
        self._poll.timeout.connect(self.take_new_content)

    def start(self) -> None:
        """After the first screen is shown: workers never compete with start-up."""
        for worker in (self.uploader, self.updater):
            if worker is not None:
                worker.start()
        if self.updater is not None:
            self._poll.start()

    def stop(self) -> None:
        self._poll.stop()
        for worker in (self.uploader, self.updater):
            if worker is not None:
                worker.stop()

    def take_new_content(self) -> None:
        """A verified pack is loaded now and shown from the next visit on (the controller waits for attract)."""
        folder = self.updater.take_pending() if self.updater is not None else None
        if folder is None:
            return
        catalog = load_catalog_cached(folder, self.config.data_dir / "cache")
        logger().info("New content from %s: %d tutorials.", folder, len(catalog.tutorials))
        self.controller.offer_catalog(catalog)

    def retry_upload(self) -> None:
        if self.uploader is not None:
            self.uploader.retry_now()

    def rollback_content(self) -> None:
        if self.updater is not None:
            self.updater.rollback()
            self.take_new_content()

    def status_lines(self) -> list[str]:
        """For the operator's system page, in plain Vietnamese."""
        lines: list[str] = []
        if self.uploader is None:
            lines.append(ui_text("fleet_upload_off", "vi"))
        else:
            up = self.uploader.status()
            backlog = "?" if up.backlog is None else str(up.backlog)
            if up.backlog and up.backlog_since is not None:
                backlog += ui_text("fleet_upload_backlog_since", "vi", when=_when(up.backlog_since))
            lines.append(ui_text("fleet_upload_status", "vi", when=_when(up.last_success), backlog=backlog))
            if up.last_error:
                halted = ui_text("fleet_upload_halted", "vi") if up.halted else ""
                lines.append(ui_text("fleet_upload_error", "vi", halted=halted, error=up.last_error))
        if self.updater is None:
            lines.append(ui_text("fleet_content_off", "vi"))
        else:
            st = self.updater.status()
            current = st.current_version or ui_text("fleet_content_bundled", "vi")
            lines.append(ui_text("fleet_content_status", "vi", current=current, when=_when(st.last_check)))
            if st.message:
                key = "fleet_content_failed" if st.failed else "fleet_content_note"
                lines.append(ui_text(key, "vi", message=st.message))
        return lines
