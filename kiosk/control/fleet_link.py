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

PENDING_POLL_MS = 5000


def _when(moment: object) -> str:
    return f"{moment:%d/%m/%Y %H:%M} UTC" if moment is not None else "chưa có"


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
            lines.append("Gửi số liệu lên tỉnh: đang tắt (chưa đặt upload_endpoint).")
        else:
            up = self.uploader.status()
            backlog = "?" if up.backlog is None else str(up.backlog)
            if up.backlog and up.backlog_since is not None:
                backlog += f" (sự kiện cũ nhất từ {_when(up.backlog_since)}; không bị xoá khi chưa gửi)"
            lines.append(
                f"Gửi số liệu lên tỉnh: lần thành công gần nhất {_when(up.last_success)}; còn chờ gửi {backlog}."
            )
            if up.last_error:
                stopped = " (đã dừng: chạm “Gửi lại”)" if up.halted else ""
                lines.append(f"Lỗi gửi gần nhất{stopped}: {up.last_error}")
        if self.updater is None:
            lines.append("Cập nhật bài học: đang tắt (chưa đặt content_url).")
        else:
            st = self.updater.status()
            current = st.current_version or "bài có sẵn"
            lines.append(f"Bài học đang dùng: {current}; kiểm tra gần nhất {_when(st.last_check)}.")
            if st.message:
                lines.append(("Lỗi cập nhật: " if st.failed else "Cập nhật: ") + st.message)
        return lines
