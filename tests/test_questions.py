"""Questions an official asks, answered from the store with their sources, on the shared corpus (Bắc Giang 2024,
when ../shared is present) and on the bundled samples (An Hà 2025)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import Engine

from planwatch.query.ask import ask
from planwatch.store.db import session_factory

from .conftest import copy_of, with_samples


def test_the_officials_questions_on_the_real_corpus(corpus_template: Path, tmp_path: Path) -> None:
    engine = copy_of(corpus_template, tmp_path)
    sessions = session_factory(engine)
    with sessions() as session:
        grdp = ask(session, "Chỉ tiêu GRDP năm 2024 là bao nhiêu?")
        assert grdp.found and grdp.value == 14.5 and grdp.citations[0].doc_key.startswith("001")
        budget = ask(session, "Kế hoạch thu ngân sách năm 2024?")
        assert budget.found and budget.value == 12760
        risky = ask(session, "Những chỉ tiêu nào có nguy cơ không đạt?")
        assert risky.found and "Tốc độ tăng trưởng GRDP 14,14%" in risky.text
        trade = ask(session, "Sở Công Thương được giao những nhiệm vụ gì?", date(2024, 7, 1))
        assert trade.found and "mục 1.5" in trade.text and "mục 2.6" in trade.text
        late = ask(session, "Nhiệm vụ nào quá hạn?", date(2024, 7, 1))
        assert late.found and "mục III.1" in late.text and "hạn 20/01/2024" in late.text
        alone = ask(session, "NSNN")  # an abbreviation alone names budget revenue
        assert alone.found and alone.text.startswith("Thu ngân sách nhà nước")
        month = ask(session, "Thu NSNN tháng 5/2024?")  # only the 5-month figure is stated: not a month's
        assert not month.found and "tháng 5/2024" in month.text
    engine.dispose()


def test_the_same_questions_on_the_samples(engine: Engine, samples_template: Path) -> None:
    sessions = session_factory(with_samples(engine, samples_template))
    with sessions() as session:
        assert ask(session, "Kế hoạch thu ngân sách năm 2025?").found
        risky = ask(session, "Chỉ tiêu nào chậm tiến độ?")
        assert risky.found and "Tốc độ tăng trưởng GRDP 9,6%" in risky.text and risky.citations
        assert not ask(session, "Sở Ngoại vụ được giao những nhiệm vụ gì?").found
        assert not ask(session, "Những chỉ tiêu nào có nguy cơ không đạt năm 2019?").found
