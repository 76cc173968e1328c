"""Page and API latency over real HTTP (uvicorn in a thread, httpx as the client) on the bundled samples and
on the samples plus a synthetic corpus: p50/p95 for dashboard, indicator page, search and ask.

    .venv/bin/python bench/web.py [--synthetic 1000] [--repeat 40]
Goal (issue #5): dashboard < 200 ms and search < 50 ms p95 on SQLite with 1,000 documents.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import httpx
import uvicorn

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import write_corpus  # noqa: E402

from planwatch.ingest import document_paths, ingest_file  # noqa: E402
from planwatch.serve.app import create_app  # noqa: E402
from planwatch.store.db import open_engine, session_factory  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
REQUESTS = {
    "dashboard": "/?year=2025",
    "indicator": "/chi-tieu/INDUSTRIAL_OUTPUT",
    "search": "/api/search?q=thu+noi+dia",
    "search page": "/tim-kiem?q=gia+tri+san+xuat+cong+nghiep",
    "ask": "/api/ask?" + urlencode({"q": "Thu ngân sách 6 tháng đầu năm 2025 đạt bao nhiêu?"}),
    "status API": "/api/status?year=2025",
}


def serve(db_path: Path) -> tuple[uvicorn.Server, str]:
    server = uvicorn.Server(
        uvicorn.Config(create_app(f"sqlite:///{db_path}"), host="127.0.0.1", port=0, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    return server, f"http://127.0.0.1:{port}"


def measure(label: str, paths: list[Path], repeat: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "web.db"
        sessions = session_factory(open_engine(f"sqlite:///{db_path}"))
        for path in paths:
            ingest_file(sessions, path)
        server, base = serve(db_path)
        print(f"== {label}: {len(paths)} documents ==")
        with httpx.Client(base_url=base, timeout=60) as client:
            for name, url in REQUESTS.items():
                start = time.perf_counter()
                assert client.get(url).status_code == 200, url  # the first request fills the store cache
                cold = (time.perf_counter() - start) * 1000
                times = []
                for _ in range(repeat):
                    start = time.perf_counter()
                    client.get(url)
                    times.append((time.perf_counter() - start) * 1000)
                times.sort()
                p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
                print(f"  {name:12s} p50 {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms   first {cold:7.1f} ms")
        server.should_exit = True


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--synthetic", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=40)
    args = parser.parse_args()
    samples = list(document_paths([ROOT / "samples"]))
    measure("bundled samples", samples, args.repeat)
    with tempfile.TemporaryDirectory() as tmp:
        synthetic = write_corpus(Path(tmp), args.synthetic)
        measure(f"samples + {args.synthetic} synthetic", samples + synthetic, args.repeat)


if __name__ == "__main__":
    main()
