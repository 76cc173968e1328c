"""House rules a reviewer would otherwise check by hand: every source file short enough to read whole (split by
what it does when it grows), with the exceptions listed in one place, pyproject.toml."""

from __future__ import annotations

import tomllib

from .conftest import ROOT

RULES = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["planwatch"]["file-length"]
SOURCES = ("planwatch", "tests", "bench")


def _lengths() -> dict[str, int]:
    files = (path for folder in SOURCES for path in (ROOT / folder).rglob("*.py"))
    return {path.relative_to(ROOT).as_posix(): len(path.read_text(encoding="utf-8").splitlines()) for path in files}


def test_no_source_file_is_longer_than_the_limit() -> None:
    lengths = _lengths()
    too_long = {name: n for name, n in lengths.items() if n > RULES["limit"] and name not in RULES["exceptions"]}
    assert not too_long, f"split by what they do (limit {RULES['limit']} lines): {too_long}"


def test_every_listed_exception_is_still_needed() -> None:
    lengths = _lengths()
    stale = [name for name in RULES["exceptions"] if lengths.get(name, 0) <= RULES["limit"]]
    assert not stale, f"no longer over the limit (or gone): remove from pyproject.toml: {stale}"
