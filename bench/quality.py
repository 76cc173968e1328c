"""Quality: ingest ../shared/corpus (each format into its own store), export facts, targets and tasks, and
score them against ../shared/eval with the shared scorer; compare .docx/.pdf renderings with the .txt;
measure agency normalisation; print what `status` and `check` report on the corpus; score the real pages
(../shared/eval/real: facts, targets, tasks) and the plans written in real phrasings (../shared/eval/genre-plans).

    .venv/bin/python bench/quality.py [--misses N] [--per-doc] [--only real,plans,genre,corpus]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from planwatch.export import fact_records, target_records, task_records, to_jsonl
from planwatch.extract.agencies import default_registry
from planwatch.ingest import document_paths, ingest_file
from planwatch.monitor.checks import run_checks
from planwatch.monitor.progress import year_status
from planwatch.query.ask import ask
from planwatch.store.db import open_engine, session_factory

Exporter = Callable[[Session], Iterator[dict[str, Any]]]
EXPORTERS: dict[str, Exporter] = {"facts": fact_records, "targets": target_records, "tasks": task_records}

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score.py"


def export_all(paths: list[Path], out: Path, report: Callable[[Session], None] | None = None) -> dict[str, list[dict]]:
    """Ingest `paths` into a fresh store; write facts/targets/tasks JSON Lines into `out`; return the records."""
    records: dict[str, list[dict]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        engine = open_engine(f"sqlite:///{tmp}/bench.db")
        sessions = session_factory(engine)
        for path in paths:
            result = ingest_file(sessions, path)
            if result.status == "rejected":
                print(f"  rejected {path.name}: {result.message}")
        with sessions() as session:
            for kind, exporter in EXPORTERS.items():
                records[kind] = list(exporter(session))
                (out / f"{kind}.jsonl").write_text("".join(to_jsonl(r) + "\n" for r in records[kind]), encoding="utf-8")
            if report:
                report(session)
        engine.dispose()
    return records


def score(kind: str, pred: Path, misses: int, docs: str | None = None, gold: Path | None = None) -> str:
    command = [
        sys.executable,
        str(SCORER),
        kind,
        str(gold or SHARED / "eval" / f"*.{kind}.jsonl"),
        str(pred),
        "--misses",
        str(misses),
    ]
    if docs:
        command += ["--docs", docs]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def same_figures(a: list[dict], b: list[dict]) -> tuple[int, int, int]:
    key = lambda r: (r["doc"], r["measure"], round(r["value"], 4), r["period_start"], r["period_end"])  # noqa: E731
    left, right = {key(r) for r in a}, {key(r) for r in b}
    return len(left & right), len(left - right), len(right - left)


def _gold_docs(kind: str) -> set[str]:
    return {
        json.loads(line)["doc"]
        for path in (SHARED / "eval").glob(f"*.{kind}.jsonl")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    }


def agency_accuracy() -> None:
    """Gold addressee names that the registry normalises to one agency or group."""
    registry = default_registry()
    names = [
        name
        for path in (SHARED / "eval").glob("*.tasks.jsonl")
        for line in path.read_text().splitlines()
        if line.strip()
        for name in json.loads(line)["agencies"]
    ]
    known = [n for n in names if registry.normalise(n)]
    print(
        f"agency names in gold tasks: {len(names)}; normalised to the registry: {len(known)} "
        f"({len(known) / max(1, len(names)):.3f})"
    )
    print("  not normalised:", ", ".join(sorted({n for n in names if not registry.normalise(n)})))


QUESTIONS = (
    "Chỉ tiêu GRDP năm 2024 là bao nhiêu?",
    "Kế hoạch thu ngân sách năm 2024?",
    "Những chỉ tiêu nào có nguy cơ không đạt?",
    "Sở Công Thương được giao những nhiệm vụ gì?",
    "Nhiệm vụ nào quá hạn?",
    "Sở nào có nhiều nhiệm vụ quá hạn nhất?",
    "Thu nội địa 5 tháng năm 2024 đạt bao nhiêu?",
    "Thu NSNN tháng 5/2024?",
    "NSNN",
)


def questions(session: Session) -> None:
    """The questions an official asks, each with the answer the store gives (on 1 July 2024)."""
    print("== questions on the corpus ==")
    for question in QUESTIONS:
        answer = ask(session, question, date(2024, 7, 1))
        print(
            f"  Q: {question}\n     {'' if answer.found else '(không có) '}{answer.text.replace(chr(10), ' | ')[:300]}"
        )


def status_and_checks(session: Session) -> None:
    for year in (2024,):
        rows = year_status(session, year)
        print(f"== status --year {year}: {len(rows)} targets ==")
        print("  " + ", ".join(f"{k}: {v}" for k, v in Counter(r.status for r in rows).most_common()))
        for r in rows:
            if r.actual:
                print(f"  {r.status:18s} {r.reason}")
    questions(session)
    findings = run_checks(session)
    print(f"== check: {len(findings)} findings ==")
    for f in findings:
        print(f"  [{f.severity}] {f.kind}: {f.indicator} ({f.period}) — {f.message}")
        for source in f.sources:
            print(f"      {source.doc_key[:3]} “{source.quote.strip()[:90]}”")


def genre_set(tmp: Path, misses: int, per_doc: bool) -> None:
    """The 30 documents of ../shared/eval/genre (many provinces' phrasings), and the same documents decomposed
    to NFD (as Mac and some web sources write them): the facts must be the same."""
    genre = SHARED / "eval" / "genre"
    paths = sorted(genre.glob("*.txt"))
    if not paths:
        return
    nfc_out, nfd_out, nfd_in = tmp / "genre", tmp / "genre-nfd", tmp / "genre-nfd-in"
    for folder in (nfc_out, nfd_out, nfd_in):
        folder.mkdir()
    for path in paths:
        (nfd_in / path.name).write_text(unicodedata.normalize("NFD", path.read_text(encoding="utf-8")), "utf-8")
    nfc = export_all(paths, nfc_out)
    nfd = export_all(sorted(nfd_in.glob("*.txt")), nfd_out)
    print("== facts, genre set (../shared/eval/genre, 30 documents) vs its gold ==")
    lines = score("facts", nfc_out / "facts.jsonl", misses, gold=genre / "*.facts.jsonl").splitlines()
    print("\n".join(line for line in lines if per_doc or not line.startswith("g")))
    both, only_nfc, only_nfd = same_figures(nfc["facts"], nfd["facts"])
    print(f"NFD vs NFC on the genre set: same={both} only_nfc={only_nfc} only_nfd={only_nfd}")


# name: (title, folders ingested, where their gold lies, kinds scored)
GOLD_SETS = {
    "real": (
        "real pages, 32 provinces",
        ("real/press", "real/reports", "real/plans"),
        "real/*",
        ("facts", "targets", "tasks"),
    ),
    "plans": ("plans in real phrasings (genre-plans)", ("genre-plans",), "genre-plans", ("targets", "tasks")),
}


def gold_set(name: str, tmp: Path, misses: int, per_doc: bool) -> list[str]:
    """Ingest one gold set into a fresh store and score every kind it has gold for; returns the summary lines."""
    title, folders, gold, kinds = GOLD_SETS[name]
    out = tmp / name
    out.mkdir()
    export_all(sorted(p for f in folders for p in (SHARED / "eval" / f).glob("*.txt")), out)
    summary = []
    for kind in kinds:
        lines = score(kind, out / f"{kind}.jsonl", misses, gold=SHARED / "eval" / gold / f"*.{kind}.jsonl").splitlines()
        print(f"== {kind}, {title} ==")
        print("\n".join(line for line in lines if per_doc or " gold=" not in line))
        summary.append(f"{kind:8s} {title:40s} {lines[-1].split(': ', 1)[-1]}")
    return summary


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--misses", type=int, default=0)
    parser.add_argument("--per-doc", action="store_true", help="every document's score")
    parser.add_argument("--only", default="corpus,genre,real,plans", help="which sets: corpus,genre,real,plans")
    args = parser.parse_args()
    only = set(args.only.split(","))
    with tempfile.TemporaryDirectory() as tmp:
        sets = [name for name in GOLD_SETS if name in only]
        summary = [line for name in sets for line in gold_set(name, Path(tmp), args.misses, args.per_doc)]
        if "corpus" in only:
            corpus_sets(Path(tmp), args.misses)
        if "genre" in only:
            genre_set(Path(tmp), args.misses, args.per_doc)
        print("== summary ==")
        print("\n".join(summary))


def corpus_sets(tmp: Path, misses: int) -> None:
    """The shared corpus in each rendering scored against its gold, and the renderings against the text."""
    corpus = SHARED / "corpus"
    out = {fmt: tmp / fmt for fmt in ("txt", "docx", "pdf")}
    for folder in out.values():
        folder.mkdir()
    by_format = {
        "txt": export_all(sorted(corpus.glob("*.txt")), out["txt"], status_and_checks),
        "docx": export_all(list(document_paths([corpus / "docx"])), out["docx"]),
        "pdf": export_all(list(document_paths([corpus / "pdf"])), out["pdf"]),
    }
    for kind in EXPORTERS:
        print(f"== {kind}, .txt corpus vs ../shared/eval ==")
        print(score(kind, out["txt"] / f"{kind}.jsonl", misses))
    agency_accuracy()
    print("== the same figures from other renderings (shared docs, measure+value+period) ==")
    for fmt in ("docx", "pdf"):
        docs = {r["doc"] for r in by_format[fmt]["facts"]}
        txt = [r for r in by_format["txt"]["facts"] if r["doc"] in docs]
        both, only_txt, only_fmt = same_figures(txt, by_format[fmt]["facts"])
        agreement = both / max(1, both + only_txt + only_fmt)
        print(
            f"{fmt:5s} vs txt on {len(docs)} docs: same={both} only_txt={only_txt} only_{fmt}={only_fmt} "
            f"agreement={agreement:.3f}"
        )
        for kind in ("targets", "tasks"):
            gold_docs = sorted(docs & _gold_docs(kind))
            if gold_docs:
                last = score(kind, out[fmt] / f"{kind}.jsonl", 0, ",".join(gold_docs)).strip().splitlines()[-1]
                print(f"  {kind} from {fmt} on {', '.join(d[:3] for d in gold_docs)}: {last}")


if __name__ == "__main__":
    main()
