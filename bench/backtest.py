"""The projections' backtest: for every past year with history in a store, its year-end figure is hidden and each
month's year to date projected, seasonally (the share of the same months in the earlier years) and linearly (× 12 ÷
months); the mean absolute error, in % of the hidden figure, by indicator and month, and the two compared.

    .venv/bin/python bench/backtest.py                      # the samples: samples/ and samples-history/ (An Hà)
    .venv/bin/python bench/backtest.py --db postgresql://…  # any store
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from sqlalchemy.orm import Session

from planwatch.ingest import document_paths, ingest_file
from planwatch.monitor.backtest import Summary, Trial, backtest, by, summary
from planwatch.store.db import migrate, open_engine, session_factory
from planwatch.vocab.catalogue import default_catalogue

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = (ROOT / "samples", ROOT / "samples-history")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", help="a store's URL (default: the samples, ingested into a new SQLite store)")
    args = parser.parse_args()
    if args.db:
        engine = open_engine(args.db)
        with Session(engine) as session:
            report(backtest(session))
        return
    with tempfile.TemporaryDirectory() as folder:
        engine = open_engine(f"sqlite:///{Path(folder) / 'samples.db'}")
        migrate(engine)
        sessions = session_factory(engine)
        for path in document_paths(list(SAMPLES)):
            ingest_file(sessions, path)
        with sessions() as session:
            report(backtest(session))
        engine.dispose()


def report(trials: list[Trial]) -> None:
    overall = summary(trials)
    if overall is None:
        print("no past year with history: a year's whole figure and an earlier year's same months are both needed")
        return
    names = default_catalogue().indicators
    months = sorted({t.months for t in trials})
    print("Mean absolute error, % of the hidden year-end figure: seasonal / linear")
    print(f"{'indicator':34s}" + "".join(f"{m:>12d}" for m in months) + f"{'all':>14s}")
    for code, whole in by(trials, "code").items():
        cells = by([t for t in trials if t.code == code], "months")
        row = "".join(f"{_pair(cells[m]):>12s}" if m in cells else f"{'':>12s}" for m in months)
        print(f"{names[str(code)].name[:33]:34s}{row}{_pair(whole):>14s}")
    per_month = by(trials, "months")
    print(
        f"{'every indicator':34s}" + "".join(f"{_pair(per_month[m]):>12s}" for m in months) + f"{_pair(overall):>14s}"
    )
    years = ", ".join(str(y) for y in by(trials, "year"))
    print(
        f"\n{overall.trials} projections (years {years}, {len(by(trials, 'code'))} indicators): seasonal error "
        f"{overall.seasonal:.2f}%, linear {overall.linear:.2f}%; seasonal lower by "
        f"{overall.linear - overall.seasonal:.2f} points ({overall.gain:.0f}% less error)"
    )


def _pair(result: Summary) -> str:
    return f"{result.seasonal:.1f}/{result.linear:.1f}"


if __name__ == "__main__":
    main()
