"""A header whose cells lost their grid: the texts of the figure columns fitted to the number of figures the
rows hold. A PDF or a web page breaks a long header cell over lines ("Ước tính tháng" / "6 năm 2015 so" /
"với tháng trước") or puts a row of short ones on one line ("Kế hoạch năm 2024 Ước TH năm 2024 So với KH
(%)"); a line that goes on in lower case continues the cell before it, and a capitalised column word ("Ước",
"Lũy kế", "So với", "KH", "Tháng" ...) opens the next one."""

from __future__ import annotations

import re

from planwatch.structure.tables import Cell
from planwatch.vocab.periods import find_periods

# Words that open a column's header; "Ước TH", "So với", "Lũy kế" are one opening
_OPENING = re.compile(
    r"(?<![\wÀ-ỹ])(?:Thực\s+hiện|TH|Ước|Lũy\s+kế|Luỹ\s+kế|Cộng\s+dồn|Kế\s+hoạch|KH|Dự\s+toán|Dự\s+kiến|So\s+với|"
    r"So\s+sánh|So|Tháng|Quý|Năm|Cùng\s+kỳ|Chỉ\s+số|Tăng|Giảm|Tốc\s+độ|Sơ\s+bộ|Bình\s+quân|Ghi\s+chú|Đánh\s+giá|"
    r"Tỷ\s+lệ|Tỷ\s+trọng|Cơ\s+cấu|Mục\s+tiêu|Xếp\s+hạng)(?![\wÀ-ỹ])"
)
# An opening word right after these goes on the same header ("Ước TH", "Ước tính Tháng 10", "So với Tháng trước")
_JOINED_AFTER = re.compile(r"(?:Ước|Ước\s+tính|So\s+với|So\s+sánh|Lũy\s+kế|Luỹ\s+kế|Cộng\s+dồn|với|là|=)\s*$")


def fit_columns(cells: list[Cell], width: int) -> list[Cell] | None:
    """The header cells as `width` column headers, or None when they cannot be read as that many."""
    if len(cells) == width:
        return cells
    grouped = _period_grouped(cells)
    if len(grouped) == width:
        return grouped
    if repeated := _groups_over_repeats(cells, width):
        return repeated
    joined = _continuations_joined(cells, digits=False)
    if len(joined) > width:
        joined = _continuations_joined(joined, digits=True)
    if len(joined) == width:
        return joined
    if len(joined) < width:
        split = [part for cell in joined for part in _split_at_openings(cell)]
        split = [part for cell in split for part in _years_apart(cell)]
        if len(split) == width:
            return split
    return None


def _period_grouped(cells: list[Cell]) -> list[Cell]:
    """A cell that names a period alone over the cells after it that name none ("Năm 2024" / "Kế hoạch" /
    "Thực hiện") is their group: "Năm 2024 Kế hoạch", "Năm 2024 Thực hiện"."""
    out: list[Cell] = []
    group: Cell | None = None
    used = False
    for offset, text in cells:
        stripped = text.strip()
        ungrouped = not find_periods(stripped, 2000, 12) and not re.search(r"(?i)\bso\b", stripped)
        if group and ungrouped and not _period_alone(stripped):
            out.append((offset, f"{group[1]} {stripped}"))
            used = True
            continue
        if group and not used:
            out.append(group)
        group, used = ((offset, stripped), False) if _period_alone(stripped) else (None, False)
        if group is None:
            out.append((offset, stripped))
    if group and not used:
        out.append(group)
    return out


def _groups_over_repeats(cells: list[Cell], width: int) -> list[Cell] | None:
    """A header of two rows, flattened: a cell for each group, each naming its period ("Ước tính tháng 9 năm
    2025", "Cộng dồn 9 tháng"), then the same columns under every group ("Giá trị (Tỷ đồng)", "So với cùng kỳ
    (%)"); each column is its group's words and its own."""
    groups = len(cells) - width
    if groups < 2 or width % groups or width // groups < 2:
        return None
    heads, subs = cells[:groups], cells[groups:]
    per_group = width // groups
    named = [" ".join(text.lower().split()) for _, text in subs]
    if any(named[i] != named[i % per_group] for i in range(width)):
        return None
    if not all(find_periods(text, 2000, 12) for _, text in heads) or any(find_periods(t, 2000, 12) for t in named):
        return None
    return [(offset, f"{heads[i // per_group][1].strip()} {text.strip()}") for i, (offset, text) in enumerate(subs)]


def _period_alone(text: str) -> bool:
    mentions = find_periods(text, 2000, 12)
    return len(mentions) == 1 and not re.sub(r"[\s.:,]", "", text[: mentions[0].start] + text[mentions[0].end :])


def _continuations_joined(cells: list[Cell], digits: bool) -> list[Cell]:
    """A cell that goes on in lower case (or, when `digits`, with a figure: "9 năm 2024 so"), or after a comma, a
    dash or "so", continues the one before it."""
    out: list[Cell] = []
    for offset, text in cells:
        stripped = text.strip()
        closed = bool(out) and out[-1][1].rstrip().endswith(")")  # "... so với cùng kỳ (%)" ends its cell
        goes_on = stripped[:1].islower() or stripped[:1] in "(%" or (digits and stripped[:1].isdigit() and not closed)
        if out and (goes_on or out[-1][1].rstrip().endswith((",", "-", " so", " với"))):
            out[-1] = (out[-1][0], f"{out[-1][1].rstrip()} {stripped}")
        else:
            out.append((offset, stripped))
    return out


def _split_at_openings(cell: Cell) -> list[Cell]:
    offset, text = cell
    starts = [
        m.start()
        for m in _OPENING.finditer(text)
        if m.start() > 0
        and not _JOINED_AFTER.search(text[: m.start()])
        and not text[: m.start()].rstrip().endswith("(")
    ]
    closed = [m.end() for m in _AFTER_CLOSED.finditer(text)]  # "... cùng kỳ (%) 9 tháng so với ..."
    starts += [k for k in closed if text[k].isdigit() or text[k].isupper()]
    bounds = [0, *sorted(set(starts)), len(text)]
    parts = [(offset + a, text[a:b].strip()) for a, b in zip(bounds, bounds[1:], strict=False)]
    return [p for p in parts if p[1]]


# A cell closed by its unit in parentheses: the next opens after it with a figure or a capital ("... (%) 9 tháng")
_AFTER_CLOSED = re.compile(r"\)\s+(?=\S)")
_YEARS = re.compile(r"^(?:(?:19|20)\d{2}\s+)+(?:19|20)\d{2}$")


def _years_apart(cell: Cell) -> list[Cell]:
    """ "2019 2020 2021": a yearbook's year columns on one line."""
    offset, text = cell
    if not _YEARS.match(text):
        return [cell]
    return [(offset + m.start(), m.group(0)) for m in re.finditer(r"\d{4}", text)]
