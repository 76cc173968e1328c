"""Each task keeps the words of its item: read at ingest, and cut out of their documents for the tasks of a store
made before (migration 0019)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, inspect, select

from planwatch.ingest import ingest_file
from planwatch.store import models
from planwatch.store.db import ALEMBIC_INI, migrate, open_engine, session_factory

PLAN = """KẾ HOẠCH
Thực hiện nhiệm vụ năm 2025
1. Giao Sở Tài chính chủ trì, phối hợp với các sở, ngành tham mưu phương án phân bổ vốn, hoàn thành trước ngày
30/6/2025.
2. Giao Sở Y tế tổ chức tiêm chủng mở rộng, hoàn thành trong quý III năm 2025.
"""


def _plan_store(folder: Path) -> Engine:
    (folder / "ke-hoach-2025.txt").write_text(PLAN, encoding="utf-8")
    engine = open_engine(f"sqlite:///{folder / 'store.db'}")
    ingest_file(session_factory(engine), folder / "ke-hoach-2025.txt")
    return engine


def _items(engine: Engine) -> dict[str, str]:
    with session_factory(engine)() as session:
        return {task.ref: " ".join(task.item.split()) for task in session.scalars(select(models.Task))}


def test_a_task_keeps_the_words_of_its_item(tmp_path: Path) -> None:
    items = _items(_plan_store(tmp_path))
    assert items["1"].startswith("Giao Sở Tài chính") and "30/6/2025" in items["1"] and "Sở Y tế" not in items["1"]
    assert items["2"].startswith("Giao Sở Y tế")


def test_the_tasks_of_an_older_store_get_their_items_when_it_is_migrated(tmp_path: Path) -> None:
    engine = _plan_store(tmp_path)
    read = _items(engine)
    config = Config(str(ALEMBIC_INI))
    with engine.begin() as connection:  # the store as it was before its tasks kept their items
        config.attributes["connection"] = connection
        command.downgrade(config, "0018")
    assert "item" not in {column["name"] for column in inspect(engine).get_columns("tasks")}
    migrate(engine)
    assert _items(engine) == read
