"""Nothing breaks, nothing is lost: damaged and crafted files among good ones, legacy encodings, a replaced
document restored, one key per file name, two runs at once, bad arguments, hostile requests. Every hostile file
is made by the test (tests/hostile.py)."""

from __future__ import annotations

import io
import subprocess
import sys
import unicodedata
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from docx import Document
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from planwatch.ingest import document_key, ingest_file
from planwatch.read.files import read_bytes
from planwatch.serve.app import create_app
from planwatch.store import models
from planwatch.store.db import open_engine, session_factory
from tests.conftest import PG_ADMIN_URL, SAMPLES
from tests.hostile import (
    SENTENCE,
    damaged_docx,
    good_docx,
    in_tcvn3,
    in_vni,
    in_windows_1258,
    long_text,
    lying_zip_bomb,
    pdf_like_text_with_long_notes,
    roman_numbering_docx,
)

TEXT = (SENTENCE + " Giá trị sản xuất công nghiệp đạt 60.769 tỷ đồng, hoàn thành kế hoạch.\n") * 30


def planwatch(*args: str) -> subprocess.CompletedProcess[str]:
    """The real command, in a process of its own, as a user runs it."""
    code = "from planwatch.cli.main import run; run()"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_a_folder_of_good_and_hostile_files(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    hostile = {
        "b_hong.docx": damaged_docx(),
        "c_bom.docx": lying_zip_bomb(),
        "d_dai.txt": long_text(4),
        "e_vni.txt": in_vni(TEXT),
        "f_nhi_phan.txt": b"\x00\x01\x02" * 100,
    }
    good = {
        "a_tot.txt": TEXT.encode(),
        "g_la_ma.docx": roman_numbering_docx(),
        "h_tcvn3.txt": in_tcvn3(TEXT),
        "i_windows_1258.txt": in_windows_1258(TEXT),
        "j_utf16.txt": TEXT.encode("utf-16-le"),
        "k_chu_thich.txt": pdf_like_text_with_long_notes(8000),
        "l_tot.docx": good_docx(),
    }
    for name, data in {**hostile, **good}.items():
        (folder / name).write_bytes(data)
    db = f"sqlite:///{tmp_path / 'h.db'}"
    result = planwatch("--db", db, "ingest", str(folder))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    refused = [line for line in result.stdout.splitlines() if line.startswith("TỪ CHỐI")]
    assert sorted(line.split()[2].rsplit("/", 1)[1] for line in refused) == sorted(hostile)
    assert "VNI" in next(line for line in refused if "e_vni" in line)
    listed = planwatch("--db", db, "export", "facts").stdout
    for name in good:
        assert f'"doc": "{Path(name).stem}"' in listed, name
    assert "1.007,5" in planwatch("--db", db, "facts", "--doc", "h_tcvn3", "--limit", "1").stdout


def test_a_docx_in_a_tcvn3_font_is_read_in_unicode() -> None:
    document = Document()
    for _ in range(5):
        document.add_paragraph(in_tcvn3(SENTENCE).decode("latin-1"))  # what a ".VnTime" run holds
    out = io.BytesIO()
    document.save(out)
    assert read_bytes("cu.docx", out.getvalue()).blocks[0].text.startswith("Tổng thu ngân sách nhà nước")


def test_the_genuine_file_becomes_current_again_after_a_fake(engine: Engine, tmp_path: Path) -> None:
    sessions = session_factory(engine)
    genuine = (SAMPLES / "ke-hoach-2025.txt").read_bytes()
    path = tmp_path / "ke-hoach-2025.txt"
    path.write_bytes(genuine)
    assert ingest_file(sessions, path).status == "added"
    path.write_text("Văn bản giả.\nKhông có gì.\nHết.\n", encoding="utf-8")
    assert ingest_file(sessions, path).status == "new_version"
    path.write_bytes(genuine)
    restored = ingest_file(sessions, path)
    assert restored.status == "restored" and "phiên bản 1" in restored.message
    with Session(engine) as session:
        current = session.scalars(select(models.Document).where(models.Document.is_current.is_(True))).all()
        assert [(d.doc_key, d.version) for d in current] == [("ke-hoach-2025", 1)]
        assert session.scalar(select(func.count()).select_from(models.Task).join(models.Document)
                              .where(models.Document.is_current.is_(True))) > 0  # fmt: skip
    copy = tmp_path / "ban-sao.txt"
    copy.write_bytes(genuine)
    again = ingest_file(sessions, copy)
    assert again.status == "unchanged" and again.doc_key == "ke-hoach-2025"


def test_one_key_per_file_name_wherever_it_comes_from() -> None:
    name = "Báo cáo tháng 5 năm 2024.docx"
    assert document_key(name) == document_key(unicodedata.normalize("NFD", name)) == "Báo_cáo_tháng_5_năm_2024"
    assert document_key("a#b?c.txt") == "a_b_c"
    assert len(document_key("x" * 300 + ".txt")) == 120
    assert document_key("!!!.txt", "abcdef0123456789") == "van-ban-abcdef012345"


@pytest.mark.slow
@pytest.mark.postgres
def test_two_runs_at_once_store_each_document_once(tmp_path: Path, postgres_url: str) -> None:
    for url in (f"sqlite:///{tmp_path / 'race.db'}", postgres_url):
        code = "from planwatch.cli.main import run; run()"
        runs = [
            subprocess.Popen(
                [sys.executable, "-c", code, "--db", url, "ingest", str(SAMPLES)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )  # fmt: skip
            for _ in range(2)
        ]
        outputs = [run.communicate(timeout=300) for run in runs]
        assert [run.returncode for run in runs] == [0, 0], outputs
        assert all("Traceback" not in out + err for out, err in outputs)
        engine = open_engine(url)
        with Session(engine) as session:
            stored = session.execute(select(models.Document.doc_key, func.count()).group_by(models.Document.doc_key))
            assert sorted(stored) == [(p.stem, 1) for p in sorted(SAMPLES.iterdir())]
        engine.dispose()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A new, empty PostgreSQL database (no schema yet: the two runs race to create it)."""
    name = f"planwatch_race_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield f"{PG_ADMIN_URL.rsplit('/', 1)[0]}/{name}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


@pytest.mark.slow  # a process each
@pytest.mark.parametrize(
    "args",
    [
        ["--db", "foo", "documents"],
        ["--db", "mysql://u@h/d", "documents"],
        ["--db", "sqlite:////nonexistent/folder/x.db", "documents"],
        ["--db", "sqlite:////etc/hostname", "documents"],
        ["--db", "postgresql://root@127.0.0.1:1/test", "documents"],
        ["--db", "postgresql://nobody_here@127.0.0.1:5432/test", "documents"],
        ["status", "--year", "99999999999999999999"],
        ["task-update", "x", "1", "--reported", "", "--author", "a"],
        ["series", "NOPE"],
        ["facts", "--limit", "-1"],
        ["serve", "--port", "99999"],
    ],
)
def test_bad_arguments_get_one_line_and_no_traceback(args: list[str], tmp_path: Path) -> None:
    if args[0] != "--db":
        args = ["--db", f"sqlite:///{tmp_path / 'a.db'}", *args]
    result = planwatch(*args)
    assert result.returncode in (1, 2)
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stderr.strip()


@pytest.fixture
def client(engine: Engine) -> Iterator[TestClient]:
    sessions = session_factory(engine)
    ingest_file(sessions, SAMPLES / "bao-cao-thang-4-2025.txt")
    app = create_app(engine)
    app.state.max_upload = 1024 * 1024
    with TestClient(app, raise_server_exceptions=False) as test_client:  # its worker stops with it
        yield test_client


def test_hostile_requests_are_4xx(client: TestClient) -> None:
    for path in ("/api/facts", "/api/facts/export", "/api/targets", "/api/task-groups", "/van-ban", "/api/tasks"):
        for name in ("doc", "measure", "period", "agency"):
            assert client.get(path, params={name: "x\x00y"}).status_code == 400, (path, name)
    assert client.get("/api/series/x%00y").status_code == 400
    assert client.get("/", params={"year": "99999999999999999999"}).status_code == 422
    update = {"reported_on": "01/05/2025", "author": "a\x00b"}
    assert client.post("/api/tasks/bao-cao-thang-4-2025/1/updates", json=update).status_code in (400, 422)


def test_uploads_are_limited_while_they_stream_and_named_safely(client: TestClient) -> None:
    big = client.post("/api/documents", files={"file": ("lon.txt", b"a" * (3 * 1024 * 1024), "text/plain")})
    assert big.status_code == 413 and "MB" in big.json()["error"]
    long_name = "Báo cáo " * 40 + ".txt"
    stored = client.post(
        "/api/documents", params={"wait": 30}, files={"file": (long_name, TEXT.encode(), "text/plain")}
    )
    assert stored.status_code == 200 and len(stored.json()["doc"]) <= 120
    odd = client.post(
        "/api/documents", params={"wait": 30}, files={"file": ("!!!.txt", (TEXT + "Khác.").encode(), "text/plain")}
    )
    assert odd.status_code == 200 and odd.json()["doc"].startswith("van-ban-")


def test_api_docs_work_offline(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200 and "/static/swagger/swagger-ui-bundle.js" in page.text
    assert "cdn" not in page.text.lower()
    assert client.get("/static/swagger/swagger-ui-bundle.js").status_code == 200
