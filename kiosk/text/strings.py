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
    # --- Learning that lasts (issue 17): slip, Tự làm, scam emergency, confidence, bulletin ---
    "slip_heading": ("Kiosk Số · Mang về", "Kiosk Số · Take home"),
    "slip_title": ("Mang về", "Take home"),
    "slip_remember": ("Nhớ", "Remember"),
    "slip_hotline_113": ("Khẩn cấp: gọi 113 (Công an).", "Emergency: call 113 (police)."),
    "slip_hotline_156": (
        "Báo số lừa đảo: nhắn LD <số điện thoại> <nội dung> tới 156 hoặc 5656 (miễn phí).",
        "Report a scam number: text LD <phone number> <what happened> to 156 or 5656 (free).",
    ),
    "slip_qr_hotlines": (
        "Khẩn cấp 113. Báo lừa đảo: LD <số> <nội dung> gửi 156/5656",
        "Emergency 113. Report a scam: LD <number> <what happened> to 156/5656",
    ),
    "slip_qr_checklist": ("Quét để lưu các bước vào điện thoại", "Scan to keep the steps on your phone"),
    "slip_qr_guide": ("Quét để mở hướng dẫn chính thức", "Scan to open the official guide"),
    "slip_open": ("Mang về", "Take home"),
    "slip_print": ("In tờ hướng dẫn", "Print the slip"),
    "slip_printing": ("Đang in, bác chờ một chút…", "Printing, one moment please…"),
    "slip_printed": ("Đã in xong. Bác nhớ lấy tờ giấy nhé.", "Printed. Please take your slip."),
    "slip_print_failed": (
        "Máy in đang tạm nghỉ. Bác có thể chụp ảnh mã QR bằng điện thoại, hoặc nhờ tình nguyện viên.",
        "The printer is resting. You can photograph the QR code with your phone, or ask a volunteer.",
    ),
    "slip_no_printer": (
        "Bác chụp ảnh mã QR bằng điện thoại để mang các bước về nhà.",
        "Photograph the QR code with your phone to take the steps home.",
    ),
    "slip_close": ("Đóng", "Close"),
    "try_badge": ("Tự làm", "Do it yourself"),
    "try_intro": (
        "Bác hãy tự làm lại từ đầu. Không có gợi ý, nhưng cần thì kiosk sẽ giúp.",
        "Now do it all yourself. No hints, but the kiosk helps if you need it.",
    ),
    "try_stage": ("Việc {n} / {total}", "Task {n} / {total}"),
    "try_ring": ("Chỗ cần chạm có vòng tròn.", "The place to tap is circled."),
    "try_done_unaided": ("Bác đã tự làm được, không cần gợi ý!", "You did it all by yourself!"),
    "try_done_helped": ("Bác đã làm xong. Lần sau sẽ dễ hơn.", "You finished it. Next time it will be easier."),
    "scam_tile": ("Tôi nghĩ mình bị lừa", "I think I've been scammed"),
    "scam_tile_sub": ("Làm gì ngay bây giờ", "What to do right now"),
    "scam_title": ("Nếu bác đã lỡ chuyển tiền", "If you have already sent money"),
    "scam_calm": (
        "Bác bình tĩnh. Làm ngay từng việc dưới đây. Tình nguyện viên sẽ đến giúp bác.",
        "Stay calm. Do each thing below now. A volunteer is coming to help you.",
    ),
    "scam_do_1": ("Ngừng chuyển thêm tiền, dù ai giục.", "Stop sending any more money, whoever is pressing you."),
    "scam_do_2": (
        "Gọi ngay số tổng đài in trên thẻ ngân hàng để chặn và tra soát giao dịch.",
        "Call the number printed on your bank card now to block and trace the transfer.",
    ),
    "scam_do_3": (
        "Giữ lại tin nhắn, nhật ký cuộc gọi, biên lai chuyển tiền.",
        "Keep the messages, the call log and the transfer receipts.",
    ),
    "scam_do_4": ("Báo Công an phường, hoặc gọi 113.", "Report it to the ward police, or call 113."),
    "scam_do_5": ("Báo cho người thân biết.", "Tell your family."),
    "scam_lesson": (
        "Không ai lấy lại tiền giúp bác nếu đòi phí. Chỉ công an mới làm việc này.",
        "Nobody who asks for a fee will get your money back. Only the police do this.",
    ),
    "scam_call": ("Gọi tình nguyện viên", "Call a volunteer"),
    "scam_called": ("Đã gọi. Tình nguyện viên sẽ đến ngay.", "Called. A volunteer is coming now."),
    "scam_banner": ("KHẨN: NGHI BỊ LỪA ĐẢO", "URGENT: POSSIBLE SCAM VICTIM"),
    "help_choose": ("Bác cần giúp việc gì?", "What do you need help with?"),
    "help_reason_stuck": ("Tôi đang làm dở, cần người chỉ", "I am stuck and need someone to show me"),
    "help_reason_scam_victim": ("Tôi nghĩ mình bị lừa", "I think I've been scammed"),
    "help_reason_other": ("Việc khác", "Something else"),
    "confidence_before": (
        "Trước khi học: bác thấy mình tự tin làm việc này chưa?",
        "Before you start: how confident do you feel about this?",
    ),
    "confidence_after": ("Bây giờ bác thấy tự tin hơn chưa?", "How confident do you feel now?"),
    "confidence_1": ("Chưa tự tin", "Not yet"),
    "confidence_2": ("Tạm được", "Somewhat"),
    "confidence_3": ("Tự tin", "Confident"),
    "confidence_skip": ("Bỏ qua", "Skip"),
    "bulletin_badge": ("Cảnh báo của phường", "Warning from the ward"),
    "bulletin_until": ("Tin còn hiệu lực đến {date}", "Valid until {date}"),
    "warmup_badge": ("Ôn lại bài trước", "A quick look back"),
    # --- the operator area: sections, content, system (Vietnamese on screen; English for support staff) ---
    "operator_dashboard": ("Tổng quan", "Overview"),
    "operator_export": ("Xuất báo cáo", "Reports"),
    "operator_content": ("Nội dung", "Content"),
    "operator_system": ("Hệ thống", "System"),
    "operator_volunteer": ("Chế độ tình nguyện viên", "Volunteer mode"),
    "operator_logout": ("Đăng xuất", "Log out"),
    "operator_leave": ("Thoát chế độ kiosk", "Leave kiosk mode"),
    "content_title": ("Nội dung bài học", "Lesson content"),
    "content_published": ("Đang hiển thị cho người dân: {n} bài", "Shown to residents: {n} lessons"),
    "content_draft": ("Bản nháp (không hiển thị): {file} — {note}", "Draft (not shown): {file} — {note}"),
    "content_problem": ("Tệp lỗi (bị bỏ qua): {problem}", "File with errors (skipped): {problem}"),
    "content_stale": (
        "Cần kiểm tra lại (duyệt lần cuối {reviewed}): {file}",
        "Due for review (last reviewed {reviewed}): {file}",
    ),
    "content_all_fine": (
        "Không có bản nháp, tệp lỗi hay bài quá 12 tháng.",
        "No drafts, no files with errors, no lesson older than 12 months.",
    ),
    "system_title": ("Tình trạng hệ thống", "System health"),
    "fleet_retry": ("Gửi lại số liệu lên tỉnh", "Send the figures to the province again"),
    "fleet_rollback": ("Quay về bộ bài học trước", "Go back to the previous lessons"),
    "notice_config_defaults": (
        "Tệp cấu hình có lỗi: ki-ốt chạy với cài đặt mặc định (không có mã PIN, không gửi số liệu) "
        "cho đến khi sửa xong.",
        "Config file problem: the kiosk runs on the built-in defaults (no PIN, no upload) until it is fixed.",
    ),
    "notice_data_dir": (
        "Số liệu sử dụng không được ghi lại: sửa thư mục dữ liệu, hoặc dòng data_dir trong tệp cấu hình.",
        "Usage is not recorded: fix the data folder, or data_dir in the config file.",
    ),
    "staff_notice": (
        "⚠ Kiosk đang gặp lỗi cấu hình (tệp cấu hình hoặc thư mục dữ liệu). Cán bộ phường: chạy "
        "“python main.py --check-config” để xem chi tiết.",
        "Configuration problem: staff, run --check-config.",
    ),
    # the health page: one name per check id (operator/health.py), then what it found
    "check_fonts": ("Phông chữ", "fonts"),
    "check_content": ("Bài học", "content"),
    "check_data_folder": ("Thư mục dữ liệu", "data folder"),
    "check_usage_store": ("Kho số liệu sử dụng", "usage store"),
    "check_retention": ("Xoá số liệu cũ", "retention"),
    "check_help_call": ("Chuông gọi hỗ trợ", "help call"),
    "check_speech": ("Đọc to", "read aloud"),
    "check_audio": ("Loa, âm thanh", "audio"),
    "check_display": ("Màn hình, hiển thị", "display"),
    "check_printer": ("Máy in phiếu", "slip printer"),
    "check_clock": ("Đồng hồ", "clock"),
    "check_ok": ("bình thường", "OK"),
    "health_fonts_ok": ("Đã nạp {n} bộ phông chữ", "{n} font families loaded"),
    "health_fonts_missing": (
        "Thiếu phông chữ {families}: chữ tiếng Việt có thể hiển thị sai",
        "missing font families: {families}; Vietnamese may render badly",
    ),
    "health_content_ok": ("Mọi bài học đều mở được", "every tutorial loaded"),
    "health_content_problems": (
        "{n} bài học có lỗi nên không hiển thị: {first}{more}",
        "{n} tutorial problem(s), those tutorials are skipped: {first}{more}",
    ),
    "health_content_more": (" (và {n} lỗi khác)", " (and {n} more)"),
    "health_folder_ok": ("Ghi được, còn trống {mb} MB", "writable, {mb} MB free"),
    "health_folder_unwritable": ("Không ghi được vào {folder}: {error}", "{folder} is not writable: {error}"),
    "health_folder_low": (
        "{folder} chỉ còn trống {mb} MB (cảnh báo khi dưới {floor} MB)",
        "{folder} has only {mb} MB free (warning under {floor} MB)",
    ),
    "health_store_none": ("Chưa có kho số liệu sử dụng", "no usage store configured"),
    "health_store_failed": ("Kho số liệu sử dụng báo lỗi", "the usage store reports a problem"),
    "health_speech_none": ("Chưa có bộ đọc", "no speech engine configured"),
    "health_speech_failed": ("Đọc to đang tắt", "read aloud is off"),
    "health_audio_none": (
        "Không thấy loa hay thiết bị âm thanh nào trong {devices}: Đọc to và chuông gọi hỗ trợ sẽ không có tiếng. "
        "Hãy cắm loa rồi khởi động lại kiosk",
        "no audio playback device in {devices}: plug in the speakers, then restart the kiosk",
    ),
    "health_audio_forbidden": (
        "Có thiết bị âm thanh nhưng kiosk không được phép dùng {device}",
        "the kiosk's user may not open {device}: add it to the 'audio' group; install.sh does",
    ),
    "health_audio_ok": ("{n} thiết bị phát âm thanh trong {devices}", "{n} playback device(s) in {devices}"),
    "health_display_missing": (
        "Thiếu thành phần hiển thị cho nền '{platform}' ({missing}), kiosk có thể không khởi động lại được",
        "missing for the '{platform}' platform: {missing}; sh config/deploy/install.sh installs them",
    ),
    "health_display_ok": ("Nền hiển thị '{platform}': không thiếu gì", "'{platform}' platform: nothing missing"),
    "health_clock_unset": (
        "Đồng hồ chưa được đặt giờ ({day}); các sự kiện được đánh dấu",
        "the clock is unset ({day}); events are flagged",
    ),
    "health_clock_ok": ("Đã đặt giờ: {now} UTC", "{now} UTC"),
    "health_printer_none": (
        "Không dùng máy in: phiếu Mang về hiện trên màn hình kèm mã QR",
        "no printer configured: slips show on screen with their QR code",
    ),
    "health_printer_ready": ("Sẵn sàng", "ready"),
    "health_problem": ("Có lỗi", "a problem"),
    # read aloud switched off, and why (speech/watch.py): the health page and the journal
    "speech_no_answer_opening": (
        "Bộ đọc (speech-dispatcher) không trả lời khi khởi động nên đã bị dừng; nút Đọc to đã được ẩn.",
        "the speech engine did not answer while starting and was stopped; the Read aloud button is hidden",
    ),
    "speech_no_answer": (
        "Bộ đọc (speech-dispatcher) không trả lời nên đã bị dừng; nút Đọc to đã được ẩn.",
        "the speech engine stopped answering and was stopped; the Read aloud button is hidden",
    ),
    "speech_stuck_speaking": (
        "Bộ đọc bị kẹt giữa câu (loa hoặc thiết bị âm thanh có thể đã bị rút ra) nên đã bị dừng; "
        "nút Đọc to đã được ẩn.",
        "speech got stuck mid-sentence (the audio device may have gone) and was stopped; "
        "the Read aloud button is hidden",
    ),
    "speech_no_engine": (
        "Chưa cài bộ đọc tiếng Việt (speech-dispatcher, espeak-ng); nút Đọc to đã được ẩn.",
        "no speech engine is installed (speech-dispatcher, espeak-ng); the Read aloud button is hidden",
    ),
    "speech_no_voice": (
        "Bộ đọc không có giọng tiếng Việt; nút Đọc to đã được ẩn.",
        "the speech engine has no Vietnamese voice; the Read aloud button is hidden",
    ),
    "speech_engine_failed": (
        "Bộ đọc báo lỗi khi khởi động; nút Đọc to đã được ẩn.",
        "the speech engine failed to start; the Read aloud button is hidden",
    ),
    "speech_process_ended": (
        "Tiến trình đọc đã dừng bất ngờ; nút Đọc to đã được ẩn.",
        "the speech process ended unexpectedly; the Read aloud button is hidden",
    ),
    # --- the operator's export page ---
    "export_title": ("Xuất báo cáo", "Export a report"),
    "export_rescan": ("Tìm lại USB", "Look for USB again"),
    "export_where": ("1. Chọn nơi lưu:", "1. Choose where to save:"),
    "export_what": ("2. Chọn loại tệp:", "2. Choose the kind of file:"),
    "export_no_folder": (
        "Chưa có nơi lưu. Hãy cắm USB rồi chạm “Tìm lại USB”.",
        "Nowhere to save yet. Plug in a USB stick, then tap “Look for USB again”.",
    ),
    "export_xlsx": ("Bảng tính Excel (.xlsx)", "Excel workbook (.xlsx)"),
    "export_csv": ("Bảng CSV cho máy tính (tệp .zip)", "CSV tables for a computer (a .zip file)"),
    "export_md": ("Báo cáo dạng văn bản (.md)", "Text report (.md)"),
    "export_json": ("Số liệu JSON", "JSON figures"),
    "export_jsonl": ("Sự kiện ẩn danh (JSON Lines)", "Anonymous events (JSON Lines)"),
    # --- the operator dashboard ---
    "dash_today": ("Hôm nay", "Today"),
    "dash_days": ("{n} ngày", "{n} days"),
    "dash_show_range": ("Xem khoảng này", "Show this period"),
    "dash_sessions": ("Lượt sử dụng", "Visits"),
    "dash_started": ("Bài đã bắt đầu", "Lessons started"),
    "dash_completed": ("Bài đã hoàn thành", "Lessons completed"),
    "dash_rate": ("Tỉ lệ hoàn thành", "Completion rate"),
    "dash_help": ("Lần gọi hỗ trợ", "Help requests"),
    "dash_assisted": ("Có người hỗ trợ / tự học", "With a helper / alone"),
    "dash_funnel_pick": ("Bỏ dở ở bước nào (chọn bài):", "Where visits stopped (choose a lesson):"),
    "dash_computing": ("Đang tính …", "Computing …"),
    "dash_unreadable": ("Không đọc được số liệu: {error}", "Could not read the figures: {error}"),
    "dash_status": (
        "{events} sự kiện ẩn danh trong khoảng đã chọn (ngày theo giờ địa phương {zone}). "
        "Một lượt học được tính khi lượt sử dụng kết thúc.",
        "{events} anonymous events in the chosen period (days in local time {zone}). "
        "A lesson is counted when the visit ends.",
    ),
    "dash_none": ("chưa có", "none yet"),
    "dash_splits": ("Ngôn ngữ — {languages}.  Cỡ chữ — {sizes}.", "Languages — {languages}.  Text sizes — {sizes}."),
    "dash_vietnamese": ("Tiếng Việt", "Vietnamese"),
    "dash_english": ("English", "English"),
    "dash_confidence": (
        "Tự tin trước → sau bài học (1 chưa tự tin … 3 tự tin)",
        "Confidence before → after the lesson (1 not yet … 3 confident)",
    ),
    "dash_visits": ("{n} lượt", "{n} visits"),
    "dash_answers": ("{n} lượt", "{n} answers"),
    "dash_chart_hours": ("Giờ đông người (mỗi cột: 3 giờ)", "Busy hours (each bar: 3 hours)"),
    "dash_chart_weekdays": ("Ngày trong tuần", "Day of the week"),
    "dash_weekdays": ("T2 T3 T4 T5 T6 T7 CN", "Mon Tue Wed Thu Fri Sat Sun"),
    "dash_chart_fooled": ("Tình huống dễ bị lừa nhất (% trả lời sai)", "Scenarios that fooled most (% wrong)"),
    "dash_fooled_key": ("Tình huống (số trên biểu đồ):", "Scenarios (the numbers on the chart):"),
    "dash_worst_step": (" — bỏ dở nhiều nhất ở bước {n}", " — most visits stopped at step {n}"),
    "dash_chart_funnel": ("Số lượt học đến mỗi bước{worst}", "Visits reaching each step{worst}"),
    "dash_step_label": ("B{n}", "S{n}"),
}

# A bar label's height is measured on these, never shown: one line with a Vietnamese mark above and a descender
# below, or two such lines.
MEASURE_ONE_LINE = "Ág"
MEASURE_TWO_LINES = "Ág\nÁg"


def ui_text(key: str, language: Language, **values: object) -> str:
    vi, en = UI_STRINGS[key]
    text = vi if language == "vi" else en
    return text.format(**values) if values else text


def both(key: str, **values: object) -> str:
    """Vietnamese first, English in brackets: the operator area's health lines, for the officer and support staff."""
    return f"{ui_text(key, 'vi', **values)} ({ui_text(key, 'en', **values)})"
