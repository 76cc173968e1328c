"""What the pages say of scanned documents, their OCR and the review of its figures (vi first, en on request);
merged into serve/labels.py's LABELS."""

from __future__ import annotations

SCAN_LABELS: dict[str, dict[str, str]] = {
    "vi": {
        "job_pages": "nhận dạng chữ (OCR): trang {done}/{total}",
        "job_ocr_waiting": "chờ nhận dạng chữ (OCR), {total} trang",
        "action:fact.confirmed": "Xác nhận số liệu đọc từ bản quét",
        "action:fact.corrected": "Sửa số liệu đọc từ bản quét",
        "ocr_review": "Số liệu cần đối chiếu",
        "review_nav": "Đối chiếu",
        "review_intro": "Số liệu đọc bằng nhận dạng chữ (OCR) chưa chắc chắn: so ảnh trang với giá trị đọc được, "
        "xác nhận hoặc sửa.",
        "review_none": "Không có số liệu nào cần đối chiếu.",
        "review_found": "{n} số liệu cần đối chiếu",
        "value_read": "Giá trị đọc được",
        "page_image": "Ảnh trang",
        "confirm_value": "Đúng",
        "correct_to": "Sửa thành",
        "doubt:low_confidence": "chữ số đọc không chắc chắn",
        "doubt:format": "số viết sai kiểu Việt Nam",
        "doubt:parts": "các phần cộng lại lớn hơn tổng",
        "doubt:plan": "% kế hoạch không khớp giá trị và kế hoạch",
        "doubt:change": "mức tăng/giảm không khớp số liệu cùng kỳ",
        "confidence": "độ tin cậy",
        "scanned_pages": "Trang quét",
    },
    "en": {
        "job_pages": "reading the scan (OCR): page {done}/{total}",
        "job_ocr_waiting": "waiting for OCR, {total} pages",
        "action:fact.confirmed": "Scanned figure confirmed",
        "action:fact.corrected": "Scanned figure corrected",
        "ocr_review": "Figures to check",
        "review_nav": "Check",
        "review_intro": "Figures read by OCR that may be wrong: compare the page with the value read, then confirm or "
        "correct it.",
        "review_none": "No figure needs checking.",
        "review_found": "{n} figures to check",
        "value_read": "Value read",
        "page_image": "Page image",
        "confirm_value": "Correct",
        "correct_to": "Correct to",
        "doubt:low_confidence": "unsure digits",
        "doubt:format": "not a Vietnamese number",
        "doubt:parts": "parts sum above the total",
        "doubt:plan": "% of plan disagrees with value and plan",
        "doubt:change": "change disagrees with the prior figure",
        "confidence": "confidence",
        "scanned_pages": "Scanned pages",
    },
}
