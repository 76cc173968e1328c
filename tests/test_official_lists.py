"""Issue 30, second pass: a long answer is a sentence and a list, and the front organisations are their own
kind of agency."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from fastapi.testclient import TestClient

from planwatch.edits.agencies import KINDS
from planwatch.extract.agencies import default_registry
from planwatch.extract.document import extract_document
from planwatch.query.ask import ask
from planwatch.read.model import assemble
from planwatch.read.text import read_text
from planwatch.report.annex import indicator_annex
from planwatch.report.content import build_draft
from planwatch.report.papers import report_period
from planwatch.serve.app import create_app
from planwatch.serve.labels import LABELS
from planwatch.store.db import session_factory

from .conftest import copy_of


def test_the_late_tasks_are_a_sentence_then_a_list_by_agency(corpus_template: Path, tmp_path: Path) -> None:
    engine = copy_of(corpus_template, tmp_path)
    with session_factory(engine)() as session:
        late = ask(session, "Nhiệm vụ nào quá hạn?", date(2024, 12, 31))
        english = ask(session, "Nhiệm vụ nào quá hạn?", date(2024, 12, 31), lang="en")
    first = late.text.splitlines()[0]
    assert late.found and late.value and first.startswith(f"{int(late.value)} nhiệm vụ quá hạn")
    assert "cơ quan chủ trì" in first and "mục" not in first  # the sentence counts, the list names
    counts = [int(g.heading.rsplit("(", 1)[1].rstrip("):")) for g in late.groups]
    assert len(late.groups) > 1 and sum(counts) == late.value and counts == sorted(counts, reverse=True)
    assert all(len([line for line in g.lines if "mục" in line]) <= 3 for g in late.groups)  # a short list
    assert late.link == "/nhiem-vu?status=overdue&as_of=31/12/2024"
    assert english.groups and english.text.startswith(f"{int(late.value)} tasks are overdue")
    client = TestClient(create_app(engine))
    page = client.get("/tim-kiem", params={"q": "Nhiệm vụ nào quá hạn?"}).text
    assert '<dl class="answer-groups">' in page and 'href="/nhiem-vu?status=overdue&amp;as_of=' in page
    api = client.get("/api/ask", params={"q": "Nhiệm vụ nào quá hạn?"}).json()
    front = client.get("/co-quan/MTTQ", params={"as_of": "31/12/2024"}).text
    assert LABELS["vi"]["kind_front"] in front and LABELS["vi"]["kind_council"] not in front
    assert api["groups"] and api["groups"][0]["lines"] and api["link"].startswith("/nhiem-vu?status=overdue")


def test_the_front_organisations_are_not_the_council() -> None:
    registry = default_registry()
    for printed in ("Ủy ban MTTQ Việt Nam tỉnh", "Tỉnh đoàn", "Hội LHPN tỉnh", "Hội Nông dân tỉnh",
                    "Hội Cựu chiến binh tỉnh", "Liên đoàn Lao động tỉnh"):  # fmt: skip
        found = registry.normalise(printed)
        assert found and found.kind == "front", printed
    assert registry.normalise("Hội đồng nhân dân tỉnh").kind == "council"  # type: ignore[union-attr]
    assert "front" in KINDS
    kinds = {a.kind for a in registry.agencies.values()}
    for lang in ("vi", "en"):
        assert all(f"kind_{kind}" in LABELS[lang] for kind in kinds | set(KINDS))
    assert LABELS["vi"]["kind_front"] != LABELS["vi"]["kind_council"]


def test_an_annex_row_says_when_its_percent_is_of_another_base(corpus_template: Path, tmp_path: Path) -> None:
    engine = copy_of(corpus_template, tmp_path)
    with session_factory(engine)() as session:
        draft = build_draft(session, report_period("six-month", "2024-06"))
        rows = [row for table in indicator_annex(session, draft) for row in table.rows]
        english = [row for table in indicator_annex(session, draft, "en") for row in table.rows]
    budget = next(r for r in rows if r[3] == 12760)  # the year's kế hoạch beside the report's % of the dự toán
    assert budget[7] == 62.9 and "So KH 62,9% là so với dự toán" in str(budget[9])
    assert "khác gốc với kế hoạch năm" in str(budget[9])
    said = "Of plan 62.9% is of the report's budget estimate, not of the plan beside it"  # the English way
    assert any(said in str(r[9]) for r in english)
    same_base = [r for r in rows if r[7] is not None and r[5] and r[3] and abs(r[5] / r[3] * 100 - r[7]) <= 2]
    assert same_base and not any("khác gốc" in str(r[9]) for r in same_base)  # a % of its own plan: no note


def test_english_charts_and_periods(corpus_template: Path, tmp_path: Path) -> None:
    client = TestClient(create_app(copy_of(corpus_template, tmp_path)))
    english = client.get("/chi-tieu/BUDGET_REVENUE", params={"lang": "en"}).text
    chart = english.split('<svg class="chart"')[1].split("</svg>")[0]
    assert ">Jan<" in chart and ">Dec<" in chart and ">T12<" not in chart
    assert "billion VND" in chart and "tỷ đồng" not in chart and "tháng" not in chart
    vietnamese = (
        client.get("/chi-tieu/BUDGET_REVENUE", params={"lang": "vi"})
        .text.split('<svg class="chart"')[1]
        .split("</svg>")[0]
    )
    assert ">T12<" in vietnamese and "tỷ đồng" in vietnamese
    dashboard = client.get("/", params={"year": 2024, "lang": "en"}).text
    assert "first 6 months of 2024" in dashboard and "6 tháng đầu năm 2024" not in dashboard


RANKED = """UBND TỈNH LAM SƠN
BÁO CÁO
Tình hình kinh tế - xã hội 6 tháng đầu năm 2025

Thu ngân sách nhà nước 6 tháng ước đạt 5.210 tỷ đồng, tăng 8,2% so với cùng kỳ.
Chỉ số năng lực cạnh tranh cấp tỉnh (PCI) xếp thứ 14/63 tỉnh, thành phố.
Chỉ số cải cách hành chính (PAR Index) năm 2024 xếp thứ 9/63 tỉnh, thành phố.
"""


def test_a_yearly_ranking_is_never_the_reports_window() -> None:
    found = extract_document(assemble(read_text("bao-cao.txt", RANKED.encode())), default_registry())
    facts = {(f.fact.measure, f.fact.value): f.fact.period.as_strings() for f in found.facts}
    assert facts[("value", 5210)] == ("2025-01", "2025-06")  # the window is the report's figures'
    assert facts[("rank", 14)] == (None, None)  # no year of its own: undated
    assert facts[("rank", 9)] == ("2024-01", "2024-12")  # the year it is about
