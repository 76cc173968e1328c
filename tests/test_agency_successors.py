"""Agencies across reorganisations: a task keeps the agency its document printed and shows the one doing its
work on the day asked (Decree 45/2025/NĐ-CP from 1/3/2025; district committees → communes from 1/7/2025);
scorecards count it for today's agency with the old name beside it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from typer.testing import CliRunner

from planwatch.cli.main import app
from planwatch.monitor.successors import agency_on, codes_becoming
from planwatch.monitor.tasks import store_scorecard, task_views
from planwatch.serve.app import create_app
from planwatch.store.db import session_factory

from .conftest import stored_copy
from .merger import merger_template, with_merger

__all__ = ["merger_template"]
OLD_PLAN = "bac-ninh-cu-bao-cao-6-thang-2024"


@pytest.mark.parametrize(
    ("name", "code", "day", "today"),
    [
        ("Sở Kế hoạch và Đầu tư", "SKHDT", date(2025, 3, 1), "Sở Tài chính"),
        ("Sở Kế hoạch và Đầu tư", "SKHDT", date(2025, 2, 28), "Sở Kế hoạch và Đầu tư"),
        ("Sở Tài nguyên và Môi trường", "STNMT", date(2026, 1, 1), "Sở Nông nghiệp và Môi trường"),
        ("Sở Nông nghiệp và PTNT", "SNNPTNT", date(2026, 1, 1), "Sở Nông nghiệp và Môi trường"),
        ("Sở LĐTBXH", "SLDTBXH", date(2025, 6, 1), "Sở Nội vụ"),
        ("Sở TT&TT", "STTTT", date(2025, 6, 1), "Sở Khoa học và Công nghệ"),
        ("Ban Dân tộc", "BDT", date(2025, 6, 1), "Sở Dân tộc và Tôn giáo"),
        ("Cục Thống kê", "CTK", date(2025, 6, 1), "Thống kê tỉnh"),
        ("UBND các huyện, thành phố", "UBND_HUYEN", date(2025, 6, 30), "UBND các huyện, thành phố"),
        ("UBND các huyện, thành phố", "UBND_HUYEN", date(2025, 7, 1), "UBND các xã, phường"),
        ("UBND huyện Lục Nam", "UBND_LUC_NAM", date(2025, 7, 1), "UBND các xã, phường"),
        ("UBND tỉnh", "UBND_TINH", date(2026, 1, 1), "UBND tỉnh"),
        ("Sở Y tế", "SYT", date(2026, 1, 1), "Sở Y tế"),
        ("Tổ công tác", None, date(2026, 1, 1), "Tổ công tác"),
    ],
)
def test_the_agency_doing_the_work_on_a_day(name: str, code: str | None, day: date, today: str) -> None:
    now = agency_on(name, code, day)
    assert now.today_name == today and now.name == name and now.changed == (today != name)


def test_an_agency_page_reads_the_tasks_of_the_agencies_it_succeeds() -> None:
    assert codes_becoming("SNNMT", date(2025, 3, 1)) == {"SNNMT", "STNMT", "SNNPTNT"}
    assert codes_becoming("STC", date(2025, 2, 28)) == {"STC"}


@pytest.fixture
def store(engine: Engine, merger_template: Path) -> Engine:
    return with_merger(engine, merger_template)


def test_tasks_show_both_agencies_and_the_scorecard_counts_for_todays(store: Engine) -> None:
    sessions = session_factory(store)
    with sessions() as session:
        views = {v.task.ref: v for v in task_views(session, date(2025, 12, 1)) if v.doc_key == OLD_PLAN}
        lines = {line.agency: line for line in store_scorecard(session, date(2025, 12, 1))}
        before = {line.agency: line for line in store_scorecard(session, date(2024, 12, 1))}
    planning = views["1"].now[0]
    assert (planning.name, planning.today_name, planning.today_code) == ("Sở Kế hoạch và Đầu tư", "Sở Tài chính", "STC")
    assert views["3"].now[0].today_name == "UBND các xã, phường"
    assert "Sở Kế hoạch và Đầu tư" in lines["STC"].formerly and "SKHDT" not in lines
    assert "UBND các huyện, thành phố" in lines["UBND_XA"].formerly and lines["UBND_XA"].name == "UBND các xã, phường"
    assert before["SKHDT"].assigned == 2 and not before["SKHDT"].formerly  # on 1/12/2024 nothing had changed


@pytest.mark.usefixtures("wide_console")
def test_the_command_line_names_the_old_agency_and_todays(merger_template: Path, tmp_path: Path) -> None:
    db = f"sqlite:///{stored_copy(merger_template, tmp_path)}"
    runner = CliRunner()
    listed = runner.invoke(app, ["--db", db, "tasks", "--as-of", "01/12/2025"])
    assert "Sở Kế hoạch và Đầu tư → Sở Tài chính" in listed.stdout
    earlier = runner.invoke(app, ["--db", db, "tasks", "--as-of", "01/12/2024"])
    assert "Sở Kế hoạch và Đầu tư" in earlier.stdout and "→ Sở Tài chính" not in earlier.stdout
    merged = runner.invoke(app, ["--db", db, "tasks", "--province", "Bắc Ninh", "--as-of", "01/12/2025"])
    old_task = next(line for line in merged.stdout.splitlines() if f"{OLD_PLAN} (Bắc Ninh (cũ))" in line)
    assert "Sở Kế hoạch và Đầu tư → Sở Tài chính" in old_task  # a 2024 task of the old province, marked so
    card = runner.invoke(app, ["--db", db, "tasks", "--scorecard", "--as-of", "01/12/2025"])
    assert "Sở Tài chính (gồm nhiệm vụ giao Sở Kế hoạch và Đầu tư)" in card.stdout


@pytest.fixture
def client(store: Engine) -> Iterator[TestClient]:
    with TestClient(create_app(store)) as test_client:
        yield test_client


def test_the_pages_show_the_old_agency_and_todays(client: TestClient) -> None:
    page = client.get("/nhiem-vu", params={"as_of": "01/12/2025", "province": "Bắc Ninh (cũ)"}).text
    assert "Sở Kế hoạch và Đầu tư" in page and "nay: Sở Tài chính" in page
    assert "gồm nhiệm vụ giao Sở Kế hoạch và Đầu tư" in page  # the scorecard line of Sở Tài chính
    task = client.get(f"/nhiem-vu/{OLD_PLAN}/1", params={"as_of": "01/12/2025"}).text
    assert "nay: Sở Tài chính" in task and "45/2025/NĐ-CP" in task
    finance = client.get("/co-quan/STC", params={"as_of": "01/12/2025", "province": "Bắc Ninh (cũ)"}).text
    assert OLD_PLAN in finance  # the agency page of Sở Tài chính holds the task given to Sở Kế hoạch và Đầu tư
    merged = client.get("/nhiem-vu", params={"as_of": "01/12/2025", "province": "Bắc Ninh"}).text
    assert '<small class="old-province">(Bắc Ninh (cũ))</small>' in merged  # the predecessors' tasks, marked
    english = client.get("/nhiem-vu", params={"as_of": "01/12/2025", "lang": "en", "province": "Bắc Ninh (cũ)"}).text
    assert "now: Sở Tài chính" in english
