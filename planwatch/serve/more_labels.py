"""The words of the pages about projections and reminders (data/labels.yaml), in each language: `render` gives the
templates LABELS with these added, and the downloads and the command line read them here."""

from __future__ import annotations

from importlib import resources

import yaml

MORE_LABELS: dict[str, dict[str, str]] = yaml.safe_load(
    resources.files("planwatch.serve").joinpath("data/labels.yaml").read_text(encoding="utf-8")
)
