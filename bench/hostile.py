"""Hostile input and concurrent runs: each crafted file (made here, at the sizes a tester used) is ingested by
`planwatch ingest` in a process of its own, and its time, peak memory (RSS) and outcome printed; then the one-paragraph
text is uploaded to a server, a good file after it, and both timed; then two ingests of the same folder run at once
on a new SQLite store and on a new PostgreSQL database.

    .venv/bin/python bench/hostile.py [--skip-postgres] [--only long]
"""

from __future__ import annotations

import argparse
import os
import socket
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
    one_paragraph,
    pdf_like_text_with_long_notes,
    pdf_stream_bomb,
    roman_numbering_docx,
)

CORPUS = ROOT.parent / "shared" / "corpus"
RUN = "from planwatch.cli.main import run; run()"
TEXT = (SENTENCE + "\n") * 200


GOOD = "BÁO CÁO\nTình hình kinh tế - xã hội tháng 3 năm 2025\nTổng thu nội địa tháng 3 ước đạt 512 tỷ đồng.\n"


def long_files() -> dict[str, bytes]:
    return {"mot-doan-705k.txt": one_paragraph(705_000), "pdf-bom-luong-1GiB.pdf": pdf_stream_bomb(1024**3)}


def files() -> dict[str, bytes]:
    return {
        **long_files(),
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


def measured(args: list[str]) -> tuple[float, float, int, int, str]:
    """Seconds, CPU seconds (user and system), peak RSS in MB, exit code and the first line of output of one run: on
    a shared machine the CPU seconds are what the file cost, the seconds what waiting for a core added."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", RUN, *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    _, status, usage = os.wait4(process.pid, 0)
    output = process.stdout.read().decode() if process.stdout else ""
    lines = [line for line in output.splitlines() if line.strip()]
    return (
        time.perf_counter() - started,
        usage.ru_utime + usage.ru_stime,
        usage.ru_maxrss // 1024,
        os.waitstatus_to_exitcode(status),
        lines[0] if lines else "",
    )


def hostile_run(folder: Path, made: dict[str, bytes]) -> None:
    print(f"{'file':28} {'MB':>7} {'s':>6} {'CPU s':>6} {'RSS MB':>7}  outcome")
    for name, data in made.items():
        path = folder / name
        path.write_bytes(data)
        seconds, cpu, rss, code, line = measured(["--db", f"sqlite:///{folder / 'h.db'}", "ingest", str(path)])
        outcome = line.split(" — ", 1)[-1][:90]
        print(f"{name:28} {len(data) / 1024 / 1024:7.1f} {seconds:6.2f} {cpu:6.2f} {rss:7d}  exit {code}: {outcome}")


def upload_run(folder: Path) -> None:
    """The one-paragraph text uploaded to a server, then a good file: when each is read, and the server's peak RSS."""
    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-c", RUN, "--db", f"sqlite:///{folder / 'up.db'}", "serve", "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                httpx.get(f"{base}/api/jobs", timeout=60)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        started = time.perf_counter()
        long = httpx.post(f"{base}/api/documents", files={"file": ("dai.txt", one_paragraph(705_000))}, timeout=60)
        good = httpx.post(f"{base}/api/documents", files={"file": ("tot.txt", GOOD.encode())}, timeout=60)
        ids, done = {"long": long.json()["id"], "good": good.json()["id"]}, {}
        while len(done) < 2 and time.perf_counter() - started < 600:
            for name, job in ids.items():
                state = httpx.get(f"{base}/api/jobs/{job}", timeout=60).json()
                if name not in done and state["state"] in ("done", "failed"):
                    done[name] = (time.perf_counter() - started, f"{state['outcome']}: {state['message'][:60]}")
            time.sleep(0.2)
        peak = next(line for line in Path(f"/proc/{server.pid}/status").read_text().splitlines() if "VmHWM" in line)
        for name in ids:
            seconds, outcome = done.get(name, (float("nan"), "not read within 600 s"))
            print(f"  upload {name:5} read after {seconds:6.2f} s: {outcome}")
        print(f"  server peak RSS {int(peak.split()[1]) // 1024} MB")
        stopping = time.perf_counter()
        server.terminate()
        server.wait(60)
        print(f"  SIGTERM to exit: {time.perf_counter() - stopping:.2f} s")
    finally:
        server.kill()


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
    parser.add_argument("--only", choices=["long"], help="long: the one-paragraph text and the PDF stream bomb")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        hostile_run(folder, long_files() if args.only else files())
        print("the one-paragraph text uploaded, then a good file:")
        upload_run(folder)
        if args.only:
            return
        print("two ingests of the shared corpus at once, on a new store:")
        concurrent_run(f"sqlite:///{folder / 'race.db'}")
        if not args.skip_postgres:
            with database("planwatch_bench") as url:
                concurrent_run(url)


if __name__ == "__main__":
    main()
