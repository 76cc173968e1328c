"""The papers: a draft report read back by PlanWatch itself, its sources and placeholders, the annexes as real
spreadsheets, and the period words every sentence of a draft uses."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from docx import Document
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from planwatch.report.annex import indicator_annex, task_annex
from planwatch.report.content import build_draft
from planwatch.report.docx_draft import draft_docx
from planwatch.report.kinds import PeriodError, ReportKind, ReportPeriod
from planwatch.report.papers import report_period
from planwatch.report.sheets import ColumnKind, to_csv, to_xlsx
from planwatch.report.verify import coverage, round_trip
from planwatch.vocab.periods import Month, Period, find_periods, period_words
from tests.conftest import stored_copy, with_samples


@pytest.fixture
def samples(engine: Engine, samples_template: Path) -> Engine:
    return with_samples(engine, samples_template)


@pytest.mark.parametrize(
    ("kind", "end"), [(ReportKind.SIX_MONTH, Month(2025, 6)), (ReportKind.MONTHLY, Month(2025, 4))]
)
def test_a_draft_reads_back_as_the_figures_it_was_made_from(samples: Engine, kind: ReportKind, end: Month) -> None:
    with Session(samples) as session:
        draft = build_draft(session, ReportPeriod.of(kind, end))
        covered = coverage(session, draft)
    result = round_trip(draft, draft_docx(draft))
    assert result.stated >= 20
    assert result.precision >= 0.98, result.wrong
    assert result.recall >= 0.95, result.lost
    assert covered.stated + covered.superseded + covered.set_aside == covered.stored


def test_every_figure_has_its_source_as_a_comment_and_headings_are_word_headings(samples: Engine) -> None:
    with Session(samples) as session:
        draft = build_draft(session, ReportPeriod.of(ReportKind.SIX_MONTH, Month(2025, 6)))
    document = Document(BytesIO(draft_docx(draft)))
    sources = [c for c in document.comments if not c.text.startswith("PlanWatch tính")]
    assert len(sources) == len(draft.figures)
    quotes = {f.source.quote for f in draft.figures}
    assert all(c.text.startswith("Nguồn: ") and any(q in c.text for q in quotes) for c in sources)
    computed = [c for c in document.comments if c.text.startswith("PlanWatch tính")]  # each year-end estimate
    assert draft.projections and len(computed) >= len(draft.projections)
    headings = [p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 1"]
    assert headings[0] == "I. KINH TẾ"
    body = "\n".join(p.text for p in document.paragraphs)
    assert "6 tháng đầu năm 2025" in body


def test_what_the_store_lacks_is_a_placeholder_never_a_number(samples: Engine) -> None:
    with Session(samples) as session:
        draft = build_draft(session, ReportPeriod.of(ReportKind.ANNUAL, Month(2025, 12)))
    assert not draft.figures
    body = "\n".join(p.text for p in Document(BytesIO(draft_docx(draft))).paragraphs)
    assert "[chưa có số liệu: Tốc độ tăng trưởng GRDP]" in body
    assert "[chưa có số liệu: Tỷ lệ hộ nghèo]" in body


def test_an_english_draft_uses_the_english_templates(samples: Engine) -> None:
    with Session(samples) as session:
        draft = build_draft(session, ReportPeriod.of(ReportKind.MONTHLY, Month(2025, 4)), lang="en")
    body = "\n".join(p.text for p in Document(BytesIO(draft_docx(draft, "en"))).paragraphs)
    assert "I. ECONOMY" in body and "April 2025" in body and "year on year" in body


def test_the_indicator_annex_holds_numbers_as_numbers(samples: Engine) -> None:
    with Session(samples) as session:
        draft = build_draft(session, ReportPeriod.of(ReportKind.SIX_MONTH, Month(2025, 6)))
        tables = indicator_annex(session, draft)
    workbook = load_workbook(BytesIO(to_xlsx(tables)))
    assert workbook.sheetnames[0] == "Kinh tế"
    sheet = workbook["Kinh tế"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref and sheet.page_setup.orientation == "landscape"
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2025"]
    numeric = [i for i, c in enumerate(tables[0].columns) if c.kind is ColumnKind.NUMBER]
    values = [row[i] for row in sheet.iter_rows(min_row=2) for i in numeric if row[i].value is not None]
    assert values and all(cell.data_type == "n" and "#,##0" in cell.number_format for cell in values)
    assert not any(isinstance(c.value, str) and c.value.replace(",", "").replace(".", "").isdigit()
                   for row in sheet.iter_rows(min_row=2) for c in row)  # fmt: skip
    budget = next(row for row in sheet.iter_rows(min_row=2, values_only=True) if row[1] == "Thu nội địa")
    assert isinstance(budget[3], float | int) and budget[9]  # the year's target, and a source


def test_the_task_annex_scores_agencies_and_lists_what_is_due(samples: Engine) -> None:
    with Session(samples) as session:
        tables = task_annex(session, date(2025, 7, 15), soon_days=200)
    workbook = load_workbook(BytesIO(to_xlsx(tables)))
    score, due = workbook.worksheets
    rows = list(score.iter_rows(min_row=2, values_only=True))
    assert rows and all(isinstance(v, int) for row in rows for v in row[1:6])
    listed = list(due.iter_rows(min_row=2))
    assert listed and all(row[5].is_date and row[5].number_format == "dd/mm/yyyy" for row in listed)
    assert to_csv(tables[1]).startswith("\ufeffVăn bản,Số TT,")


def test_a_report_period_that_does_not_fit_its_kind_is_refused_in_words() -> None:
    with pytest.raises(PeriodError, match="báo cáo 6 tháng phải kết thúc vào tháng 6"):
        report_period("six-month", "2024-05")
    with pytest.raises(PeriodError, match="YYYY-MM"):
        report_period("monthly", "05/2024")
    with pytest.raises(PeriodError, match="loại báo cáo"):
        report_period("weekly", "2024-05")
    assert report_period("quarterly", "2024-09").own == Period(Month(2024, 7), Month(2024, 9))


_MONTHS = st.builds(Month, st.integers(2016, 2030), st.integers(1, 12))


@given(_MONTHS, st.sampled_from(["month", "to-date", "quarter", "year"]))
def test_period_words_read_back_as_the_same_period(end: Month, shape: str) -> None:
    if shape == "month":
        period = Period(end, end)
    elif shape == "to-date" and end.month > 1:
        period = Period(Month(end.year, 1), end)
    elif shape == "quarter":
        last = Month(end.year, (end.month + 2) // 3 * 3)
        period = Period(last.shift(-2), last)
    else:
        period = Period(Month(end.year, 1), Month(end.year, 12))
    words = period_words(period)
    read = [m.period for m in find_periods(f"Chỉ tiêu {words} đạt 5%", end.year, end.month)]
    assert read == [period], words


def test_the_report_command_writes_the_draft_and_its_annexes(samples_template: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from planwatch.cli.main import app

    db = f"sqlite:///{stored_copy(samples_template, tmp_path)}"
    runner = CliRunner()
    out, annex, tasks = tmp_path / "du-thao.docx", tmp_path / "phu-luc.xlsx", tmp_path / "nhiem-vu.xlsx"
    args = ["--db", db, "report", "--kind", "six-month", "--period", "2025-06", "--out", str(out), "--xlsx", str(annex)]
    result = runner.invoke(app, [*args, "--tasks-xlsx", str(tasks), "--as-of", "30/06/2025", "--check"])
    assert result.exit_code == 0, result.output
    assert "độ chính xác 1.000" in result.output
    assert out.stat().st_size and load_workbook(annex).sheetnames and load_workbook(tasks).sheetnames
    refused = runner.invoke(app, ["--db", db, "report", "--kind", "annual", "--period", "2025-06", "--out", str(out)])
    assert refused.exit_code == 1 and "báo cáo năm phải kết thúc vào tháng 12" in refused.output
