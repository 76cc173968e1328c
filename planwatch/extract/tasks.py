"""Tasks: what a plan assigns to whom, by when.

A task is a numbered item that opens with its addressees ("1.2. Sở Kế hoạch và Đầu tư: Chủ trì, ...",
"3. Giao Sở Kế hoạch và Đầu tư chủ trì, ...", "2. Đề nghị HĐND tỉnh, ..."); the blocks that follow it
until the next heading are its body. Numbered items under a "nhiệm vụ, giải pháp" section that name
no addressee are task groups, dated by the period their section names."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from planwatch.extract.agencies import Registry
from planwatch.extract.deadlines import Deadline, deadline_in_cell, find_deadlines
from planwatch.limits import check_time
from planwatch.structure.sections import Heading, OutlineBlock
from planwatch.structure.tables import is_table_row, table_cells
from planwatch.text.fold import fold
from planwatch.vocab.periods import Period, find_periods

_NUMBER_PREFIX = re.compile(r"^\s*(?:Điều\s+\d+\.?|\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,5}\.|[a-zđ]\)|\(\d{1,2}\))\s*")
_ADDRESSEES = re.compile(r"^([^:]{3,250}?)\s*:\s*")
_ASSIGNED = re.compile(r"^(?:Giao|Đề nghị|Yêu cầu)\s+", re.I)
_COORDINATE = re.compile(r"\bphối hợp(?:\s+chặt chẽ)?(?:\s+với)?\s+", re.I)
_SENTENCE = re.compile(r"[^.;!?]+(?:[.;!?](?!\d)|$)")
_UPPER_MARKED = "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"  # capitals with marks
# "UBND tỉnh giao Sở X chủ trì", "Chủ tịch UBND tỉnh yêu cầu các sở ... khẩn trương": an assignment in running text
_ASSIGNS = re.compile(
    rf"(?:^|\s)(?:giao|yêu\s+cầu|đề\s+nghị|chỉ\s+đạo)\s+(?=(?-i:[A-ZĐ{_UPPER_MARKED}])|các\s|UBND)", re.I
)
_LEAD_VERBS = (
    r"(?:chủ\s+trì|khẩn\s+trương|tập\s+trung|tiếp\s+tục|rà\s+soát|kiểm\s+tra|hướng\s+dẫn|phối\s+hợp|"
    r"tham\s+mưu|xây\s+dựng|triển\s+khai|thực\s+hiện|tổ\s+chức|đôn\s+đốc|theo\s+dõi|báo\s+cáo|hoàn\s+thành)"
)
_LEADS = re.compile(rf"\s*,?\s*{_LEAD_VERBS}", re.I)
# An agency as the subject of a directive: "(Trên cơ sở ..., )Sở Kế hoạch và Đầu tư chủ trì, phối hợp với ..."
_SUBJECT_LEADS = re.compile(
    r"(?:^|,\s+)(?P<subject>(?:Sở|Ban|Văn\s+phòng|Công\s+an|Bộ\s+Chỉ\s+huy|UBND|Ủy\s+ban|Thanh\s+tra|Đài|Trường|Kho\s+bạc|"
    r"Cục|Chi\s+cục|Ngân\s+hàng|Liên\s+minh|Hội)\b[^,;]{2,120}?)(?P<verb>\s*,?\s+chủ\s+trì,?\s+phối\s+hợp)"
)
_LEAD_WORD = re.compile(rf"(?<![\wÀ-ỹ]){_LEAD_VERBS}(?![\wÀ-ỹ])", re.I)
_ADDRESSEE_CHARS = 160  # how far the addressees of an assignment may run before its verb
_TASK_SECTION = re.compile(r"nhiệm\s+vụ|giải\s+pháp|tổ\s+chức\s+thực\s+hiện", re.I)
_QUOTE_WORDS = 40
_SUMMARY_WORDS = 20


@dataclass
class SubTask:
    text: str
    start: int
    end: int
    deadline: Deadline


@dataclass
class Task:
    ref: str
    agencies: list[str]
    agencies_text: str
    role: str
    start: int  # the quote: the item's opening sentence
    end: int
    item_end: int  # where the item's body ends
    summary: str
    group: str | None = None
    coordinating: list[str] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    subtasks: list[SubTask] = field(default_factory=list)

    @property
    def deadline(self) -> date | None:
        """The earliest date the item gives: a printed day, else the first occurrence of a recurrence, else the last
        day of a month, quarter or year it names."""
        dated = [d.due for d in self.deadlines if d.due and d.dated]
        first = [d.first for d in self.deadlines if d.first]
        periods = [d.due for d in self.deadlines if d.due and not d.dated]
        return min(dated or first or periods, default=None)

    @property
    def recurring(self) -> list[Deadline]:
        return [d for d in self.deadlines if d.every]


@dataclass(frozen=True)
class TaskGroup:
    number: str
    title: str
    period: Period
    start: int
    end: int


def extract_tasks(
    blocks: list[OutlineBlock], registry: Registry, default_period: Period, reference: date | None = None
) -> tuple[list[Task], list[TaskGroup]]:
    """Tasks and task groups of a document; `reference` is its date (deadlines without a year take theirs from it)."""
    tasks: list[Task] = []
    groups: list[TaskGroup] = []
    current: Task | None = None
    table: _TaskTable | None = None
    for block in blocks:
        check_time()
        cells = _cells(block)
        if len(cells) >= 3:
            header = _TaskTable.from_header([text for _, text in cells])
            if header is None and table and (row := table.task(block, cells, registry, reference)):
                tasks.append(row)
            table = header or table
            current = None
            continue
        table = None
        if block.heading:
            current = _open_task(block, registry, reference)
            if current:
                tasks.append(current)
            elif group := _group(block, default_period):
                groups.append(group)
        elif current:
            _read_body(current, block.text, block.start, registry, reference)
            current.item_end = block.end
        else:
            tasks.extend(_assignments(block, registry, sum(t.ref.startswith("#") for t in tasks), reference))
    return tasks, groups


def _addressees_before_lead(text: str, at: int, stop: int, registry: Registry) -> tuple[list[str], int]:
    """Addressees the registry does not know, up to the verb that opens the task ("giao Trung tâm Xúc tiến
    Đầu tư tỉnh chủ trì ..."): accepted when the phrase reads as agency names."""
    lead = _LEAD_WORD.search(text, at, min(stop, at + _ADDRESSEE_CHARS))
    phrase = text[at : lead.start()].strip(" ,") if lead else ""
    if not lead or not phrase or not registry.looks_like_addressees(phrase):
        return [], at
    return registry.split(phrase), at + len(text[at : lead.start()].rstrip(" ,"))


def _assignments(block: OutlineBlock, registry: Registry, unnumbered: int, reference: date | None) -> list[Task]:
    """Assignments in running text, as news items and official letters state them: "UBND tỉnh giao Sở Kế hoạch
    và Đầu tư chủ trì, phối hợp với Sở Tài chính ..., hoàn thành trước ngày 30/6/2023". Nothing is printed as
    their number: their key is "#1", "#2", ... in the document, and they export with `ref` null. An assignment
    runs to the next one in the paragraph: "... tổng hợp báo cáo. Yêu cầu gửi trước ngày 24/5/2019." is its
    deadline."""
    opened = [a for sentence in _SENTENCE.finditer(block.text) if (a := _assignment_in(block.text, sentence, registry))]
    found: list[Task] = []
    for number, (at, end, agencies, sentence) in enumerate(opened):
        body_end = opened[number + 1][3].start() if number + 1 < len(opened) else len(block.text)
        task = Task(
            ref=f"#{unnumbered + number + 1}",
            agencies=agencies,
            agencies_text=block.text[at:end],
            role="lead",
            start=block.start + sentence.start() + (len(sentence.group(0)) - len(sentence.group(0).lstrip())),
            end=block.start + sentence.end(),
            item_end=block.start + body_end,
            summary=_summary(block.text[end : sentence.end()]),
        )
        _read_body(task, block.text[end:body_end], block.start + end, registry, reference)
        found.append(task)
    return found


def _assignment_in(
    text: str, sentence: re.Match[str], registry: Registry
) -> tuple[int, int, list[str], re.Match[str]] | None:
    """(where the addressees start and end, their names, the sentence) of an assignment the sentence opens:
    "giao Sở X chủ trì ...", or an agency as its subject: "Sở X chủ trì, phối hợp với ..." """
    if verb := _ASSIGNS.search(sentence.group(0)):
        at = sentence.start() + verb.end()
        agencies, end = registry.scan(text, at)
        if not agencies or not _LEADS.match(text, end):
            agencies, end = _addressees_before_lead(text, at, sentence.end(), registry)
        if agencies:
            return at, end, agencies, sentence
    if lead := _SUBJECT_LEADS.search(sentence.group(0)):
        at = sentence.start() + lead.start("subject")
        agencies, end = registry.scan(text, at)
        if agencies and end == sentence.start() + lead.start("verb"):
            return at, end, agencies, sentence
    return None


def _open_task(block: OutlineBlock, registry: Registry, reference: date | None) -> Task | None:
    prefix = _NUMBER_PREFIX.match(block.text)
    assert block.heading is not None
    if not prefix or not block.heading.number:
        return None
    rest_at = prefix.end()
    rest = block.text[rest_at:]
    if m := _ADDRESSEES.match(rest):
        if not registry.looks_like_addressees(m.group(1)):
            return None
        agencies_text, body_at = m.group(1), rest_at + m.end()
        agencies = registry.split(agencies_text)
    elif m := _ASSIGNED.match(rest):
        agencies, end = registry.scan(rest, m.end())
        if not agencies:
            return None
        agencies_text, body_at = rest[m.end() : end], rest_at + end
    else:
        return None
    quote_end = _quote_end(block.text, rest_at)
    task = Task(
        ref=_ref(block.heading, block.trail),
        agencies=agencies,
        agencies_text=agencies_text,
        role="lead",
        start=block.start + rest_at,
        end=block.start + quote_end,
        item_end=block.end,
        summary=_summary(block.text[body_at:]),
        group=_group_title(block.trail),
    )
    _read_body(task, block.text[body_at:], block.start + body_at, registry, reference)
    return task


def _read_body(task: Task, text: str, offset: int, registry: Registry, reference: date | None) -> None:
    """Coordinating agencies and deadlines; each sentence with a deadline is a dated sub-task."""
    for m in _COORDINATE.finditer(text):
        names, _ = registry.scan(text, m.end())
        task.coordinating.extend(n for n in names if n not in task.coordinating)
    for sentence in _SENTENCE.finditer(text):
        for deadline in find_deadlines(sentence.group(0), offset + sentence.start(), reference):
            task.deadlines.append(deadline)
            piece = sentence.group(0).strip(" -.;")
            task.subtasks.append(SubTask(piece, offset + sentence.start(), offset + sentence.end(), deadline))
    if not task.summary:
        task.summary = _summary(text)


def _ref(heading: Heading, trail: tuple[Heading, ...]) -> str:
    """The number as printed; a bare "1." under a Roman section is "III.1", under an article "Điều 2.1"."""
    if "." in heading.number or not heading.number.isdigit():
        return heading.number
    section = next((h.number for h in reversed(trail[:-1]) if re.fullmatch(r"[IVX]{1,5}|Điều \d+", h.number)), None)
    return f"{section}.{heading.number}" if section else heading.number


def _group_title(trail: tuple[Heading, ...]) -> str | None:
    parents = [h for h in trail[:-1] if h.number.isdigit()]
    return parents[-1].label if parents else None


def _group(block: OutlineBlock, default_period: Period) -> TaskGroup | None:
    """A numbered heading right under a section about tasks ("II. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU")."""
    heading = block.heading
    if heading is None or not heading.number.isdigit() or len(block.trail) < 2:
        return None
    section = block.trail[-2]
    if not _TASK_SECTION.search(section.title):
        return None
    year = default_period.end or default_period.start
    mentions = find_periods(section.title.lower(), year.year if year else date.today().year, year.month if year else 12)
    period = mentions[-1].period if mentions else default_period
    return TaskGroup(heading.number, heading.title, period, block.start, block.end)


def _quote_end(text: str, start: int) -> int:
    words = list(re.finditer(r"\S+", text[start:]))
    sentence = _SENTENCE.match(text, start)
    end = sentence.end() if sentence else len(text)
    if len(words) > _QUOTE_WORDS:
        end = min(end, start + words[_QUOTE_WORDS - 1].end())
    return end


def _summary(body: str) -> str:
    first = re.split(r"[;.](?!\d)", body.strip(), maxsplit=1)[0]
    return " ".join(first.split()[:_SUMMARY_WORDS]).strip(" ,-")


# Task tables ("STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành"): header words → role
_TABLE_COLUMNS = (
    ("ref", re.compile(r"^(?:stt|tt|so tt|so thu tu)$")),
    ("lead", re.compile(r"chu tri|co quan thuc hien|don vi thuc hien")),
    ("coordinating", re.compile(r"phoi hop")),
    ("deadline", re.compile(r"thoi gian|thoi han|tien do|hoan thanh")),
    ("summary", re.compile(r"noi dung|nhiem vu|cong viec|ten")),
)


def _cells(block: OutlineBlock) -> list[tuple[int, str]]:
    """(offset in the document, text) of each cell of a table row; [] for any other block."""
    return table_cells(block.text, block.start) if is_table_row(block.kind, block.text) else []


@dataclass(frozen=True)
class _TaskTable:
    """Which column of a task table holds what, read from its header row."""

    columns: dict[str, int]
    width: int

    @classmethod
    def from_header(cls, cells: list[str]) -> _TaskTable | None:
        columns: dict[str, int] = {}
        for index, cell in enumerate(cells):
            folded = fold(cell)
            role = next((name for name, pattern in _TABLE_COLUMNS if pattern.search(folded)), None)
            if role and role not in columns:
                columns[role] = index
        return cls(columns, len(cells)) if {"lead", "summary"} <= set(columns) else None

    def task(
        self, block: OutlineBlock, cells: list[tuple[int, str]], registry: Registry, reference: date | None
    ) -> Task | None:
        if len(cells) != self.width:
            return None
        offsets = [offset for offset, _ in cells]
        texts = [text.strip() for _, text in cells]
        lead = texts[self.columns["lead"]]
        agencies = registry.split(lead)
        if not agencies or not any(registry.normalise(a) or registry.looks_like_addressees(a) for a in agencies):
            return None  # a row of group titles, or an empty line of the table
        summary = texts[self.columns["summary"]]
        task = Task(
            ref=texts[self.columns["ref"]].rstrip(".") if "ref" in self.columns else "",
            agencies=agencies,
            agencies_text=lead,
            role="lead",
            start=block.start,
            end=block.end,
            item_end=block.end,
            summary=_summary(summary),
            group=_group_title(block.trail + (Heading(99, "", ""),)),
            coordinating=registry.split(texts[self.columns["coordinating"]]) if "coordinating" in self.columns else [],
        )
        if "deadline" in self.columns:
            column = self.columns["deadline"]
            deadline = deadline_in_cell(texts[column], offsets[column], reference)
            if deadline:
                task.deadlines.append(deadline)
                task.subtasks.append(SubTask(summary, block.start, block.end, deadline))
        return task
