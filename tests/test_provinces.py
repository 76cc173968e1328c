"""The lineage of provinces across Resolution 202/2025/QH15: 63 units into 34 from 1 July 2025; a document's
province at its date and today; `planwatch provinces`."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planwatch.cli.main import app
from planwatch.vocab.provinces import lineage, name_key

from .conftest import ROOT

MERGER_SAMPLES = ROOT / "samples-merger"
runner = CliRunner()


def test_the_resolution_forms_34_units_of_63_each_old_unit_in_exactly_one() -> None:
    known = lineage()
    assert known.effective == date(2025, 7, 1)
    assert len(known.units) == 34
    olds = Counter(name_key(p) for u in known.units for p in u.predecessors)
    assert len(olds) == 63 and set(olds.values()) == {1}
    assert sum(u.merged for u in known.units) == 23
    assert all(any(name_key(p) == name_key(u.name) for p in u.predecessors) for u in known.units)


def test_a_name_in_any_spelling_belongs_to_todays_unit() -> None:
    known = lineage()
    for asked, today in (("Bắc Giang", "Bắc Ninh"), ("tỉnh bac ninh", "Bắc Ninh"), ("Bắc Ninh (cũ)", "Bắc Ninh"),
                         ("Thừa Thiên Huế", "Huế"), ("Bà Rịa - Vũng Tàu", "Hồ Chí Minh"), ("Thanh Hoá", "Thanh Hóa")):  # fmt: skip
        unit = known.today(asked)
        assert unit is not None and unit.name == today, asked
    assert known.today("Sông Mây") is None


def test_a_document_speaks_for_the_unit_of_its_date() -> None:
    known = lineage()
    assert known.unit_at("Bắc Ninh", date(2025, 6, 30)) == "Bắc Ninh (cũ)"
    assert known.unit_at("Bắc Ninh", date(2025, 7, 1)) == "Bắc Ninh"
    assert known.unit_at("Bắc Giang", date(2024, 6, 14)) == "Bắc Giang"  # a name no new unit took
    assert known.unit_at("Thanh Hóa", date(2023, 1, 5)) == "Thanh Hóa"  # not rearranged: as before
    assert known.unit_at("Sông Mây", date(2023, 1, 5)) == "Sông Mây"
    assert known.unit_at("Bắc Ninh", None) == "Bắc Ninh"


def test_todays_unit_reads_its_predecessors_an_old_name_reads_itself() -> None:
    known = lineage()
    stored = ["Bắc Giang", "Bắc Ninh (cũ)", "Bắc Ninh", "Thanh Hóa", "An Hà"]
    assert set(known.covered("bac ninh", stored)) == {"Bắc Giang", "Bắc Ninh (cũ)", "Bắc Ninh"}
    assert known.covered("Bắc Giang", stored) == ("Bắc Giang",)
    assert known.covered("Thanh Hoá", stored) == ("Thanh Hóa",)
    assert known.covered("An Hà", stored) == ("An Hà",)


@pytest.mark.usefixtures("wide_console")
def test_provinces_lists_todays_units_with_predecessors_and_the_store_documents(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'p.db'}"
    ingested = runner.invoke(app, ["--db", db, "ingest", str(MERGER_SAMPLES / "bac-ninh-cu-bao-cao-6-thang-2024.txt")])
    assert ingested.exit_code == 0, ingested.output
    documents = runner.invoke(app, ["--db", db, "documents"])
    assert "Bắc Ninh (cũ)" in documents.stdout  # dated 14/6/2024: the old province
    listed = runner.invoke(app, ["--db", db, "provinces"])
    assert listed.exit_code == 0
    lines = listed.stdout.splitlines()
    first = next(line for line in lines if "Bắc Ninh" in line and "Bắc Giang" in line)
    assert "Bắc Giang, Bắc Ninh (cũ)" in first and "01/07/2025" in first and first.rstrip(" │").endswith("1")
    assert "202/2025/QH15" in listed.stdout
    thanh_hoa = next(line for line in lines if "Thanh Hóa" in line)
    assert "không sắp xếp" in thanh_hoa and "01/07/2025" not in thanh_hoa
    assert sum(1 for line in lines if line.startswith("│") and line.split("│")[1].strip()) == 34
