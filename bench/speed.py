"""Speed: end-to-end ingest of the shared corpus (all formats) and of a synthetic corpus, against
bare text extraction of the same files (plain read / python-docx / pypdfium2).

    .venv/bin/python bench/speed.py [--synthetic 1000]
Prints documents/s, pages/s, MB/s, peak memory (RSS) and the ratio to bare extraction.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

import docx
import pypdfium2 as pdfium

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import write_corpus  # noqa: E402

from planwatch.ingest import document_paths, ingest_file  # noqa: E402
from planwatch.store.db import open_engine, session_factory  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def bare_extract(path: Path) -> int:
    if path.suffix == ".pdf":
        pdf = pdfium.PdfDocument(str(path))
        return sum(len(pdf[i].get_textpage().get_text_range()) for i in range(len(pdf)))
    if path.suffix == ".docx":
        return sum(len(p.text) for p in docx.Document(str(path)).paragraphs)
    return len(path.read_text(encoding="utf-8"))


def pages_of(path: Path) -> int:
    return len(pdfium.PdfDocument(str(path))) if path.suffix == ".pdf" else 0


def run(label: str, paths: list[Path]) -> None:
    megabytes = sum(p.stat().st_size for p in paths) / 1e6
    start = time.perf_counter()
    for path in paths:
        bare_extract(path)
    bare = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp:
        sessions = session_factory(open_engine(f"sqlite:///{tmp}/speed.db"))
        start = time.perf_counter()
        for path in paths:
            ingest_file(sessions, path)
        total = time.perf_counter() - start
    pdf_pages = sum(pages_of(p) for p in paths)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{label}: {len(paths)} docs, {megabytes:.1f} MB in {total:.2f} s: {len(paths) / total:.1f} docs/s, "
        f"{megabytes / total:.2f} MB/s"
        + (f", {pdf_pages / total:.1f} PDF pages/s" if pdf_pages else "")
        + f"; bare extraction {bare:.2f} s, ratio {total / max(bare, 1e-9):.1f}x; peak RSS {peak:.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--synthetic", type=int, default=1000)
    args = parser.parse_args()
    run("shared corpus (txt+docx+pdf)", list(document_paths([CORPUS])))
    with tempfile.TemporaryDirectory() as tmp:
        for count in (args.synthetic // 10, args.synthetic):
            run(f"synthetic x{count}", write_corpus(Path(tmp) / str(count), count))


if __name__ == "__main__":
    main()
