"""What the command line says, in Vietnamese first and English where the user asks (--lang en)."""

MESSAGES = {
    "vi": {
        "added": "đã nhập", "new_version": "phiên bản mới", "unchanged": "không đổi", "rejected": "TỪ CHỐI",
        "facts": "số liệu", "summary": "{ok}/{total} văn bản đã nhập, {bad} bị từ chối, {facts} số liệu mới.",
        "reading": "Đang đọc", "no_files": "Không có tệp .txt/.md/.docx/.pdf nào ở đường dẫn đã cho.",
        "not_yet": "Xuất '{kind}' chưa có: chức năng này chưa được xây dựng.",
        "columns": ["Văn bản", "Chỉ tiêu", "Loại", "Giá trị", "Đơn vị", "Kỳ", "Trang", "Trích dẫn"],
        "doc_columns": ["Văn bản", "Loại", "Số hiệu", "Ngày", "Kỳ báo cáo", "Phiên bản", "Số liệu"],
        "none": "Không có số liệu phù hợp.",
    },
    "en": {
        "added": "added", "new_version": "new version", "unchanged": "unchanged", "rejected": "REJECTED",
        "facts": "facts", "summary": "{ok}/{total} documents ingested, {bad} rejected, {facts} new facts.",
        "reading": "Reading", "no_files": "No .txt/.md/.docx/.pdf files at the given paths.",
        "not_yet": "Export of '{kind}' is not available: that part is not built yet.",
        "columns": ["Document", "Indicator", "Measure", "Value", "Unit", "Period", "Page", "Quote"],
        "doc_columns": ["Document", "Kind", "Number", "Date", "Period", "Version", "Facts"],
        "none": "No matching facts.",
    },
}

MEASURES_VI = {
    "value": "giá trị", "yoy_change_pct": "so cùng kỳ (%)", "prev_change_pct": "so kỳ trước (%)",
    "plan_pct": "% kế hoạch", "share_pct": "tỷ trọng (%)", "rank": "xếp hạng",
}
