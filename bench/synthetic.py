"""A synthetic corpus in the genre: the bundled monthly sample with its figures and month varied."""

from __future__ import annotations

import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = (ROOT / "samples" / "bao-cao-thang-4-2025.txt").read_text(encoding="utf-8")


def _vary(match: re.Match[str], rng: random.Random) -> str:
    whole, _, decimals = match.group(0).partition(",")
    if "." in whole or len(whole) > 2:
        number = int(whole.replace(".", "")) * rng.uniform(0.5, 1.5)
        text = f"{int(number):,}".replace(",", ".")
        return text + ("," + decimals if decimals else "")
    return match.group(0)


def write_corpus(folder: Path, count: int, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        text = re.sub(r"(?<![\d/])\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![\d/])", lambda m: _vary(m, rng), TEMPLATE)
        path = folder / f"synthetic-{i:04d}.txt"
        path.write_text(text.replace("112/BC-UBND", f"{100 + i}/BC-UBND"), encoding="utf-8")
        paths.append(path)
    return paths
