"""Why a figure read by OCR is doubted (its writing, the arithmetic of its paragraph) and the parts' numerals a scan
misreads, without reading any image."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planwatch.read.ocr_pages import renumber_parts
from planwatch.review.doubts import Doubt, Figure, arithmetic_doubts, well_written
from planwatch.vocab.numbers import format_number


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_every_number_printed_the_vietnamese_way_is_well_written(value: object) -> None:
    assert well_written(format_number(float(value)) + "%;")  # type: ignore[arg-type]


@pytest.mark.parametrize("word", ["1.23,4", "1;81%", "l5", "2O", "12.5", "96.O58"])
def test_numbers_the_vietnamese_way_cannot_write_are_doubted(word: str) -> None:
    assert not well_written(word)


def _figure(index: int, measure: str, value: float, start: int, indicator: str = "Kim ngạch xuất khẩu") -> Figure:
    return Figure(index, 0, indicator, None, measure, value, value, "triệu USD", ("2025-01", "2025-06"), False, False,
                  start)  # fmt: skip


def test_a_change_or_a_plan_share_that_its_figures_do_not_give_is_doubted() -> None:
    # "đạt 1.200 triệu USD, tăng 50% so với cùng kỳ (1.000 triệu USD)": 1.200 / 1.000 is +20%, not +50%
    wrong = [_figure(0, "value", 1200, 0), _figure(1, "yoy_change_pct", 50, 30), _figure(2, "value", 1000, 60)]
    assert arithmetic_doubts(wrong) == {0: {Doubt.CHANGE}, 1: {Doubt.CHANGE}, 2: {Doubt.CHANGE}}
    right = [_figure(0, "value", 1200, 0), _figure(1, "yoy_change_pct", 20, 30), _figure(2, "value", 1000, 60)]
    assert arithmetic_doubts(right) == {}
    # "đạt 540 triệu USD, bằng 45% kế hoạch (1.200 triệu USD)"
    plan = [_figure(0, "value", 540, 0), _figure(1, "plan_pct", 54, 30), _figure(2, "value", 1200, 60)]
    assert arithmetic_doubts(plan)[1] == {Doubt.PLAN}


def test_a_parts_numeral_misread_on_a_scan_follows_the_part_before() -> None:
    pages = [["I. MỤC TIÊU", "II. NHIỆM VỤ"], ["II. TỔ CHỨC THỰC HIỆN"], ["A. KẾT QUẢ", "IL. Về kinh tế"]]
    renumber_parts(pages, {2, 3})
    assert pages == [["I. MỤC TIÊU", "II. NHIỆM VỤ"], ["III. TỔ CHỨC THỰC HIỆN"], ["A. KẾT QUẢ", "I. Về kinh tế"]]
    text_only = [["I. MỤC TIÊU"], ["I. MỤC TIÊU"]]
    renumber_parts(text_only, set())
    assert text_only == [["I. MỤC TIÊU"], ["I. MỤC TIÊU"]]
