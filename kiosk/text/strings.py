"""Every word of the kiosk shell, in Vietnamese and English (tutorial words live in tutorial files)."""

from __future__ import annotations

from kiosk.text.language import Language

UI_STRINGS: dict[str, tuple[str, str]] = {
    "app_name": ("Kiosk Số", "Kiosk Số"),
    "attract_title": ("Học dùng điện thoại, an toàn và dễ dàng", "Learn to use your phone, safely and easily"),
    "attract_touch": ("Chạm vào màn hình để bắt đầu", "Touch the screen to start"),
    "attract_touch_other": ("Touch the screen to start", "Chạm vào màn hình để bắt đầu"),
    "attract_free": (
        "Miễn phí. Không cần đăng nhập. Không ghi lại thông tin của bác.",
        "Free. No login. Nothing about you is kept.",
    ),
    "home_title": ("Bác muốn học điều gì hôm nay?", "What would you like to learn today?"),
    "steps_count": ("{n} bước", "{n} steps"),
    "resume": ("Đang học: bước {step} / {total}", "In progress: step {step} / {total}"),
    "done_before": ("Đã học xong", "Completed"),
    "page_previous": ("Trang trước", "Previous page"),
    "page_next": ("Trang sau", "Next page"),
    "page_of": ("Trang {page} / {total}", "Page {page} / {total}"),
    "step_of": ("Bước {step} / {total}", "Step {step} / {total}"),
    "back": ("Quay lại", "Back"),
    "home": ("Trang chủ", "Home"),
    "text_size": ("Cỡ chữ", "Text size"),
    "read_aloud": ("Đọc to", "Read aloud"),
    "other_language": ("English", "Tiếng Việt"),
    "help": ("Gọi hỗ trợ", "Call for help"),
    "next": ("Tiếp theo", "Next"),
    "help_short": ("Hỗ trợ", "Help"),  # *_short: a bar label on a narrow slot, never an elided one
    "read_aloud_short": ("Đọc", "Read"),
    "text_size_short": ("Chữ", "Size"),
    "stop_reading_short": ("Dừng", "Stop"),
    "read_again_short": ("Đọc lại", "Again"),
    "finish": ("Hoàn thành", "Finish"),
    "practice_safe": ("Màn hình tập — không có gì là thật", "Practice screen — nothing here is real"),
    "quiz_look_only": (
        "Màn hình tập — chỉ để xem, bác chọn ở các nút",
        "Practice screen — only to look at; choose a button",
    ),
    "answer_scam": ("Lừa đảo", "Scam"),  # an answer with exactly this text is drawn red with a warning sign
    "answer_safe": ("An toàn", "Safe"),  # ... and this one green with a tick, like the round's intro screen
    "why": ("Vì sao?", "Why?"),
    "why_back": ("Xem lại câu trả lời", "Back to the answer"),
    "idle_seconds": ("giây", "seconds"),
    "practice_right": ("Đúng rồi!", "Well done!"),
    "practice_pulse": ("Chỗ cần chạm đang nhấp nháy.", "The place to tap is blinking."),
    "quiz_right": ("Đúng rồi!", "Correct!"),
    "quiz_wrong": ("Chưa đúng.", "Not quite."),
    "verdict_scam": ("Đây là lừa đảo.", "This is a scam."),
    "verdict_safe": ("Đây là tin thật, an toàn.", "This one is genuine and safe."),
    "flag_danger": ("Dấu hiệu lừa đảo", "Red flag"),
    "flag_safe": ("Dấu hiệu an toàn", "Sign of safety"),
    "what_to_do": ("Bác nên làm gì?", "What should you do?"),
    "complete_title": ("Bác đã hoàn thành!", "You have finished!"),
    "complete_score": ("Bác trả lời đúng {right} / {total} câu.", "You answered {right} of {total} correctly."),
    "remember": ("Điều cần nhớ", "Remember"),
    "again": ("Học lại bài này", "Do this lesson again"),
    "next_lesson": ("Bài tiếp theo", "Next lesson"),
    "go_home": ("Về trang chủ", "Back to home"),
    "idle_title": ("Bác vẫn đang xem chứ?", "Are you still there?"),
    "idle_body": ("Màn hình sẽ trở về ban đầu sau {n} giây.", "The screen will start over in {n} seconds."),
    "idle_stay": ("Tôi vẫn đang xem", "I am still here"),
    "help_title": ("Đang gọi người hỗ trợ", "Calling a helper"),
    "help_body": (
        "Xin bác chờ một chút, sẽ có người đến giúp.",
        "Please wait a moment, someone will come to help you.",
    ),
    "help_close": ("Đóng", "Close"),
    "help_signal": ("CẦN HỖ TRỢ", "HELP NEEDED"),
    "stop_reading": ("Dừng đọc", "Stop reading"),
    "read_again": ("Đọc lại", "Read again"),
    "volume_down": ("Nhỏ hơn", "Softer"),
    "volume_up": ("To hơn", "Louder"),
    "spoken_on_phone": ("Trên điện thoại:", "On the phone:"),
    "spoken_call": ("Cuộc gọi đến từ {caller}", "A call from {caller}"),
    "spoken_answers": ("Có {n} câu trả lời:", "There are {n} answers:"),
    "pin_title": ("Khu vực cán bộ", "Operator area"),
    "pin_prompt": ("Nhập mã PIN", "Enter the PIN"),
    "pin_wrong": ("Mã PIN chưa đúng. Còn {n} lần thử.", "Wrong PIN. {n} tries left."),
    "pin_locked": (
        "Đã khóa vì nhập sai nhiều lần. Thử lại sau {n} giây.",
        "Locked after too many wrong PINs. Try again in {n} s.",
    ),
    "pin_not_set": ("Chưa đặt mã PIN. Chạy: python main.py set-pin", "No PIN is set. Run: python main.py set-pin"),
    "pin_clear": ("Xóa", "Clear"),
    "pin_ok": ("Vào", "Enter"),
    "pin_cancel": ("Hủy", "Cancel"),
    # the operator area's system and export pages (said by the controllers that own them)
    "fleet_never": ("chưa có", "never"),
    "fleet_upload_off": (
        "Gửi số liệu lên tỉnh: đang tắt (chưa đặt upload_endpoint).",
        "Upload to the province: off (no upload_endpoint set).",
    ),
    "fleet_upload_status": (
        "Gửi số liệu lên tỉnh: lần thành công gần nhất {when}; còn chờ gửi {backlog}.",
        "Upload to the province: last success {when}; {backlog} waiting.",
    ),
    "fleet_upload_backlog_since": (
        " (sự kiện cũ nhất từ {when}; không bị xoá khi chưa gửi)",
        " (oldest event from {when}; never deleted before it is sent)",
    ),
    "fleet_upload_halted": (" (đã dừng: chạm “Gửi lại”)", " (stopped: tap “Retry”)"),
    "fleet_upload_error": ("Lỗi gửi gần nhất{halted}: {error}", "Last upload error{halted}: {error}"),
    "fleet_content_off": (
        "Cập nhật bài học: đang tắt (chưa đặt content_url).",
        "Lesson updates: off (no content_url set).",
    ),
    "fleet_content_bundled": ("bài có sẵn", "the bundled lessons"),
    "fleet_content_status": (
        "Bài học đang dùng: {current}; kiểm tra gần nhất {when}.",
        "Lessons in use: {current}; last check {when}.",
    ),
    "fleet_content_failed": ("Lỗi cập nhật: {message}", "Update failed: {message}"),
    "fleet_content_note": ("Cập nhật: {message}", "Update: {message}"),
    "export_pick_period": (
        "Hãy chọn khoảng thời gian ở mục Tổng quan trước.",
        "Choose a period under Overview first.",
    ),
    "export_period": (
        "Khoảng thời gian: {first} – {last}, ngày theo giờ địa phương {zone} (như ở mục Tổng quan).",
        "Period: {first} – {last}, days in local time {zone} (as under Overview).",
    ),
    "export_busy": ("Đang xuất …", "Exporting …"),
    "export_saved": ("Đã lưu: {path}", "Saved: {path}"),
    "export_failed": ("Chưa lưu được: {error}", "Not saved: {error}"),
    "volunteer_badge": ("Gợi ý cho tình nguyện viên", "For the volunteer"),
    "volunteer_no_note": ("Bước này không có gợi ý.", "No note for this step."),
    "volunteer_end": ("Kết thúc hỗ trợ", "End volunteer help"),
    "volunteer_notes": ("Gợi ý", "Notes"),
    "volunteer_notes_hide": ("Ẩn gợi ý", "Hide notes"),
    "no_content": ("Chưa có bài học nào. Xin hãy báo cán bộ phường.", "No lessons yet. Please tell a ward officer."),
}


def ui_text(key: str, language: Language, **values: object) -> str:
    vi, en = UI_STRINGS[key]
    text = vi if language == "vi" else en
    return text.format(**values) if values else text
