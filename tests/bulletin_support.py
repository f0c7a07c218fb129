"""A bulletins.toml for tests: one valid warning with a warm-up question, written next to copied content."""

from __future__ import annotations

import shutil
from pathlib import Path

BULLETIN_TOML = """
[[bulletins]]
id = "buu-dien-gia"
issued = 2026-11-20
expires = 2026-12-31
title = { vi = "Tin nhắn giả Bưu điện", en = "Fake post-office SMS" }
text.vi = "Đang có tin nhắn giả Bưu điện đòi cập nhật địa chỉ. Bác đừng bấm vào đường dẫn."
text.en = "Fake post-office texts ask you to update your address. Do not tap the link."

[bulletins.quiz]
id = "buu-dien"
kind = "quiz"
title = { vi = "Tin nhắn này thật hay giả?", en = "Is this message real or fake?" }
verdict = "scam"
action.vi = "Xóa tin nhắn. Gọi số in trên phiếu gửi hàng nếu cần."
action.en = "Delete it. Call the number printed on your parcel slip if needed."
note = { vi = "Cảnh báo của phường tuần này.", en = "This week's ward warning." }

[[bulletins.quiz.answers]]
text = { vi = "Lừa đảo", en = "Scam" }
correct = true

[[bulletins.quiz.answers]]
text = { vi = "An toàn", en = "Safe" }

[[bulletins.quiz.flags]]
element = "link"
text = { vi = "Đường dẫn lạ", en = "A strange link" }

[bulletins.quiz.screen]
[[bulletins.quiz.screen.elements]]
id = "bar"
kind = "app_bar"
text = { vi = "Tin nhắn", en = "Messages" }

[[bulletins.quiz.screen.elements]]
id = "link"
kind = "bubble"
text.vi = "VNPost: Bưu phẩm của bác bị giữ. Cập nhật địa chỉ tại vnpost-giaohang.top"
text.en = "VNPost: your parcel is held. Update your address at vnpost-giaohang.top"
"""


def content_with_bulletin(source: Path, target: Path, text: str = BULLETIN_TOML) -> Path:
    shutil.copytree(source, target)
    (target / "bulletins.toml").write_text(text, encoding="utf-8")
    return target
