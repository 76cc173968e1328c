"""Scanned documents: the text PDFs of ../shared/corpus/pdf rendered as an office scans them (bench/scanning.py: 300
dpi clean, 200 dpi with noise; 1° skew and a red seal over the first page's header in both), read by OCR, and their
facts and tasks scored against the same PDFs read from their text layer.

Prints per rendering: F1 of facts and tasks (the text version as gold, the shared scorer), wrong figures outside
the review list (a figure of the scan whose measure and value no figure of the text version has, not doubted),
the review list's share of the figures, CPU seconds per page of the whole ingest (one core), and the peak memory of
the ingest process and of its OCR child. `--memory` reads one 30-page scan (003's pages, then 000's) for the
memory limit.

    nice .venv/bin/python bench/scans.py [--docs 000,003] [--pages N] [--memory] [--wrong]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scanning import scanned_pdf  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "pdf"
SETTINGS = (("300 dpi", 300, 0.0), ("200 dpi + bruit", 200, 8.0))
MEASURES = {"value", "yoy_change_pct", "prev_change_pct", "plan_pct", "share_pct", "rank"}

# Run in a fresh interpreter so that its peak memory is the ingest's own: one file into a new store, its facts and
# tasks exported, its own and its children's peak RSS (the OCR child) after.
INGEST = """
import json, resource, sys, time
from pathlib import Path
from planwatch.export import fact_records, task_records
from planwatch.ingest import ingest_file
from planwatch.read.ocr_pages import OcrMode, OcrOptions
from planwatch.store.db import open_engine, session_factory
path, db, name = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
sessions = session_factory(open_engine(db))
started = time.monotonic()
result = ingest_file(sessions, path, name=name, ocr=OcrOptions(OcrMode.AUTO))
seconds = time.monotonic() - started
with sessions() as session:
    facts, tasks = list(fact_records(session)), list(task_records(session))
usage = [resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
cpu = sum(u.ru_utime + u.ru_stime for u in usage)
print(json.dumps({"status": result.status, "message": result.message, "seconds": seconds, "cpu": cpu,
                  "facts": facts, "tasks": tasks, "rss": usage[0].ru_maxrss / 1024,
                  "child_rss": usage[1].ru_maxrss / 1024}, ensure_ascii=False, default=str))
"""


def ingest(path: Path, name: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        command = [sys.executable, "-c", INGEST, str(path), f"sqlite:///{folder}/scan.db", name]
        done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)
    found: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    if found["status"] == "rejected":
        sys.exit(f"{name}: refused: {found['message']}")
    return found


def scorer() -> Any:
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def f1(score: Any, kind: str, gold: list[dict[str, Any]], pred: list[dict[str, Any]], show: bool) -> tuple[float, int]:
    if not gold:
        return 1.0 if not pred else 0.0, 0
    result, misses, extras = score.score(kind, gold, pred)
    if show:
        for label, rows in (("THIẾU", misses), ("THỪA", extras)):
            for r in rows:
                print(
                    f"      {label} {r.get('measure', r.get('ref'))} {r.get('value', '')} «{r.get('quote', '')[:90]}»"
                )
    tp, n_gold, n_pred = (sum(r[i] for r in result.values()) for i in range(3))
    return score.prf(tp, n_gold, n_pred)[2], n_gold


def wrong_outside_review(text: list[dict[str, Any]], scan: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Figures of the scan whose measure and value no figure of the text version has, and that are not doubted."""
    known = {(f["measure"], round(f["value"], 4)) for f in text}
    return [f for f in scan if f["measure"] in MEASURES and (f["measure"], round(f["value"], 4)) not in known
            and not (f.get("ocr") or {}).get("review")]  # fmt: skip


def page_count(path: Path) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path)
    try:
        return len(document)
    finally:
        document.close()


def bench_document(source: Path, pages: int | None, show_wrong: bool, score: Any, folder: Path) -> None:
    doc = source.stem
    text = ingest(source, source.name)
    print(f"\n{doc} ({page_count(source)} trang; bản văn bản: {len(text['facts'])} số liệu, {len(text['tasks'])} "
          f"nhiệm vụ, {text['seconds']:.1f} s)")  # fmt: skip
    for label, dpi, noise in SETTINGS:
        scan = folder / f"{doc}-{dpi}.pdf"
        scan.write_bytes(scanned_pdf(source, dpi, skew=1.0, noise=noise, pages=pages))
        n_pages = page_count(scan)
        read = ingest(scan, source.name)
        gold_facts = [f for f in text["facts"] if pages is None or (f["page"] or 0) <= pages]
        gold_tasks = [t for t in text["tasks"] if pages is None or (t.get("page") or 0) <= pages]
        facts_f1, n_facts = f1(score, "facts", gold_facts, read["facts"], show_wrong)
        tasks_f1, n_tasks = f1(score, "tasks", gold_tasks, read["tasks"], show_wrong)
        wrong = wrong_outside_review(gold_facts, read["facts"])
        scored = [f for f in read["facts"] if f["measure"] in MEASURES]
        doubted = [f for f in scored if (f.get("ocr") or {}).get("review")]
        share = len(doubted) / len(scored) if scored else 0.0
        cpu, wall = read["cpu"] / n_pages, read["seconds"] / n_pages
        print(f"  {label:16} facts F1 {facts_f1:.3f} ({n_facts}) · tasks F1 {tasks_f1:.3f} ({n_tasks}) · "
              f"sai ngoài danh sách đối chiếu {len(wrong)} · cần đối chiếu {len(doubted)}/{len(scored)} "
              f"({share:.1%}) · {cpu:.2f} s CPU/trang ({wall:.2f} s) · RSS {read['rss']:.0f} MB + OCR "
              f"{read['child_rss']:.0f} MB")  # fmt: skip
        if show_wrong:
            for f in wrong:
                print(f"      SAI {f['measure']} {f['value']} «{f['quote']}»")
            for f in doubted:
                why = ",".join(f["ocr"]["doubts"])
                print(f"      ĐỐI CHIẾU {why} {f['ocr']['confidence']} {f['value']} «{f['quote']}»")


def bench_memory(folder: Path) -> None:
    import pypdfium2 as pdfium

    merged = pdfium.PdfDocument.new()
    for name, count in (("003_0c44b8b32b54e5ec", 23), ("000_092cbdb1522c190d", 7)):
        part = pdfium.PdfDocument(folder / f"{name}-300.pdf") if (folder / f"{name}-300.pdf").exists() else None
        if part is None:
            (folder / f"{name}-300.pdf").write_bytes(scanned_pdf(CORPUS / f"{name}.pdf", 300))
            part = pdfium.PdfDocument(folder / f"{name}-300.pdf")
        merged.import_pages(part, list(range(min(count, len(part)))))
    path = folder / "scan-30.pdf"
    merged.save(path)
    read = ingest(path, "scan-30.pdf")
    total = read["rss"] + read["child_rss"]
    print(f"\n30 trang quét 300 dpi: {read['cpu']:.0f} s CPU ({read['cpu'] / 30:.2f} s/trang), RSS ingest "
          f"{read['rss']:.0f} MB, OCR {read['child_rss']:.0f} MB, tổng ≤ {total:.0f} MB")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", default="000,003", help="corpus PDFs by number")
    parser.add_argument("--pages", type=int, help="only the first N pages of each")
    parser.add_argument("--memory", action="store_true", help="also a 30-page scan's peak memory")
    parser.add_argument("--wrong", action="store_true", help="list wrong and doubted figures")
    args = parser.parse_args()
    score = scorer()
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for number in args.docs.split(","):
            for source in sorted(CORPUS.glob(f"{number}_*.pdf")):
                bench_document(source, args.pages, args.wrong, score, folder)
        if args.memory:
            bench_memory(folder)
    print(f"\n({time.monotonic() - started:.0f} s)")


if __name__ == "__main__":
    main()
