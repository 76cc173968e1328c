"""Issue 30 in a real browser on ../shared/corpus: what a Bắc Giang planning official reads on each page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .conftest import copy_of
from .test_web_e2e import _serving, _shot, browser, page

pytestmark = pytest.mark.browser
__all__ = ["browser", "page"]  # the fixtures of the web tests, shared


@pytest.fixture(scope="module")
def corpus_url(corpus_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _serving(copy_of(corpus_template, tmp_path_factory.mktemp("official")))


def test_key_figures_are_the_body_figures_of_the_latest_report(page: Page, corpus_url: str) -> None:
    page.goto(corpus_url + "/?year=2024")
    figures = page.locator("main")
    expect(figures).to_contain_text("2.627,7 tỷ đồng")
    expect(figures).to_contain_text("992 doanh nghiệp")
    expect(figures).not_to_contain_text("327,3")
    expect(figures).not_to_contain_text("706 doanh nghiệp")
    _shot(page, "30-1-so-lieu-chinh")
    page.goto(corpus_url + "/chi-tieu/PUBLIC_INVESTMENT_DISBURSEMENT")
    expect(page.locator("main")).to_contain_text("2.627,7")
    expect(page.locator("main")).not_to_contain_text("327,3")
