"""The one place a request says what it is about: `PageView` for pages (a store of several provinces is seen one
province at a time, the choice remembered in a cookie) and `ApiView` for the API and the downloads (the whole
store unless `province` is asked). Both read the same query parameters: `province` (any spelling), `year`
(else the latest year with actual figures), `lang` (else the cookie, else Vietnamese) and `as_of` (dd/mm/yyyy,
else today)."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated
from urllib.parse import unquote

from fastapi import Depends, HTTPException, Query, Request
from sqlalchemy.orm import Session

from planwatch.query.years import default_year
from planwatch.serve.common import Db
from planwatch.store.current import provinces_by_count
from planwatch.store.freshness import OF_DOCUMENTS
from planwatch.view import View, make_view
from planwatch.vocab.dates import DateError, parse_date

PROVINCE_COOKIE = "province"


class ViewOf:
    """A FastAPI dependency building the request's `View`; `pages` for the pages' rules (one province at a time,
    remembered; a day that cannot be read is today, with the reason in `View.notice`)."""

    def __init__(self, pages: bool) -> None:
        self.pages = pages

    def __call__(
        self,
        request: Request,
        db: Db,
        province: Annotated[str | None, Query(max_length=100, description="a province, any spelling")] = None,
        year: Annotated[int | None, Query(ge=1990, le=2100, description="else the latest with figures")] = None,
        lang: Annotated[str | None, Query(pattern="^(vi|en)$")] = None,
        as_of: Annotated[str | None, Query(max_length=20, description="dd/mm/yyyy; else today")] = None,
    ) -> View:
        notice = ""
        try:
            day = parse_date(as_of) if as_of else None
        except DateError as error:
            if not self.pages:
                raise HTTPException(400, str(error)) from error
            day, notice = None, str(error)
        if self.pages:
            province = province or unquote(request.cookies.get(PROVINCE_COOKIE, "")) or None
        lang = lang or request.cookies.get("lang") or "vi"
        provinces, latest = _store_basics(request, db)
        view = make_view(db, province, year or latest, lang, day, self.pages, provinces)
        return replace(view, notice=notice) if notice else view


def _store_basics(request: Request, db: Session) -> tuple[list[str], int]:
    """The store's provinces (the one with the most current documents first) and the latest year with actual
    figures, computed once per state of the store."""

    def compute() -> tuple[list[str], int]:
        return provinces_by_count(db), default_year(db)

    return request.app.state.cache.get(db, "store-basics", (), compute, reads=OF_DOCUMENTS)  # type: ignore[no-any-return]


PageView = Annotated[View, Depends(ViewOf(pages=True))]
ApiView = Annotated[View, Depends(ViewOf(pages=False))]
