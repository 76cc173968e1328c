"""The draft read back: the shared corpus is ingested, a six-month draft for 2024-06 and a monthly one for 2024-05
are written (.docx, with the indicator and task annexes), each draft is ingested into a fresh store and its facts
compared with the figures it states; the store's facts of each period are accounted for.

    .venv/bin/python bench/report.py [--render]
--render: LibreOffice (headless) converts the drafts and annexes to PDF and pdftoppm renders the pages to PNG, in
screenshots/report/, beside the web screenshots, for a person to look at.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
import time
from datetime import date
from pathlib import Path

from planwatch.ingest import document_paths, ingest_file
from planwatch.report.papers import draft_report, indicator_workbook, report_period, task_workbook
from planwatch.report.verify import coverage, round_trip
from planwatch.store.db import migrate, open_engine, session_factory

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
OUT = ROOT / "screenshots" / "report"
CASES = (("six-month", "2024-06", date(2024, 6, 30)), ("monthly", "2024-05", date(2024, 5, 31)))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--render", action="store_true", help="PDF and PNG of each file, with LibreOffice")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        engine = open_engine(f"sqlite:///{Path(folder) / 'corpus.db'}")
        migrate(engine)
        sessions = session_factory(engine)
        for path in document_paths([CORPUS]):
            if path.suffix == ".txt":
                ingest_file(sessions, path)
        for kind, month, as_of in CASES:
            with sessions() as session:
                started = time.perf_counter()
                draft, docx = draft_report(session, report_period(kind, month))
                files = {
                    f"du-thao-{kind}-{month}.docx": docx,
                    f"phu-luc-chi-tieu-{kind}-{month}.xlsx": indicator_workbook(session, draft),
                    f"phu-luc-nhiem-vu-{month}.xlsx": task_workbook(session, as_of),
                }
                drafted = time.perf_counter() - started
                accounted = coverage(session, draft)
            result = round_trip(draft, docx)
            print(f"{kind} {month}: {result.stated} figures from {len(draft.documents)} documents, "
                  f"{len(draft.missing)} placeholders; drafted with annexes in {drafted:.2f} s")  # fmt: skip
            print(f"  read back: {result.read} facts, precision {result.precision:.3f}, recall {result.recall:.3f}")
            print(f"  store's facts of the period: {accounted.stored} = {accounted.stated} stated + "
                  f"{accounted.superseded} superseded by a later or actual figure + "
                  f"{accounted.set_aside} set aside (unit foreign to the indicator)")  # fmt: skip
            for line in (*result.wrong, *result.lost):
                print(f"    {line}")
            for name, data in files.items():
                (OUT / name).write_bytes(data)
                if args.render:
                    render(OUT / name)
        engine.dispose()
    print(f"files in {OUT}")


def render(path: Path) -> None:
    """path → PDF (LibreOffice headless) → one PNG a page (pdftoppm)."""
    soffice, pdftoppm = shutil.which("soffice"), shutil.which("pdftoppm")
    if not soffice or not pdftoppm:
        print("  (no LibreOffice or pdftoppm: apt-get install libreoffice-writer-nogui libreoffice-calc-nogui "
              "poppler-utils)")  # fmt: skip
        return
    subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(OUT), str(path)],
                   check=True, capture_output=True, timeout=180)  # fmt: skip
    pdf = path.with_suffix(".pdf")
    subprocess.run([pdftoppm, "-r", "70", "-png", str(pdf), str(pdf.with_suffix(""))], check=True, timeout=120)
    print(f"  {pdf.name}: {len(list(OUT.glob(pdf.stem + '-*.png')))} pages rendered")


if __name__ == "__main__":
    main()
