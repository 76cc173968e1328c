"""Tasks: what a plan, letter, directive or decision assigns to whom, by when.

A task is assigned in any of the genre's forms (PLANS.md part K): a numbered item that opens with its addressees
("1.2. Sở Kế hoạch và Đầu tư: Chủ trì, ...", "3. Giao Sở Tài chính chủ trì, ...", "2. Đề nghị HĐND tỉnh, ..."), the
dashes or lettered sub-items under an addressee heading ("1. Sở Nội vụ" / "- Chủ trì ..."), a sentence of a letter
or a press item ("Chủ tịch UBND tỉnh yêu cầu Thủ trưởng các sở, ban, ngành ...", "Sở X rà soát, tham mưu ...",
task_prose.py), a row of a task table (task_tables.py). The lists of who receives or attends ("Nơi nhận", "Kính gửi")
are not tasks. Numbered items under a "nhiệm vụ, giải pháp" section that name no addressee are task groups, dated by
the period their section names."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from planwatch.extract.agencies import Registry
from planwatch.extract.deadlines import Deadline, find_deadlines
from planwatch.extract.task_prose import Piece, Reading, read_prose
from planwatch.extract.task_tables import Row, TaskTable, cells, flat_table
from planwatch.extract.task_words import agency_phrase, pattern, speakers_of
from planwatch.limits import check_time
from planwatch.structure.sections import Heading, OutlineBlock
from planwatch.vocab.periods import Period, find_periods

_NUMBER_PREFIX = re.compile(r"^\s*(?:Điều\s+\d+\.?|\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,5}\.|[a-zđ]\)|\(\d{1,2}\))\s*")
_ADDRESSEES = re.compile(r"^([^:]{3,250}?)\s*:\s*")
_COORDINATE = re.compile(r"\bphối hợp(?:\s+chặt chẽ)?(?:\s+với)?\s+", re.I)
_SENTENCE = re.compile(r"(?:[^.;!?]|\.(?=\d))+(?:[.;!?](?!\d)|$)")  # a dot inside "25.12.2025" ends nothing
_SECTION = re.compile(r"[IVX]{1,5}|Điều \d+|[A-Z]")
_DASH = re.compile(r"^\s*[-–+•*]\s")
_WRAPPED_LINE = 40  # a line this long that does not end a sentence goes on in the next block
_RUN_LINES = 12  # a sentence broken over more lines than this is not read as one
_HEADING_NAMES = 200  # an addressee heading ("1. Sở Nội vụ") is no longer than this
_TASK_SECTION = re.compile(r"nhiệm\s+vụ|giải\s+pháp|tổ\s+chức\s+thực\s+hiện", re.I)
_QUOTE_WORDS = 40
REPEAT = "~"  # between a printed ref and the number of the task that repeats it
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
        """The earliest one-off date the item gives: a printed day, else the last day of a month, quarter or year it
        names. A recurrence is not one ("trước ngày 15 hằng tháng": its dates are in `recurring`)."""
        dated = [d.due for d in self.deadlines if d.due and d.dated]
        periods = [d.due for d in self.deadlines if d.due and not d.dated]
        return min(dated or periods, default=None)

    @property
    def first_due(self) -> date | None:
        """The deadline, or the first occurrence of a recurrence after the document's date (PLANS.md K18)."""
        return self.deadline or min((d.first for d in self.deadlines if d.first), default=None)

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
    blocks: list[OutlineBlock],
    registry: Registry,
    default_period: Period,
    reference: date | None = None,
    kind: str | None = None,
) -> tuple[list[Task], list[TaskGroup]]:
    """Tasks and task groups of a document; `reference` is its date (deadlines without a year take theirs from it),
    `kind` its kind ("nghị quyết": the council speaks, the committee is told)."""
    reader = _Reader(registry, reference, speakers_of(kind))
    groups: list[TaskGroup] = []
    index = 0
    while index < len(blocks):
        check_time()
        block = blocks[index]
        if flat := flat_table(blocks, index, registry, reference):
            reader.rows(flat[0], block)
            index = flat[1]
            continue
        if len(cells(block)) >= 3:
            index = reader.grid(blocks, index)
            continue
        if _tells_results(block.trail[:-1] if reader.intro and block.heading else block.trail):
            reader.current, reader.intro = None, None
            index += 1
            continue
        run = [block]
        while not block.heading and len(run) < _RUN_LINES and _continues(run[-1], blocks, index + len(run)):
            run.append(blocks[index + len(run)])
        index += len(run)
        if block.heading:
            if not reader.item(block) and (group := _group(block, default_period)):
                groups.append(group)
        else:
            reader.paragraph(run)
    return _keyed(reader.tasks), groups


def _tells_results(trail: tuple[Heading, ...]) -> bool:
    """The block sits under a heading of what was done ("I. TÌNH HÌNH KINH TẾ - XÃ HỘI"), no task heading below it. (An
    item of a list a sentence opened with its addressees is the list's, whatever its words: "1. Đánh giá kết quả ...,
    gửi Sở Tài chính trước ngày 15/7.")"""
    opens = pattern("results_headings")
    told = [i for i, heading in enumerate(trail) if opens.match(heading.title.lstrip())]
    return bool(told) and not any(_TASK_SECTION.search(heading.title) for heading in trail[told[-1] + 1 :])


def _keyed(tasks: list[Task]) -> list[Task]:
    """Each task its own key: a ref printed once for several tasks (the dashes of one heading, "; riêng UBND xã ...")
    is "IV.1", "IV.1~2", ... (the export prints "IV.1" for each), so that each has its own updates."""
    seen: dict[str, int] = {}
    for task in tasks:
        seen[task.ref] = seen.get(task.ref, 0) + 1
        if seen[task.ref] > 1:
            task.ref = f"{task.ref}{REPEAT}{seen[task.ref]}"
    return tasks


def printed_ref(key: str) -> str | None:
    """The ref as printed for a task's key: "IV.1~2" → "IV.1"; None for a task nothing numbers ("#3")."""
    return None if key.startswith("#") else key.split(REPEAT)[0]


def _continues(last: OutlineBlock, blocks: list[OutlineBlock], at: int) -> bool:
    """The next block goes on with the last one's sentence: a line broken inside it, as copies of PDFs break them."""
    if at >= len(blocks):
        return False
    after = blocks[at]
    text = last.text.rstrip()
    return (
        not after.heading
        and not cells(after)
        and len(text) >= _WRAPPED_LINE
        and not text.isupper()  # a title in capitals ("DANH MỤC NHIỆM VỤ ... NĂM 2026") above a table is whole
        and not text.endswith((".", ";", ":", "!", "?"))
        and not _recipients(after.text)
    )


def _names_an_agency(text: str, reading: Reading) -> bool:
    """A paragraph after a numbered item that opens a task of its own: its first words lead to an agency's name in
    capitals ("Lãnh đạo TP yêu cầu Sở Xây dựng ...", "Sở Y tế chủ trì ..."); "Chỉ đạo các đơn vị ..." goes on with
    the item."""
    first = reading.pieces[0] if reading.pieces else None
    return bool(first and not text[: first.start].strip(" -–+•*") and first.names_text[:1].isupper())


def _unassigned(phrase: str) -> str:
    """The addressees of a heading that opens with a speaker's verb: "Giao Sở Tài chính:" → "Sở Tài chính"."""
    verb = pattern("assigns").match(phrase)
    return phrase[verb.end() :] if verb else phrase


def _recipients(text: str) -> bool:
    """A list of who receives or attends: "Nơi nhận:", "Kính gửi: - Sở Tài chính; ..."."""
    m = pattern("recipients").match(text.lstrip())
    return bool(m and re.match(r"\s*:", text.lstrip()[m.end() :]))


class _Reader:
    """The tasks of one document, block after block, with what each block inherits: the addressees of the heading
    it is an item of, the task it continues, whether it lists recipients."""

    def __init__(self, registry: Registry, reference: date | None, speakers: frozenset[str]) -> None:
        self.registry, self.reference, self.speakers = registry, reference, speakers
        self.tasks: list[Task] = []
        self.addressees: dict[str, list[str]] = {}  # ref of a heading → the agencies its items inherit
        self.current: Task | None = None
        self.recipients = False
        self.in_item = False  # the current task is a numbered item, whose body the next paragraphs are
        self.intro: list[str] | None = None  # the addressees of a sentence that opens a list ("yêu cầu X ...:")
        self.whole = False  # the list the intro opened is the sections that follow it right away: all the rest
        self.fresh = False  # nothing read since the intro

    def item(self, block: OutlineBlock) -> bool:
        """A numbered item: a task, an addressee heading, or neither (False)."""
        assert block.heading is not None
        self.recipients, self.current = False, None
        if self.intro and self.fresh and _SECTION.fullmatch(block.heading.number):
            self.whole = True  # "... yêu cầu các sở, ngành thực hiện các nội dung sau:" / "A. ..." / "I. ...": theirs
        if (_SECTION.fullmatch(block.heading.number) or not block.heading.number) and not self.whole:
            self.intro = None  # a new section or article: the list a sentence opened has ended
        self.fresh = False
        prefix = _NUMBER_PREFIX.match(block.text)
        if not prefix or not block.heading.number:
            return False
        ref = _ref(block.heading, block.trail)
        at = prefix.end()
        rest = block.text[at:]
        executes = pattern("executes").search(rest)  # "...; Giám đốc các Sở: ... chịu trách nhiệm thi hành"
        m = None if executes else _ADDRESSEES.match(rest)
        if m and (names := agency_phrase(_unassigned(m.group(1)), self.registry)):
            if not rest[m.end() :].strip():
                self.addressees[ref] = names
                return True
            self.current = self._task(ref, block, names, m.group(1), at, at + m.end(), block.end, group=True)
            self._read(self.current, block.text[at + m.end() :], block.start + at + m.end())
            self.in_item = True
            return True
        if len(rest) <= _HEADING_NAMES and (names := agency_phrase(rest, self.registry)):
            self.addressees[ref] = names
            return True
        section = bool(_SECTION.fullmatch(block.heading.number))  # "I. YÊU CẦU": a title, the list's part, no task
        inherit = self._inherited(block.trail[:-1]) or (None if section else self.intro)
        if inherit and pattern("topics").match(rest) and not rest.rstrip().endswith((".", ";")):
            return False  # "1. Đối với đánh giá kế hoạch năm 2025": the title of the items below it, no task
        reading = read_prose(rest, self.registry, inherit, self.reference, self.speakers)
        if reading.intro:
            self.addressees[ref] = reading.intro
        for piece in reading.pieces:
            self.current = self._piece(ref, block, piece, at, group=True)
        self.in_item = bool(reading.pieces)
        return bool(reading.pieces or reading.intro)

    def paragraph(self, run: list[OutlineBlock]) -> None:
        first = run[0]
        text, starts = _joined(run)
        if _recipients(text):
            self.recipients, self.current, self.intro, self.whole = True, None, None, False
            return
        dash = bool(_DASH.match(text))
        if self.recipients and dash:
            return
        self.recipients = False
        heading = first.trail[-1] if first.trail else None
        ref = _ref(heading, first.trail) if heading and heading.number else None
        inherit = (self.addressees.get(ref or "") or self.intro) if dash else None
        if not dash and pattern("actions").match(text.lstrip()):
            # "... yêu cầu các sở, ngành thực hiện các nội dung sau:" or "1. UBND các xã:", then "Khẩn trương ..."
            inherit = self.addressees.get(ref or "") or self.intro
        reading = read_prose(text, self.registry, inherit, self.reference, self.speakers)
        if reading.intro:
            self.intro, self.current, self.fresh, self.whole = reading.intro, None, True, False
            return
        self.fresh = False
        if self.current and self.in_item and not inherit and not _names_an_agency(text, reading):
            self._read(self.current, text, first.start, starts)  # the body of a numbered item goes on
            self.current.item_end = run[-1].end
            return
        self.in_item = False
        if reading.pieces:
            for piece in reading.pieces:
                self.current = self._piece(ref, first, piece, 0, text=text, starts=starts)
        elif self.current and not reading.intro:
            self._read(self.current, text, first.start, starts)
            self.current.item_end = run[-1].end

    def rows(self, rows: list[Row], block: OutlineBlock) -> None:
        self.current = None
        for row in rows:
            task = Task(
                ref=row.ref,
                agencies=row.names,
                agencies_text=row.names_text,
                role="lead",
                start=row.start,
                end=row.end,
                item_end=row.end,
                summary=_summary(row.summary),
                group=_group_title(block.trail + (Heading(99, "", ""),)),
                coordinating=row.coordinating,
            )
            if row.deadline:
                task.deadlines.append(row.deadline)
                task.subtasks.append(SubTask(row.summary, row.start, row.end, row.deadline))
            self.tasks.append(task)

    def grid(self, blocks: list[OutlineBlock], index: int) -> int:
        """Rows of a table that keeps its grid, from its header row on; the index of the block after them."""
        self.current = None
        table: TaskTable | None = None
        while index < len(blocks) and len(found := cells(blocks[index])) >= 3:
            header = TaskTable.from_header([text for _, text in found])
            if header is None and table and (row := table.row(found, self.registry, self.reference)):
                self.rows([row], blocks[index])
            table = header or table
            index += 1
        return index

    def _inherited(self, trail: tuple[Heading, ...]) -> list[str] | None:
        for depth in range(len(trail), 0, -1):
            if names := self.addressees.get(_ref(trail[depth - 1], trail[:depth])):
                return names
        return None

    def _piece(
        self,
        ref: str | None,
        block: OutlineBlock,
        piece: Piece,
        at: int,
        group: bool = False,
        text: str | None = None,
        starts: list[tuple[int, int]] | None = None,
    ) -> Task:
        text = block.text[at:] if text is None else text
        starts = starts or [(0, block.start + at)]
        names_text = text[piece.start : piece.names_end] if piece.inherited else piece.names_text
        task = Task(
            ref=ref or f"#{sum(t.ref.startswith('#') for t in self.tasks) + 1}",
            agencies=piece.names,
            agencies_text="" if piece.inherited and not piece.names_text else names_text,
            role=piece.role,
            start=_at(starts, piece.start),
            end=_at(starts, _quote_end(text, piece.start, piece.end)),
            item_end=_at(starts, piece.end),
            summary=_summary(text[piece.names_end : piece.end]),
            group=_group_title(block.trail) if group else None,
            coordinating=list(piece.coordinating),
        )
        self.tasks.append(task)
        self._read(task, text[piece.start : piece.end], 0, _shifted(starts, piece.start))
        return task

    def _task(
        self,
        ref: str,
        block: OutlineBlock,
        names: list[str],
        names_text: str,
        at: int,
        body: int,
        end: int,
        group: bool,
    ) -> Task:
        task = Task(
            ref=ref,
            agencies=names,
            agencies_text=names_text,
            role="lead",
            start=block.start + at,
            end=block.start + _quote_end(block.text, at, len(block.text)),
            item_end=end,
            summary=_summary(block.text[body:]),
            group=_group_title(block.trail) if group else None,
        )
        self.tasks.append(task)
        return task

    def _read(self, task: Task, text: str, offset: int, starts: list[tuple[int, int]] | None = None) -> None:
        """Coordinating agencies and deadlines; each sentence with a deadline is a dated sub-task."""
        starts = starts or [(0, offset)]
        for m in _COORDINATE.finditer(text):
            names, _ = self.registry.scan(text, m.end())
            task.coordinating.extend(n for n in names if n not in task.coordinating)
        for sentence in _SENTENCE.finditer(text):
            for deadline in find_deadlines(sentence.group(0), sentence.start(), self.reference):
                moved = replace(deadline, start=_at(starts, deadline.start), end=_at(starts, deadline.end))
                task.deadlines.append(moved)
                piece = sentence.group(0).strip(" -.;")
                task.subtasks.append(SubTask(piece, _at(starts, sentence.start()), _at(starts, sentence.end()), moved))
        if not task.summary:
            task.summary = _summary(text)


def _joined(run: list[OutlineBlock]) -> tuple[str, list[tuple[int, int]]]:
    """The text of blocks read as one, and where each block's text starts in it and in the document."""
    starts: list[tuple[int, int]] = []
    parts: list[str] = []
    at = 0
    for block in run:
        starts.append((at, block.start))
        parts.append(block.text)
        at += len(block.text) + 1
    return " ".join(parts), starts


def _at(starts: list[tuple[int, int]], index: int) -> int:
    """The document offset of `index` in a joined text."""
    base, offset = next(((b, o) for b, o in reversed(starts) if b <= index), starts[0])
    return offset + index - base


def _shifted(starts: list[tuple[int, int]], by: int) -> list[tuple[int, int]]:
    """The starts of a joined text read from `by` on."""
    return [(b - by, o) for b, o in starts]


def _ref(heading: Heading, trail: tuple[Heading, ...]) -> str:
    """The number as printed with its numbered parents: a bare "1." under a Roman section is "III.1", under an
    article "Điều 2.1"; a lettered sub-item "b)" of item 2 is "2.b"."""
    if re.fullmatch(r"[a-zđ]", heading.number):
        parents = [h for h in trail[:-1] if h.number and not re.fullmatch(r"[a-zđ]", h.number)]
        if not parents:
            return heading.number
        return f"{_ref(parents[-1], trail[: trail.index(parents[-1]) + 1])}.{heading.number}"
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


def _quote_end(text: str, start: int, end: int) -> int:
    """The quote: the task's first sentence, at most _QUOTE_WORDS words."""
    words = list(re.finditer(r"\S+", text[start:end]))
    sentence = _SENTENCE.match(text, start)
    stop = min(sentence.end() if sentence else end, end)
    if len(words) > _QUOTE_WORDS:
        stop = min(stop, start + words[_QUOTE_WORDS - 1].end())
    return stop


def _summary(body: str) -> str:
    first = re.split(r"[;.](?!\d)", body.strip(), maxsplit=1)[0]
    return " ".join(first.split()[:_SUMMARY_WORDS]).strip(" ,-")
