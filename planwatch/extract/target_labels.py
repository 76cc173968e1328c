"""Labels of targets whose words before the figure do not name them: a target listed after a lead-in ("... với các
chỉ tiêu chủ yếu năm 2026 như sau: tốc độ tăng trưởng kinh tế đạt 8,5% trở lên; ...") is named by the words of its own
item, between the colon (or the semicolon before it) and the figure, not by the lead-in and the review before it that
the fact reader joined to them; a share with no name before it by the units it counts after it."""

from __future__ import annotations

import re

from planwatch.extract import grammar as g

# ... or a colon right after the words that name the list: "các chỉ tiêu chủ yếu năm 2026: GRDP tăng 8,5%; ..."
_LEAD_IN = re.compile(
    r"(?<![\wÀ-ỹ])(?:như\s+sau|gồm|bao\s+gồm|(?:chỉ\s+tiêu|mục\s+tiêu)(?:\s+[^\s:;,]+){0,3}\s*:)(?![\wÀ-ỹ])",
    re.IGNORECASE,
)
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


# nothing but a verb of having before a share in its clause: "...; có 58,8% trường đạt chuẩn quốc gia; ..."
# (or after a comma that ends a phrase of time: "Phấn đấu đến cuối năm 2026, 100% khu, điểm du lịch có wifi")
_BARE = re.compile(r"(?:^|[:;(,])\s*(?:-\s*)?(?:có|đạt|và|phấn\s+đấu(?:\s+có)?)?\s*$", re.IGNORECASE)
# ... and the units it counts after it, to the end of its clause
# (or to the comma before the next item that states its own figure: "..., tỷ lệ gia đình văn hóa đạt 85%")
_COUNTED = re.compile(r"\s*(?:số\s+)?(?P<what>[^\W\d][^.;()]{2,80}?)\s*(?=[.;(]|$|,[^,.;]*\d)")
_NOT_COUNTED = re.compile(r"(?:so\s+với|kế\s+hoạch|dự\s+toán|GRDP|cùng\s+kỳ|trở\s+lên|trở\s+xuống)", re.IGNORECASE)


def share_label(label: str, text: str, number: int, end: int) -> str:
    """ "có 58,8% trường đạt chuẩn quốc gia", "93% xã, phường đạt tiêu chí quốc gia về y tế": the rate of the units
    the words after the share count, when the words before it in its clause name nothing (the fact reader may have
    carried a name over from the clause before); else `label`."""
    if not _BARE.search(text[max(0, number - 60) : number]) or not (counted := _COUNTED.match(text, end)):
        return label
    what = counted.group("what").strip(" ,")
    return label if _NOT_COUNTED.search(what) else f"Tỷ lệ {what}"


# what may stand before a share that opens its item: its list number, its floor ("(3) Ít nhất 90% trường ...")
_ITEM_OPENING = re.compile(
    r"\s*(?:\(?\d{1,2}[.)]|[a-zđ]\)|[-+•])?\s*(?:(?:ít\s+nhất|tối\s+thiểu|tối\s+đa|trên|hơn|khoảng|không\s+dưới)\s+)*",
    re.IGNORECASE,
)


def opens_item(before: str) -> bool:
    """Only the item's list number or floor stands before the figure: what follows the figure names it."""
    return bool(_ITEM_OPENING.fullmatch(before))
