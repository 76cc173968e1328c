"""An official's month on ../shared/corpus: the figures on screen are the body's, counted right, and carried-over
money is never revenue (issue 30)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from planwatch.ingest import ingest_file
from planwatch.monitor.key_figures import key_figures
from planwatch.monitor.series import series
from planwatch.store import models
from planwatch.store.db import open_engine, session_factory
from planwatch.vocab.catalogue import default_catalogue

from .conftest import copy_of


@pytest.fixture
def corpus(corpus_template: Path, tmp_path: Path) -> session_factory:  # type: ignore[valid-type]
    return session_factory(copy_of(corpus_template, tmp_path))


def test_a_footnote_figure_is_never_the_key_figure(corpus) -> None:  # type: ignore[no-untyped-def]
    with corpus() as session:
        found = {
            k.indicator.code: k.point
            for k in key_figures(
                session, 2024, ["PUBLIC_INVESTMENT_DISBURSEMENT", "NEW_ENTERPRISES"], default_catalogue()
            )
        }
        assert found["PUBLIC_INVESTMENT_DISBURSEMENT"].value == 2627.7  # the body, not footnote 10's 327,3
        assert not found["PUBLIC_INVESTMENT_DISBURSEMENT"].footnote
        assert (found["NEW_ENTERPRISES"].value, found["NEW_ENTERPRISES"].period_end) == (992, "2024-06")
        plotted = series(session, "PUBLIC_INVESTMENT_DISBURSEMENT", year=2024)
        assert 327.3 not in {p.value for p in plotted}


def test_carried_over_money_is_not_revenue(corpus) -> None:  # type: ignore[no-untyped-def]
    catalogue = default_catalogue()
    assert catalogue.code_for("Nguồn tăng thu ngân sách huyện năm trước chuyển nguồn sang năm nay") is None
    assert catalogue.code_for("vốn năm trước kéo dài thời gian thực hiện và giải ngân sang năm nay") is None
    assert catalogue.code_for("Tổng thu ngân sách nhà nước") == "BUDGET_REVENUE"
    assert catalogue.code_for("vốn các chương trình kéo dài sang giải ngân") == "PUBLIC_INVESTMENT_DISBURSEMENT"
    with corpus() as session:
        assert [p.value for p in series(session, "BUDGET_REVENUE", year=2022)] == [15295.0]


def test_a_count_is_named_by_the_rest_of_its_clause(tmp_path: Path) -> None:
    text = tmp_path / "bao-cao-6-thang-2025.txt"
    text.write_text(
        "BÁO CÁO\nTình hình kinh tế - xã hội 6 tháng đầu năm 2025\n\n"
        "Sáu tháng đầu năm, toàn tỉnh có 640 DN và 40 chi nhánh, văn phòng được thành lập mới; có 75 DN giải thể, "
        "120 DN quay trở lại hoạt động.\n",
        encoding="utf-8",
    )
    sessions = session_factory(open_engine(f"sqlite:///{tmp_path / 'one.db'}"))
    ingest_file(sessions, text)
    with sessions() as session:
        codes = dict(session.execute(select(models.Fact.value, models.Fact.indicator_code)).all())  # type: ignore[arg-type]
    assert codes[640] == "NEW_ENTERPRISES"
    assert codes[75] is None and codes[120] is None
