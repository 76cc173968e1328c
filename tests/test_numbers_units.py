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


def test_english_notation() -> None:
    """A page or report in English groups thousands with "," and marks decimals with "."."""
    assert format_number(96058.5, lang="en") == "96,058.5" and format_number(96058.5) == "96.058,5"
    assert format_number(14.14, lang="en") == "14.14" and format_number(-1234567, lang="en") == "-1,234,567"


@given(st.integers(min_value=-(10**12), max_value=10**12), st.integers(min_value=0, max_value=99))
def test_the_english_and_vietnamese_forms_are_the_same_number(whole: int, cents: int) -> None:
    value = whole + cents / 100 if whole >= 0 else whole - cents / 100
    vietnamese, english = format_number(abs(value), 2), format_number(abs(value), 2, lang="en")
    assert parse_number(vietnamese) == float(english.replace(",", ""))
    assert english == vietnamese.translate(str.maketrans(".,", ",."))
    assert format_number(value, lang="en").lstrip("-").replace(",", "") == f"{abs(value):.4f}".rstrip("0").rstrip(".")


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
