"""Scale: N varied documents (the real corpus, the samples and the genre documents with their figures, years and
provinces perturbed) ingested into SQLite and PostgreSQL, then every page and API call timed cold (the first
request after the server starts on the new store) and warm, and 20 clients at once.

    .venv/bin/python bench/scale.py --docs 1000 [--postgres] [--jobs 2] [--clients 20] [--seconds 60]
    .venv/bin/python bench/scale.py --docs 10000 --users --store /tmp/s10k.db   # kept: measured again as it is
    .venv/bin/python bench/scale.py --users --store /tmp/s10k.db --only users --seconds 60   # only the writers' load
    .venv/bin/python bench/scale.py --postgres --skip-sqlite --docs 10000 --keep      # then, ten times as large:
    .venv/bin/python bench/scale.py --postgres --skip-sqlite --database NAME --replicate 10

Prints ingest docs/s, peak RSS of the ingest and of the server, store size per document, p50/p95 per URL, and
requests/s, p95 and errors under load. On PostgreSQL it also writes the EXPLAIN plans of the main queries to
bench/out/explain-N.txt.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from contextlib import suppress
from datetime import datetime
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import httpx
import psycopg
from pg import database
from sqlalchemy import event, func, insert, select

from planwatch.access.accounts import add_user
from planwatch.access.roles import Role
from planwatch.ingest import ingest_files, refresh_on_cores
from planwatch.serve.app import create_app
from planwatch.store import models
from planwatch.store.db import open_engine, session_factory
from planwatch.store.scope import EVERY
from planwatch.vocab.catalogue import default_catalogue

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
OUT = ROOT / "bench" / "out"
PROVINCES = [f"{a} {b}" for a in ("Đông", "Tây", "Nam", "Bắc", "Thượng", "Hạ") for b in ("Sơn", "Giang", "Hà", "Lâm",
                                                                                       "Bình", "Thành")]  # fmt: skip
URLS = [
    "/",
    "/chi-tieu",
    "/chi-tieu/BUDGET_REVENUE",
    "/van-ban",
    "/nhiem-vu",
    "/co-quan",
    "/kiem-tra",
    "/tim-kiem?q=thu+ngan+sach",
    "/api/documents",
    "/api/facts?indicator=thu+n%E1%BB%99i+%C4%91%E1%BB%8Ba&period=2024-06",
    "/api/status?year=2024",
    "/api/tasks",
    "/api/checks",
    "/api/search?q=xuat+khau",
    "/api/ask?q=Thu+ng%C3%A2n+s%C3%A1ch+6+th%C3%A1ng+%C4%91%E1%BA%A7u+n%C4%83m+2024+%C4%91%E1%BA%A1t+bao+nhi%C3%AAu",
]
WORDS = ["thu", "ngân sách", "xuất khẩu", "đầu tư", "công nghiệp", "du lịch", "giảm nghèo", "việc làm", "nông thôn mới",
         "giải ngân", "bán lẻ", "doanh nghiệp", "chuyển đổi số", "tăng trưởng", "lao động", "y tế"]  # fmt: skip


def varied_url(rng: random.Random) -> str:
    """A URL of the same pages with other questions: another indicator, province, year, page or search, so that
    hardly any answer has been kept."""
    code = rng.choice(sorted(default_catalogue().indicators))
    words = " ".join(rng.sample(WORDS, 2))
    year, province, offset = rng.randint(2017, 2026), rng.choice(PROVINCES), 100 * rng.randint(0, 50)
    choices = [
        f"/chi-tieu/{code}?year={year}",
        f"/tim-kiem?{urlencode({'q': words})}",
        f"/api/search?{urlencode({'q': words})}",
        f"/api/facts?{urlencode({'indicator': rng.choice(WORDS), 'period': f'{year}-{rng.randint(1, 12):02d}'})}",
        f"/api/status?{urlencode({'year': year, 'province': province})}",
        f"/api/documents?offset={offset}",
        f"/api/tasks?offset={offset}",
        f"/van-ban?offset={offset}",
        f"/api/checks?{urlencode({'province': province, 'offset': offset})}",
        f"/api/ask?{urlencode({'q': f'{rng.choice(WORDS)} năm {year} đạt bao nhiêu'})}",
    ]
    return rng.choice(choices)


NUMBER = re.compile(r"(?<![\d/])\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![\d/])|(?<![\d/.,])\d+,\d+(?![\d/])")
YEAR = re.compile(r"\b20(1[5-9]|2[0-6])\b")


def templates() -> list[str]:
    files = [*sorted((SHARED / "corpus").glob("*.txt")), *sorted((ROOT / "samples").glob("*.txt")),
             *sorted((SHARED / "eval" / "genre").glob("*.txt"))]  # fmt: skip
    return [f.read_text(encoding="utf-8") for f in files]


def varied(text: str, rng: random.Random) -> str:
    """Figures scaled, every year shifted by one offset, the real and sample provinces renamed."""
    factor, shift = rng.uniform(0.6, 1.4), rng.randint(-6, 1)

    def figure(match: re.Match[str]) -> str:
        whole, _, decimals = match.group(0).replace(".", "").partition(",")
        value = float(f"{whole}.{decimals or 0}") * factor
        shown = f"{value:,.{len(decimals)}f}".replace(",", " ").replace(".", ",").replace(" ", ".")
        return shown

    text = NUMBER.sub(figure, text)
    text = YEAR.sub(lambda m: str(min(2026, int(m.group(0)) + shift)), text)
    province = rng.choice(PROVINCES)
    return text.replace("Bắc Giang", province).replace("BẮC GIANG", province.upper()).replace("An Hà", province)


def write_documents(folder: Path, count: int, seed: int = 11) -> list[Path]:
    rng = random.Random(seed)
    sources = templates()
    paths = []
    for i in range(count):
        path = folder / f"vb-{i:06d}.txt"
        path.write_text(varied(sources[i % len(sources)], rng), encoding="utf-8")
        paths.append(path)
    return paths


def ingest(url: str, paths: list[Path], jobs: int) -> tuple[float, float]:
    """The run's time, and the time until its last document was stored (before the findings and the planner
    statistics are refreshed at its end)."""
    sessions = session_factory(open_engine(url))
    start = stored = time.perf_counter()
    rejected = 0
    for result in ingest_files(sessions, paths, jobs=jobs):
        rejected += result.status == "rejected"
        stored = time.perf_counter()
    took, reading = time.perf_counter() - start, stored - start
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  ingest --jobs {jobs}: {len(paths)} docs in {took:.1f} s = {len(paths) / took:.1f} docs/s "
          f"({rejected} rejected; stored in {reading:.1f} s, then {took - reading:.1f} s refreshing the findings); "
          f"peak RSS of the writing process {own:.0f} MB")  # fmt: skip
    return took, reading


def ingest_cores(folder: Path, paths: list[Path], jobs: int) -> None:
    """The same documents with one process, then with `jobs`: the speed-up of reading on every core."""
    one = ingest(f"sqlite:///{folder / 'one.db'}", paths, 1)
    many = ingest(f"sqlite:///{folder / 'many.db'}", paths, jobs)
    print(f"  speed-up with --jobs {jobs}: {one[0] / many[0]:.2f}x the whole run, {one[1] / many[1]:.2f}x "
          "reading and storing")  # fmt: skip


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(url: str, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    command = [sys.executable, "-m", "planwatch.cli.main", "--db", url, "serve", "--port", str(port),
               "--workers", str(workers)]  # fmt: skip
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            httpx.get(base + "/static/app.css", timeout=1)
            return server, base
        except httpx.TransportError:
            time.sleep(0.1)
    raise SystemExit("the server did not start")


def server_rss(server: subprocess.Popen[bytes]) -> float:
    """Peak RSS of the server and its worker processes, MB."""
    pids = [server.pid, *map(int, subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True,
                                                  text=True).stdout.split())]  # fmt: skip
    total = 0
    for pid in pids:
        status = Path(f"/proc/{pid}/status").read_text()
        total += int(re.search(r"VmHWM:\s+(\d+)", status).group(1))  # type: ignore[union-attr]
    return total / 1024


DROPPED = 599  # the server closed the connection or did not answer in time: counted as an error


def timed(client: httpx.Client, url: str, fresh: bool = False) -> tuple[float, int, int, str]:
    """Milliseconds, status, size and kind (kept: "hit", "stale"; computed: "") of one GET; `fresh`: computed
    again, not the server's kept answer."""
    start = time.perf_counter()
    try:
        answer = client.get(url, timeout=120, headers={"Cache-Control": "no-cache"} if fresh else {})
    except httpx.TransportError:
        return (time.perf_counter() - start) * 1000, DROPPED, 0, ""
    took = (time.perf_counter() - start) * 1000
    return took, answer.status_code, len(answer.content), answer.headers.get("x-page-cache", "")


def pages(base: str, repeat: int) -> None:
    """Each URL cold (the first request after the server starts), computed again (`no-cache`), and as kept."""
    with httpx.Client(base_url=base) as client:
        print(f"  {'URL':<60} {'cold ms':>8} {'p50 ms':>7} {'p95 ms':>7} {'kept p50':>9} {'KB':>6}")
        for url in URLS:
            cold, status, size, _ = timed(client, url)
            warm = sorted(timed(client, url, fresh=True)[0] for _ in range(repeat))
            kept = statistics.median(timed(client, url)[0] for _ in range(repeat))
            p95 = warm[min(len(warm) - 1, int(0.95 * len(warm)))]
            flag = "" if status == 200 else f"  HTTP {status}"
            print(
                f"  {url[:60]:<60} {cold:>8.0f} {statistics.median(warm):>7.0f} {p95:>7.0f} {kept:>9.1f} "
                f"{size / 1024:>6.0f}{flag}"
            )


PASSWORD = "mat-khau-do-tai"


def add_users(url: str, count: int) -> None:
    """Planning Department accounts for the signed-in load: they may update any task and upload."""
    with session_factory(open_engine(url)).begin() as session:
        for i in range(count):
            add_user(session, f"tai{i:02d}", PASSWORD, Role.PLANNING, None, "bench")


def load(base: str, clients: int, seconds: float, signed_in: bool, varied: bool = False) -> None:
    """`clients` threads browsing for `seconds` the pages of URLS (`varied`: those pages with other questions, see
    `varied_url`); signed in, one request in ten is a write (a task update, or an upload whose job must then
    complete)."""
    latencies: list[float] = []
    errors = 0
    failed: list[str] = []  # the first requests that failed, printed to tell why
    kinds: dict[str, list[float]] = {}  # times by how a request was answered: computed, kept, kept while a newer
    # one computes, a write
    computed: Counter[str] = Counter()  # the pages computed for their reader, by path
    jobs: list[int] = []
    lock = threading.Lock()
    with httpx.Client(base_url=base) as probe:
        tasks = [(t["doc"], t["ref"]) for t in probe.get("/api/tasks", params={"limit": 50}, timeout=300).json()]
    stop = time.monotonic() + seconds

    def write(client: httpx.Client, rng: random.Random, token: dict[str, str], n: int) -> tuple[float, int]:
        start = time.perf_counter()
        try:
            return _write(client, rng, token, n, start)
        except httpx.TransportError:
            return (time.perf_counter() - start) * 1000, DROPPED

    def _write(
        client: httpx.Client, rng: random.Random, token: dict[str, str], n: int, start: float
    ) -> tuple[float, int]:
        if rng.random() < 0.5 and tasks:
            doc, ref = rng.choice(tasks)
            body = {"reported_on": "15/06/2024", "note": f"tải thử {n}"}
            answer = client.post(f"/api/tasks/{doc}/{ref}/updates", json=body, headers=token, timeout=120)
        else:
            figure = f"{n},{seed_of(rng)}"
            text = f"BÁO CÁO\nTình hình kinh tế - xã hội tháng 5 năm 2024\nTổng thu ngân sách đạt {figure} tỷ đồng.\n"
            files = {"file": (f"tai-len-{n}-{seed_of(rng)}.txt", text.encode())}
            answer = client.post("/api/documents", files=files, headers=token, timeout=120)
            if answer.status_code == 202:
                with lock:
                    jobs.append(answer.json()["id"])
        return (time.perf_counter() - start) * 1000, answer.status_code

    def client_loop(i: int) -> None:
        nonlocal errors
        rng = random.Random(i)
        with httpx.Client(base_url=base) as client:
            token: dict[str, str] = {}
            if signed_in:
                with suppress(httpx.TransportError):  # a sign-in lost counts in the errors of the writes that follow
                    client.post("/api/login", json={"username": f"tai{i:02d}", "password": PASSWORD}, timeout=120)
                token = {"X-CSRF-Token": client.cookies.get("csrftoken", "")}
            n = 0
            while time.monotonic() < stop:
                n += 1
                if signed_in and n % 10 == 0:
                    url, kind = "(write)", "write"
                    took, status = write(client, rng, token, i * 100_000 + n)
                else:
                    url = varied_url(rng) if varied else rng.choice(URLS)
                    took, status, _, kind = timed(client, url)
                error = status >= 500 or (signed_in and status in (401, 403))
                with lock:
                    kinds.setdefault(kind or "computed", []).append(took)
                    computed[urlsplit(url).path] += not kind
                    latencies.append(took)
                    errors += error
                    if error and len(failed) < 5:
                        failed.append(f"{url} → {status} after {took / 1000:.1f} s")

    threads = [threading.Thread(target=client_loop, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    p95 = latencies[int(0.95 * len(latencies))] if latencies else 0
    who = "signed-in users" if signed_in else "clients, varied questions" if varied else "clients"
    print(f"  {clients} {who} for {seconds:.0f} s: {len(latencies) / seconds:.1f} requests/s, p95 {p95:.0f} ms, "
          f"{errors} errors (5xx or dropped{', 401/403' if signed_in else ''})")  # fmt: skip
    said = (
        f"{kind} {len(times)} (p95 {sorted(times)[int(0.95 * len(times))]:.0f} ms)"
        for kind, times in sorted(kinds.items())
    )
    print("  answered: " + ", ".join(said))
    print("  computed most: " + ", ".join(f"{path} {n}" for path, n in computed.most_common(6) if n))
    for line in failed:
        print(f"    failed: {line}")
    if jobs:
        print(f"  uploads queued under load: {len(jobs)}; {finished(base, jobs)} read within 5 minutes after")


def seed_of(rng: random.Random) -> int:
    return rng.randint(0, 10**9)


def finished(base: str, jobs: list[int]) -> int:
    deadline = time.monotonic() + 300
    with httpx.Client(base_url=base) as client:
        while True:
            states = [client.get(f"/api/jobs/{j}", timeout=60).json()["state"] for j in jobs]
            done = sum(state in ("done", "failed") for state in states)
            if done == len(jobs) or time.monotonic() > deadline:
                return done
            time.sleep(2)


def explain(url: str, count: int) -> None:
    """The plans of every query the pages and API calls of URLS run (captured as the app sends them, then
    EXPLAIN ANALYZE with the same parameters), kept for reading: no sequential scan over facts or passages wanted."""
    engine = open_engine(url)
    sent: dict[str, object] = {}

    def remember(_conn, _cursor, statement, parameters, _context, executemany) -> None:  # type: ignore[no-untyped-def]
        if not executemany and statement.lstrip().upper().startswith(("SELECT", "WITH")):
            sent.setdefault(statement, parameters)

    from fastapi.testclient import TestClient  # here: the reading processes import this module too

    event.listen(engine, "before_cursor_execute", remember)
    with TestClient(create_app(engine)) as client:
        for path in URLS:
            client.get(path)
    event.remove(engine, "before_cursor_execute", remember)
    lines = []
    with engine.connect() as connection:
        for statement, parameters in sent.items():
            plan = connection.exec_driver_sql(f"EXPLAIN ANALYZE {statement}", parameters).fetchall()  # type: ignore[arg-type]
            lines += [statement, f"-- {parameters}", *(row[0] for row in plan), ""]
    OUT.mkdir(exist_ok=True)
    target = OUT / f"explain-{count}.txt"
    target.write_text("\n".join(lines), encoding="utf-8")
    sequential = [line for line in lines if "Seq Scan on facts" in line or "Seq Scan on passages" in line]
    print(f"  EXPLAIN of the {len(sent)} queries behind the pages in {target.relative_to(ROOT)}; sequential scans "
          f"over facts/passages: {len(sequential)}")  # fmt: skip


def measure(label: str, url: str, paths: list[Path], args: argparse.Namespace, size: object, kept: bool) -> None:
    with session_factory(open_engine(url))() as session:
        stored = session.scalar(select(func.count()).select_from(models.Document)) if kept else len(paths)
    print(f"{label}, {stored} documents")
    if not kept:  # a kept store is measured as it is
        ingest(url, paths, args.jobs)
        print(f"  store: {size() / len(paths) / 1024:.0f} KB per document")  # type: ignore[operator]
        if args.users:
            add_users(url, args.clients)
    server, base = serve(url, args.workers if label == "PostgreSQL" else 1)
    try:
        parts = set(args.only or PARTS)
        if "pages" in parts:
            pages(base, args.repeat)
        if "readers" in parts:
            load(base, args.clients, args.seconds, signed_in=False)
        if "varied" in parts:
            load(base, args.clients, args.seconds, signed_in=False, varied=True)
        if args.users and "users" in parts:
            load(base, args.clients, args.seconds, signed_in=True)
        print(f"  server peak RSS {server_rss(server):.0f} MB")
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:  # a worker still busy with a cold page
            server.kill()
            server.wait()
    if label == "PostgreSQL":
        explain(url, stored or 0)


PARTS = ("pages", "readers", "varied", "users")  # what `measure` times, in this order


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    on_two_cores = "server processes on PostgreSQL (one: on two cores the database takes the other)"
    parser.add_argument("--workers", type=int, default=1, help=on_two_cores)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--postgres", action="store_true", help="also on the PostgreSQL server")
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database for later runs")
    parser.add_argument("--database", help="measure a kept PostgreSQL database again (no ingest)")
    parser.add_argument("--store", type=Path, help="the SQLite file: kept, and measured as it is when it exists")
    parser.add_argument("--replicate", type=int, default=1, help="with --database: first copy its documents N-1 times")
    parser.add_argument("--users", action="store_true", help="also signed-in users who update tasks and upload")
    parser.add_argument("--only", nargs="+", choices=PARTS, help="time only these (a kept store measured again)")
    parser.add_argument("--ingest-only", action="store_true", help="only --jobs 1 against --jobs N")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="planwatch-scale-") as tmp:
        (Path(tmp) / "docs").mkdir()
        paths = write_documents(Path(tmp) / "docs", args.docs)
        if args.ingest_only:
            print(f"Ingest on every core, {len(paths)} documents, SQLite")
            ingest_cores(Path(tmp), paths, args.jobs)
            return
        if not args.skip_sqlite:
            db = args.store or Path(tmp) / "scale.db"
            kept = db.exists()
            measure("SQLite", f"sqlite:///{db}", paths, args, lambda: db.stat().st_size, kept)
        if args.postgres:
            postgres(paths, args)


COPIED = (models.Block, models.Fact, models.Target, models.Task, models.TaskGroup, models.Passage)


def replicate(url: str, times: int) -> None:
    """Make a kept PostgreSQL store `times` as large with SQL: every current document copied again under a new key
    (same province, figures and text) with all its rows, then the monitoring results refreshed. Pages can then be
    measured at 100.000 documents without reading 100.000 files (some hours on two cores)."""
    start = time.perf_counter()
    engine = open_engine(url)
    with engine.begin() as connection:
        last = connection.execute(select(func.max(models.Document.id))).scalar_one()
        documents = [c.name for c in models.Document.__table__.columns if c.name not in ("id", "doc_key")]
        for copy in range(1, times):
            shift = copy * (last + 1)
            connection.exec_driver_sql(
                f"INSERT INTO documents (id, doc_key, {', '.join(documents)}) "
                f"SELECT id + {shift}, doc_key || '-c{copy}', {', '.join(documents)} FROM documents "
                f"WHERE id <= {last} AND is_current"
            )
            for model in COPIED:
                columns = [c.name for c in model.__table__.columns if c.name not in ("id", "document_id")]
                listed = ", ".join(columns)
                connection.exec_driver_sql(
                    f"INSERT INTO {model.__tablename__} (document_id, {listed}) "
                    f"SELECT document_id + {shift}, {listed} FROM {model.__tablename__} WHERE document_id IN "
                    f"(SELECT id FROM documents WHERE id <= {last} AND is_current)"
                )
            print(f"  copy {copy}: {time.perf_counter() - start:.0f} s")
        connection.exec_driver_sql("SELECT setval('documents_id_seq', (SELECT max(id) FROM documents))")
        connection.execute(insert(models.StaleScope).values(scope=EVERY, at=datetime.now()))
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("VACUUM ANALYZE")
    scopes = refresh_on_cores(session_factory(engine), os.cpu_count() or 1)
    print(f"  {times}× in {time.perf_counter() - start:.0f} s (findings of {len(scopes)} provinces refreshed)")


def postgres(paths: list[Path], args: argparse.Namespace) -> None:
    """On a new database (dropped afterwards unless --keep), or on the kept one --database names."""
    with database("planwatch_scale", args.database, args.keep) as url:
        if args.replicate > 1:
            replicate(url, args.replicate)

        def size() -> int:
            with psycopg.connect(url) as connection:
                return int(connection.execute("SELECT pg_database_size(current_database())").fetchone()[0])  # type: ignore[index]

        measure("PostgreSQL", url, paths, args, size, bool(args.database))


if __name__ == "__main__":
    main()
