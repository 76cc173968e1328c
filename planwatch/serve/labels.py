"""What the pages say, in Vietnamese first and English when the user asks (?lang=en, remembered)."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "vi": {
        "app": "PlanWatch — theo dõi kế hoạch", "overview": "Tổng quan", "indicator": "Chỉ tiêu",
        "documents": "Văn bản", "tasks": "Nhiệm vụ", "checks": "Kiểm tra", "search": "Tìm kiếm",
        "year": "Năm", "show": "Xem", "target": "Kế hoạch", "actual": "Thực hiện", "period": "Kỳ",
        "pct_target": "% KH", "pace": "Tiến độ", "status": "Trạng thái", "reason": "Lý do", "trend": "Xu hướng",
        "overdue_tasks": "nhiệm vụ quá hạn", "findings": "điểm bất nhất", "no_targets": "Chưa có chỉ tiêu cho năm này.",
        "measure": "Loại", "value": "Giá trị", "unit": "Đơn vị", "document": "Văn bản", "page": "Trang",
        "quote": "Trích dẫn", "kind": "Loại văn bản", "number": "Số hiệu", "date": "Ngày", "facts": "Số liệu",
        "targets": "Chỉ tiêu", "upload": "Tải lên văn bản (.docx, .pdf, .txt)", "send": "Tải lên",
        "agency": "Cơ quan", "due": "Hạn", "summary": "Nội dung", "scorecard": "Tổng hợp theo cơ quan (QĐ 42/2014)",
        "assigned": "Được giao", "on_time": "Đúng hạn", "late": "Quá hạn (đã xong)", "in_progress": "Trong hạn",
        "overdue": "Quá hạn chưa xong", "rate": "Tỷ lệ đúng hạn", "update": "Cập nhật", "done_on": "Ngày hoàn thành",
        "reported_on": "Ngày báo cáo", "note": "Ghi chú", "evidence": "Minh chứng", "author": "Người cập nhật",
        "severity": "Mức độ", "sources": "Nguồn", "query": "Từ khóa hoặc câu hỏi", "answer": "Trả lời",
        "no_hits": "Không tìm thấy đoạn văn nào.", "footnotes": "Chú thích", "all": "Tất cả", "filter": "Lọc",
        "as_of": "Tính đến ngày", "cumulative": "lũy kế", "monthly": "từng tháng", "estimate": "ước",
        "no_data": "Chưa có số liệu.", "lang": "English", "chart_hint": "Bấm vào một điểm để xem câu nguồn.",
    },
    "en": {
        "app": "PlanWatch — plan monitoring", "overview": "Overview", "indicator": "Indicator",
        "documents": "Documents", "tasks": "Tasks", "checks": "Checks", "search": "Search",
        "year": "Year", "show": "Show", "target": "Target", "actual": "Actual", "period": "Period",
        "pct_target": "% of target", "pace": "Expected", "status": "Status", "reason": "Reason", "trend": "Trend",
        "overdue_tasks": "overdue tasks", "findings": "inconsistencies", "no_targets": "No targets for this year.",
        "measure": "Measure", "value": "Value", "unit": "Unit", "document": "Document", "page": "Page",
        "quote": "Quote", "kind": "Kind", "number": "Number", "date": "Date", "facts": "Facts",
        "targets": "Targets", "upload": "Upload a document (.docx, .pdf, .txt)", "send": "Upload",
        "agency": "Agency", "due": "Due", "summary": "Summary", "scorecard": "Per agency (Decision 42/2014)",
        "assigned": "Assigned", "on_time": "On time", "late": "Done late", "in_progress": "In progress",
        "overdue": "Overdue", "rate": "On-time rate", "update": "Update", "done_on": "Done on",
        "reported_on": "Reported on", "note": "Note", "evidence": "Evidence", "author": "Author",
        "severity": "Severity", "sources": "Sources", "query": "Words or a question", "answer": "Answer",
        "no_hits": "No passage found.", "footnotes": "Footnotes", "all": "All", "filter": "Filter",
        "as_of": "As of", "cumulative": "year to date", "monthly": "monthly", "estimate": "est.",
        "no_data": "No figures yet.", "lang": "Tiếng Việt", "chart_hint": "Click a point to see its source sentence.",
    },
}
