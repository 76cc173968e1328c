"""The label of a target listed after a lead-in: "... với các chỉ tiêu chủ yếu năm 2026 như sau: tốc độ tăng trưởng kinh
tế đạt 8,5% trở lên; ..." names the growth by the words of its own item, between the colon (or the semicolon before
it) and the figure, not by the lead-in and the review before it that the fact reader joined to them."""

from __future__ import annotations

import re

from planwatch.extract import grammar as g

_LEAD_IN = re.compile(r"(?<![\wÀ-ỹ])(?:như\s+sau|gồm|bao\s+gồm)(?![\wÀ-ỹ])", re.IGNORECASE)
_ITEM_START = re.compile(r"[:;]")


def listed_label(label: str, text: str, number: int) -> str:
    """`label` when it names its item; else the item's own words before the figure at `number` in `text` (the block's
    text), when the label ran back over a lead-in."""
    if not _LEAD_IN.search(label):
        return label
    starts = [m.end() for m in _ITEM_START.finditer(text, 0, number)]
    if not starts:
        return label
    item = text[starts[-1] : number].strip()
    while (shorter := g.LABEL_TAIL.sub("", item).strip(" ,:;.-–")) != item:
        item = shorter
    return item if re.search(r"[^\W\d_]{2}", item) else label
