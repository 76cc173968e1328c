"""Every target a 2026 plan item sets appears on its province's dashboard for 2026, with its range or comparator
as the document writes it, through the page a person opens."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from planwatch.ingest import ingest_file
from planwatch.serve.app import create_app
from planwatch.store import models
from planwatch.store.db import session_factory

ITEM = """Tỉnh Sông Lam chốt tăng trưởng từ 9% trở lên cho năm 2026

Thứ Sáu, 12/12/2025 - 18:00

Chiều 11/12, Kỳ họp thứ 31 HĐND tỉnh Sông Lam bế mạc, thông qua Nghị quyết về kế hoạch phát triển kinh tế - xã hội năm 2026 với mục tiêu tăng trưởng GRDP từ 9% trở lên.

Năm 2025, GRDP của tỉnh ước tăng 8,1%; thu ngân sách nhà nước ước đạt 12.400 tỷ đồng.

Về kinh tế, HĐND tỉnh thống nhất GRDP bình quân đầu người đạt 4.700 - 4.800 USD; tổng thu ngân sách nhà nước trên địa bàn không thấp hơn 13.100 tỷ đồng; tổng vốn đầu tư toàn xã hội từ 26% đến 27% GRDP; có thêm 12 xã đạt chuẩn nông thôn mới.
"""


@pytest.fixture
def client(engine: Engine, tmp_path: Path) -> Iterator[TestClient]:
    path = tmp_path / "song-lam-2026.txt"
    path.write_text(ITEM, encoding="utf-8")
    assert ingest_file(session_factory(engine), path, province="Sông Lam").status != "rejected"
    with TestClient(create_app(engine)) as test_client:
        yield test_client


def test_every_2026_target_is_on_the_dashboard_as_written(client: TestClient, engine: Engine) -> None:
    with session_factory(engine)() as db:
        targets = db.scalars(select(models.Target).where(models.Target.year == 2026)).all()
        written = {t.written for t in targets}
    assert {"từ 9% trở lên", "4.700 - 4.800 USD", "không thấp hơn 13.100 tỷ đồng", "từ 26% đến 27%"} <= written
    page = client.get("/", params={"year": 2026, "province": "Sông Lam"}).text
    for wording in written:
        assert f"«{wording}»" in page, f"«{wording}» is not on the dashboard"
    assert "12.400" not in page.split("<h2>")[-1]  # the year before's estimate is no target
