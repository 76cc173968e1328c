"""What the command line says, in Vietnamese first and English where the user asks (--lang en)."""

MESSAGES = {
    "vi": {
        "added": "đã nhập", "new_version": "phiên bản mới", "unchanged": "không đổi", "rejected": "TỪ CHỐI",
        "facts": "số liệu", "ingested": "{facts} số liệu, {tasks} nhiệm vụ", "summary": "{ok}/{total} văn bản đã nhập, {bad} bị từ chối, {facts} số liệu mới.",
        "reading": "Đang đọc", "no_files": "Không có tệp .txt/.md/.docx/.pdf nào ở đường dẫn đã cho.",
                "columns": ["Văn bản", "Chỉ tiêu", "Loại", "Giá trị", "Đơn vị", "Kỳ", "Trang", "Trích dẫn"],
        "doc_columns": ["Văn bản", "Loại", "Số hiệu", "Ngày", "Kỳ báo cáo", "Phiên bản", "Số liệu"],
        "none": "Không có số liệu phù hợp.", "error": "Lỗi", "saved": "Đã lưu.",
        "task_columns": ["Văn bản", "Mục", "Cơ quan", "Hạn", "Trạng thái", "Nội dung"],
        "link_columns": ["Mã", "Mục", "Văn bản", "Độ khớp", "Đoạn văn"],
        "tasks_as_of": "Nhiệm vụ, trạng thái tại ngày {day}",
        "implied_note": "* hạn ngầm định: cuối kỳ kế hoạch (văn bản không ghi hạn riêng).",
        "score_columns": ["Cơ quan", "Được giao", "Đúng hạn", "Quá hạn (đã xong)", "Trong hạn", "Quá hạn chưa xong",
                          "Tỷ lệ đúng hạn"],
    },
    "en": {
        "added": "added", "new_version": "new version", "unchanged": "unchanged", "rejected": "REJECTED",
        "facts": "facts", "ingested": "{facts} facts, {tasks} tasks", "summary": "{ok}/{total} documents ingested, {bad} rejected, {facts} new facts.",
        "reading": "Reading", "no_files": "No .txt/.md/.docx/.pdf files at the given paths.",
                "columns": ["Document", "Indicator", "Measure", "Value", "Unit", "Period", "Page", "Quote"],
        "doc_columns": ["Document", "Kind", "Number", "Date", "Period", "Version", "Facts"],
        "none": "No matching facts.", "error": "Error", "saved": "Saved.",
        "task_columns": ["Document", "Ref", "Agencies", "Due", "Status", "Summary"],
        "link_columns": ["Id", "Ref", "Document", "Match", "Passage"],
        "tasks_as_of": "Tasks, status as of {day}",
        "implied_note": "* implied deadline: end of the plan period (no deadline of its own).",
        "score_columns": ["Agency", "Assigned", "On time", "Done late", "In progress", "Overdue", "On-time rate"],
    },
}

MEASURES_VI = {
    "value": "giá trị", "yoy_change_pct": "so cùng kỳ (%)", "prev_change_pct": "so kỳ trước (%)",
    "plan_pct": "% kế hoạch", "share_pct": "tỷ trọng (%)", "rank": "xếp hạng",
}
