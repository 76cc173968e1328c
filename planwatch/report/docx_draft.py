"""The draft as a Word document (python-docx): the header block of an administrative report with blanks for the
clerk, the title, real Word headings (the navigation pane works), one paragraph per group of indicators, each
figure's source as a Word comment on its words, and a visible placeholder for what the store does not hold."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from io import BytesIO

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from planwatch.report.content import Draft, Figure, GroupDraft
from planwatch.report.wording import projection_parts, statement_parts
from planwatch.vocab.numbers import format_number
from planwatch.vocab.periods import Month, Period, period_words

AUTHOR, INITIALS = "PlanWatch", "PW"
BLACK = RGBColor(0, 0, 0)
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")
_TEXT = {
    "vi": {
        "issuer": "ỦY BAN NHÂN DÂN",
        "province": "TỈNH {province}",
        "number": "Số: ……/BC-UBND",
        "nation": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "motto": "Độc lập - Tự do - Hạnh phúc",
        "dateline": "{place}, ngày …… tháng …… năm ……",
        "report": "BÁO CÁO",
        "note": "Dự thảo do PlanWatch lập từ các văn bản đã nhập; nguồn của từng số liệu ghi trong chú thích (comment) "
        "gắn với số liệu đó. Phần trong ngoặc vuông là chỗ cán bộ soạn thảo bổ sung.",
        "missing": "[chưa có số liệu: {name}]",
        "tasks": "Nhiệm vụ, giải pháp trọng tâm thời gian tới",
        "lags": "B. Tồn tại, hạn chế",
        "lags_blank": "[cán bộ soạn thảo nêu nguyên nhân và bổ sung tồn tại, hạn chế khác]",
        "part_two": "Phần thứ hai: Nhiệm vụ, giải pháp trọng tâm {rest}",
        "open_tasks": "Các nhiệm vụ năm {year} chưa hoàn thành:",
        "task_head": "Mục|Nội dung|Cơ quan|Hạn|Tình trạng",
        "no_due": "không ghi hạn",
        "tasks_blank": "[cán bộ soạn thảo bổ sung nhiệm vụ, giải pháp trọng tâm]",
        "source": "Nguồn: {document}{page}: “{quote}”",
        "computed": "PlanWatch tính từ số liệu đã nhập: {note}",
        "page": ", trang {page}",
        "estimate": " (số ước tính)",
        "others": " Văn bản khác nêu: {values}.",
        "recipients": "Nơi nhận:",
        "signer": "TM. ỦY BAN NHÂN DÂN",
    },
    "en": {
        "issuer": "PEOPLE'S COMMITTEE",
        "province": "OF {province} PROVINCE",
        "number": "No.: ……/BC-UBND",
        "nation": "SOCIALIST REPUBLIC OF VIETNAM",
        "motto": "Independence - Freedom - Happiness",
        "dateline": "{place}, …… (date)",
        "report": "REPORT",
        "note": "Draft made by PlanWatch from the stored documents; each figure's source is in the Word comment on it. "
        "Text in square brackets is for the drafter to complete.",
        "missing": "[no data yet: {name}]",
        "tasks": "Main tasks and measures for the coming period",
        "lags": "B. Shortcomings and limitations",
        "lags_blank": "[the drafter states the causes and adds other shortcomings]",
        "part_two": "Part two: main tasks and measures {rest}",
        "open_tasks": "Tasks of {year} not yet done:",
        "task_head": "Item|Task|Agency|Due|Status",
        "no_due": "no deadline",
        "tasks_blank": "[to be completed by the drafter]",
        "source": "Source: {document}{page}: “{quote}”",
        "computed": "Computed by PlanWatch from the stored figures: {note}",
        "page": ", page {page}",
        "estimate": " (estimate)",
        "others": " Other documents state: {values}.",
        "recipients": "Recipients:",
        "signer": "ON BEHALF OF THE PEOPLE'S COMMITTEE",
    },
}


def draft_docx(draft: Draft, lang: str = "vi", now: datetime | None = None) -> bytes:
    """The .docx bytes of `draft`."""
    text = _TEXT[lang]
    document = Document()
    _page_and_fonts(document)
    _header_block(document, draft, text)
    title = f"{draft.period.kind.title(lang)} {draft.period.words(lang)}"
    _centered(document.add_paragraph(style="Title"), text["report"])
    _centered(document.add_paragraph(), title, bold=True)
    note = document.add_paragraph()
    note.add_run(text["note"]).italic = True
    for number, section in enumerate(draft.sections):
        document.add_heading(f"{_ROMAN[number]}. {section.title.upper()}", level=1)
        for i, group in enumerate(section.groups, 1):
            document.add_heading(f"{i}. {group.title}", level=2)
            _group_paragraph(document, group, text, lang)
    _rest_of_the_report(document, draft, text, lang)
    _signature(document, text)
    properties = document.core_properties
    properties.author, properties.title = AUTHOR, title
    properties.created = now or datetime.now()
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def _rest_of_the_report(document: WordDocument, draft: Draft, text: dict[str, str], lang: str) -> None:
    """B. what lags, as bullets for the clerk; Phần thứ hai, the year's tasks not yet done (report/rest.py)."""
    document.add_heading(text["lags"].upper(), level=1)
    for bullet in draft.lags:
        document.add_paragraph(bullet, style="List Bullet")
    _placeholder(document.add_paragraph(), text["lags_blank"])
    end = draft.period.end
    rest = period_words(Period(end.shift(1), Month(end.year, 12)), lang) if end.month < 12 else text["tasks"].lower()
    document.add_heading(text["part_two"].format(rest=rest).upper(), level=1)
    if draft.tasks:  # a table: the tasks' own words are the plan's, not figures of this report
        document.add_paragraph(text["open_tasks"].format(year=end.year))
        rows = [
            (task.ref, task.summary, task.agencies, f"{task.due:%d/%m/%Y}" if task.due else text["no_due"], task.status)
            for task in draft.tasks
        ]
        _task_table(document, text["task_head"].split("|"), rows)
    _placeholder(document.add_paragraph(), text["tasks_blank"])


_TASK_WIDTHS = (1.3, 6.4, 3.2, 2.7, 2.4)  # cm of the 16 cm line: the task's words take the room, a date one line


def _task_table(document: WordDocument, head: list[str], rows: Sequence[tuple[str, ...]]) -> None:
    """A grid of set column widths (a table left to fit itself gives each column a fifth of the line, and the tasks'
    words a column as narrow as the date's), its cells flush left with no first-line indent."""
    table = document.add_table(rows=0, cols=len(head))
    table.style, table.autofit = "Table Grid", False
    for column, width in zip(table.columns, _TASK_WIDTHS, strict=True):
        column.width = Cm(width)
    for number, values in enumerate([tuple(head), *rows]):
        for cell, value, width in zip(table.add_row().cells, values, _TASK_WIDTHS, strict=True):
            cell.width = Cm(width)
            paragraph = cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
            paragraph.paragraph_format.first_line_indent = Cm(0)
            run = paragraph.add_run(value)
            run.bold, run.font.size = number == 0, Pt(12)


def _page_and_fonts(document: WordDocument) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    for name, size in (("Normal", 13), ("Title", 14), ("Heading 1", 13), ("Heading 2", 13)):
        font = document.styles[name].font
        font.name, font.size, font.bold, font.color.rgb = "Times New Roman", Pt(size), name != "Normal", BLACK
        fonts = font.element.rPr.rFonts
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):  # a theme font wins over a name
            fonts.attrib.pop(qn(theme), None)
    body = document.styles["Normal"].paragraph_format
    body.first_line_indent, body.space_after = Cm(1), Pt(6)
    body.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def _header_block(document: WordDocument, draft: Draft, text: dict[str, str]) -> None:
    province = draft.province or "……"
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    _cell_lines(left, [(text["issuer"], False), (text["province"].format(province=province.upper()), True)])
    _cell_lines(left, [(text["number"], False)], fresh=False)
    _cell_lines(right, [(text["nation"], True), (text["motto"], True)])
    _cell_lines(right, [(text["dateline"].format(place=province), False)], fresh=False, italic=True)


def _cell_lines(cell: _Cell, lines: list[tuple[str, bool]], fresh: bool = True, italic: bool = False) -> None:
    for i, (line, bold) in enumerate(lines):
        paragraph = cell.paragraphs[0] if fresh and i == 0 else cell.add_paragraph()
        paragraph.paragraph_format.first_line_indent = Cm(0)
        _centered(paragraph, line, bold=bold, italic=italic)


def _centered(paragraph: Paragraph, line: str, bold: bool = False, italic: bool = False) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = Cm(0)
    run = paragraph.add_run(line)
    run.bold, run.italic = bold, italic


def _group_paragraph(document: WordDocument, group: GroupDraft, text: dict[str, str], lang: str) -> None:
    paragraph = document.add_paragraph()
    sentences = [statement_parts(statement, lang) for statement in group.statements]
    sentences += [projection_parts(projected, lang) for projected in group.projections]
    for parts in sentences:
        for part in parts:
            run = paragraph.add_run(part.text)
            if part.figure is not None:
                document.add_comment(run, _source_text(part.figure, text, lang), AUTHOR, INITIALS)
            elif part.note is not None:
                document.add_comment(run, text["computed"].format(note=part.note), AUTHOR, INITIALS)
        paragraph.add_run(" ")
    for indicator in group.missing:
        _placeholder(paragraph, text["missing"].format(name=indicator.name))
        paragraph.add_run(" ")


def _placeholder(paragraph: Paragraph, words: str) -> None:
    run = paragraph.add_run(words)
    run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _source_text(figure: Figure, text: dict[str, str], lang: str) -> str:
    source = figure.source
    named = source.name or source.title or source.doc_key
    if source.symbol:
        named = f"{named} ({source.symbol})"
    words = text["source"].format(
        document=named, page=text["page"].format(page=source.page) if source.page else "", quote=source.quote
    )
    if figure.estimate:
        words += text["estimate"]
    if figure.others:
        values = "; ".join(f"{format_number(v, lang=lang)} ({key})" for v, key in figure.others)
        words += text["others"].format(values=values)
    return words


def _signature(document: WordDocument, text: dict[str, str]) -> None:
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    _cell_lines(left, [(text["recipients"], True)])
    _cell_lines(right, [(text["signer"], True)])
