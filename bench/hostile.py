"""Hostile input and concurrent runs: each crafted file (made here, at the sizes a tester used) is ingested by
`planwatch ingest` in a process of its own, and its time, peak memory (RSS) and outcome printed; then two ingests
of the same folder run at once on a new SQLite store and on a new PostgreSQL database.

    .venv/bin/python bench/hostile.py [--skip-postgres]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from pg import database  # noqa: E402

from tests.hostile import (  # noqa: E402
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

CORPUS = ROOT.parent / "shared" / "corpus"
RUN = "from planwatch.cli.main import run; run()"
TEXT = (SENTENCE + "\n") * 200


def files() -> dict[str, bytes]:
    return {
        "hong-crc.docx": damaged_docx(),
        "bom-khai-gian-1GiB.docx": lying_zip_bomb(inflated=1024 * 1024 * 1024),
        "bom-khai-that-200MB.docx": lying_zip_bomb(inflated=200 * 1024 * 1024, declared=200 * 1024 * 1024),
        "la-ma-10mu9.docx": roman_numbering_docx(),
        "chu-thich-dai-5MB.txt": pdf_like_text_with_long_notes(100_000),
        "chu-thich-700k.txt": pdf_like_text_with_long_notes(11_000),
        "van-ban-49MB.txt": long_text(49),
        "tcvn3.txt": in_tcvn3(TEXT),
        "vni.txt": in_vni(TEXT),
        "windows-1258.txt": in_windows_1258(TEXT),
        "utf16-khong-bom.txt": TEXT.encode("utf-16-le"),
        "tot.docx": good_docx(200),
    }


def measured(args: list[str]) -> tuple[float, int, int, str]:
    """Seconds, peak RSS in MB, exit code and the last line of output of one run."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", RUN, *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    _, status, usage = os.wait4(process.pid, 0)
    output = process.stdout.read().decode() if process.stdout else ""
    lines = [line for line in output.splitlines() if line.strip()]
    return (
        time.perf_counter() - started,
        usage.ru_maxrss // 1024,
        os.waitstatus_to_exitcode(status),
        lines[0] if lines else "",
    )


def hostile_run(folder: Path) -> None:
    print(f"{'file':28} {'MB':>7} {'s':>6} {'RSS MB':>7}  outcome")
    for name, data in files().items():
        path = folder / name
        path.write_bytes(data)
        seconds, rss, code, line = measured(["--db", f"sqlite:///{folder / 'h.db'}", "ingest", str(path)])
        outcome = line.split(" — ", 1)[-1][:90]
        print(f"{name:28} {len(data) / 1024 / 1024:7.1f} {seconds:6.2f} {rss:7d}  exit {code}: {outcome}")


def concurrent_run(url: str) -> None:
    started = time.perf_counter()
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", RUN, "--db", url, "ingest", str(CORPUS)],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )  # fmt: skip
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=900)[0] for run in runs]
    seconds = time.perf_counter() - started
    tracebacks = sum("Traceback" in out for out in outputs)
    summaries = [out.strip().splitlines()[-1] if out.strip() else "" for out in outputs]
    print(f"  {url.split('://')[0]}: both done in {seconds:.1f} s, exit {[r.returncode for r in runs]}, "
          f"tracebacks {tracebacks}")  # fmt: skip
    for summary in summaries:
        print(f"    {summary}")
    listing = subprocess.run(
        [sys.executable, "-c", RUN, "--db", url, "export", "facts"], capture_output=True, text=True
    )
    print(f"    facts stored once: {listing.stdout.count(chr(10))} lines of export")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--skip-postgres", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        hostile_run(folder)
        print("two ingests of the shared corpus at once, on a new store:")
        concurrent_run(f"sqlite:///{folder / 'race.db'}")
        if not args.skip_postgres:
            with database("planwatch_bench") as url:
                concurrent_run(url)


if __name__ == "__main__":
    main()
