"""Where targets sit: the sections of targets ("Các chỉ tiêu chủ yếu", "Mục tiêu", "Cân đối ...") and of results
("Kết quả ...", "Tình hình thực hiện ...", "Đánh giá ..."), and how far into a paragraph that approves a review its
figures are results."""

from __future__ import annotations

import re

from planwatch.extract.modality import reviews
from planwatch.structure.sections import Heading, OutlineBlock

# "Các chỉ tiêu chủ yếu", "Mục tiêu", "Cân đối ...", and an article that assigns them ("Giao chỉ tiêu kế hoạch ...")
_TARGET_HEADING = re.compile(
    r"^(?:giao\s+)?(?:các\s+)?(?:mục\s+tiêu|chỉ\s+tiêu)|cân\s+đối|^(?:bộ\s+)?chỉ\s+số\s+(?:đánh\s+giá|KPI)|\bKPI\b",
    re.I,
)
_RESULTS_HEADING = re.compile(r"kết\s+quả|thành\s+tựu|tình\s+hình\s+thực\s+hiện|đánh\s+giá", re.IGNORECASE)
# ... and what it goes on to: an article that approves the year's results "và mục tiêu, chỉ tiêu năm 2026" heads both
_AND_TARGETS = re.compile(r"\s(?:và|cùng)\s+(?:các\s+)?(?:mục\s+tiêu|chỉ\s+tiêu)", re.IGNORECASE)
# A lead-in that lists targets to the end of its sentence: "Các mục tiêu, nhiệm vụ cụ thể gồm: ...; ..."
TARGETS_LEAD_IN = re.compile(
    r"(?:mục\s+tiêu|chỉ\s+tiêu)(?:,\s*nhiệm\s+vụ)?(?:\s+[^\s:;.]+){0,6}?\s+(?:gồm|là|như(?:\s+sau)?)\s*:", re.IGNORECASE
)


def in_target_section(trail: tuple[Heading, ...]) -> bool:
    titles = [h.title for h in trail]
    results = any(_of_results(h.title) for h in trail if not _approves(h))
    return any(_TARGET_HEADING.search(t) for t in titles) and not results


def _of_results(title: str) -> bool:
    """A heading of results ("I. KẾT QUẢ NĂM 2025"), not one that heads the targets too ("Điều 1. Tán thành đánh giá
    kết quả năm 2025 và mục tiêu, chỉ tiêu năm 2026 ...": its sections say which is which), nor an article that goes
    on to list them ("... với các chỉ tiêu chủ yếu năm 2026 như sau: ...")."""
    m = _RESULTS_HEADING.search(title)
    if m is None:
        return False
    return not _AND_TARGETS.search(title, m.end()) and not TARGETS_LEAD_IN.search(title, m.end())


def _approves(heading: Heading) -> bool:
    """An article that approves a report ("Điều 1. Tán thành Báo cáo ... kết quả năm 2025 ..."): its own paragraph
    reviews (results_until), the sections and lists under it say what they are."""
    return heading.number.startswith("Điều") and reviews(heading.title)


def results_until(block: OutlineBlock) -> int:
    """How far into the block its figures are results (0: none; the block's length: all): under a heading of results,
    all; in a paragraph or article that opens by approving a review ("Điều 1. Tán thành Báo cáo ... tình hình thực
    hiện năm 2025 ..."), those before a lead-in that lists targets ("..., với các chỉ tiêu chủ yếu năm 2026 như sau:"),
    all when there is none."""
    above = block.trail[:-1] if block.heading else block.trail
    if in_results(above):
        return len(block.text)
    if reviews(block.text) or (block.heading and any(_of_results(h.title) for h in block.trail[-1:])):
        m = TARGETS_LEAD_IN.search(block.text)
        return m.end() if m else len(block.text)
    return 0


def in_results(trail: tuple[Heading, ...]) -> bool:
    """Under a heading of results ("Kết quả ...", "Tình hình thực hiện ...", "Đánh giá ...")."""
    return any(_of_results(h.title) for h in trail if not _approves(h))
