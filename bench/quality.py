"""Quality: ingest ../shared/corpus (each format into its own store), export facts, and score them
against ../shared/eval with the shared scorer; also compare .docx/.pdf renderings with the .txt.

    .venv/bin/python bench/quality.py [--misses N]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from planwatch.export import fact_records, to_jsonl
from planwatch.ingest import document_paths, ingest_file
from planwatch.store.db import open_engine, session_factory

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score.py"


def export_facts(paths: list[Path], out: Path) -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        engine = open_engine(f"sqlite:///{tmp}/bench.db")
        sessions = session_factory(engine)
        for path in paths:
            result = ingest_file(sessions, path)
            if result.status == "rejected":
                print(f"  rejected {path.name}: {result.message}")
        with sessions() as session:
            records = list(fact_records(session))
        engine.dispose()
    out.write_text("".join(to_jsonl(r) + "\n" for r in records), encoding="utf-8")
    return records


def score(kind: str, pred: Path, misses: int, docs: str | None = None) -> str:
    command = [sys.executable, str(SCORER), kind, str(SHARED / "eval" / f"*.{kind}.jsonl"), str(pred),
               "--misses", str(misses)]
    if docs:
        command += ["--docs", docs]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def same_figures(a: list[dict], b: list[dict]) -> tuple[int, int, int]:
    key = lambda r: (r["doc"], r["measure"], round(r["value"], 4), r["period_start"], r["period_end"])  # noqa: E731
    left, right = {key(r) for r in a}, {key(r) for r in b}
    return len(left & right), len(left - right), len(right - left)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--misses", type=int, default=0)
    args = parser.parse_args()
    corpus = SHARED / "corpus"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        by_format = {
            "txt": export_facts(sorted(corpus.glob("*.txt")), out / "txt.jsonl"),
            "docx": export_facts(list(document_paths([corpus / "docx"])), out / "docx.jsonl"),
            "pdf": export_facts(list(document_paths([corpus / "pdf"])), out / "pdf.jsonl"),
        }
        print("== facts, .txt corpus vs ../shared/eval ==")
        print(score("facts", out / "txt.jsonl", args.misses))
        print("== the same figures from other renderings (shared docs, measure+value+period) ==")
        for fmt in ("docx", "pdf"):
            docs = {r["doc"] for r in by_format[fmt]}
            txt = [r for r in by_format["txt"] if r["doc"] in docs]
            both, only_txt, only_fmt = same_figures(txt, by_format[fmt])
            agreement = both / max(1, both + only_txt + only_fmt)
            print(f"{fmt:5s} vs txt on {len(docs)} docs: same={both} only_txt={only_txt} only_{fmt}={only_fmt} "
                  f"agreement={agreement:.3f}")


if __name__ == "__main__":
    main()
