"""Folding for search and matching: with or without diacritics, same length, abbreviations both ways."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from planwatch.query.search import query_terms
from planwatch.text.fold import fold, fold_keep_length, matches


@given(st.text())
def test_folding_keeps_every_offset(text: str) -> None:
    folded = fold_keep_length(text)
    assert len(folded) == len(text)
    assert fold_keep_length(folded) == folded


def test_vietnamese_letters_fold_to_ascii() -> None:
    assert fold_keep_length("Tổng thu NSNN ĐẠT; Ủy ban / Uỷ ban") == "tong thu nsnn dat; uy ban / uy ban"
    assert fold("Thu NSNN") == "thu ngan sach nha nuoc"
    assert matches("thu ngan sach", "Tổng thu ngân sách nhà nước")


def test_query_terms_try_abbreviation_and_expansion() -> None:
    assert ["nsnn"] in query_terms("NSNN") and ["ngan", "sach", "nha", "nuoc"] in query_terms("NSNN")
    assert ["thu", "nsnn"] in query_terms("thu ngân sách nhà nước")
    assert query_terms("Thu ngân sách đạt bao nhiêu?")[0] == ["thu", "ngan", "sach"]
