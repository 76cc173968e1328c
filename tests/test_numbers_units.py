from hypothesis import given
from hypothesis import strategies as st

from planwatch.vocab.numbers import format_number, parse_number
from planwatch.vocab.units import base_value, match_unit


def test_vietnamese_notation() -> None:
    assert parse_number("96.058") == 96058
    assert parse_number("14,14") == 14.14
    assert parse_number("1.007,5") == 1007.5
    assert parse_number("05") == 5


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=99))
def test_format_then_parse_is_identity(whole: int, cents: int) -> None:
    value = whole + cents / 100
    assert abs(parse_number(format_number(value, 2)) - value) < 1e-6


@given(st.text(alphabet="0123456789.,", min_size=1, max_size=12))
def test_parser_never_misreads(text: str) -> None:
    try:
        value = parse_number(text)
    except ValueError:
        return
    assert value >= 0


def test_units_in_their_spellings() -> None:
    unit, end = match_unit(" tỷ đồng, tăng", 0)  # type: ignore[misc]
    assert unit.name == "tỷ đồng" and end == len(" tỷ đồng")
    assert match_unit("800ha") is None  # the number comes first; units are read after it
    assert match_unit("ha rừng")[0].name == "ha"  # type: ignore[index]
    assert match_unit("hành chính") is None
    assert match_unit("triệu USD vốn")[0].name == "triệu USD"  # type: ignore[index]
    assert base_value(266878, "tỷ đồng") == 266878e9
