"""Data entry in the browser: an agency enters its month's figures (`/nhap-so-lieu`), the Planning Department sees
who has submitted, on time or late, and approves (`/nhap-so-lieu/tong-hop`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from planwatch.access.entry import (
    EntryError,
    approve,
    completeness,
    doubtful,
    due,
    parse_entry,
    reporting,
    submit,
    window,
)
from planwatch.access.locks import LockedPeriod, lock, locked_months, unlock
from planwatch.access.roles import PROVINCE_WRITERS, TASK_WRITERS, Role
from planwatch.access.sessions import Actor
from planwatch.extract.agencies import default_registry
from planwatch.serve.auth import actor, writer
from planwatch.serve.rendering import open_session, page_lang, planning_edit, refused, render
from planwatch.vocab.catalogue import default_catalogue
from planwatch.vocab.periods import Month, Period, period_words

router = APIRouter(include_in_schema=False)
CsrfForm = Annotated[str | None, Form()]
MONTH = r"^(19|20)\d{2}-(0[1-9]|1[0-2])$"  # YYYY-MM of a real month
MonthQuery = Annotated[str | None, Query(pattern=MONTH)]


def _month(text: str | None) -> Month:
    if text:
        return Month(int(text[:4]), int(text[5:]))
    today = date.today()
    return Month(today.year, today.month)


def _agency_for(who: Actor | None, asked: str | None) -> str:
    """An agency account enters for its own agency only; planning and admins choose one."""
    if who is not None and who.role is Role.AGENCY:
        if asked and asked != who.agency:
            raise HTTPException(403, "chỉ nhập được số liệu của cơ quan mình")
        return who.agency or ""
    agency = asked or next(iter(reporting()))
    if agency not in reporting():
        raise HTTPException(404, f"cơ quan “{agency}” không có chỉ tiêu phải báo cáo")
    return agency


@router.get("/nhap-so-lieu", response_class=HTMLResponse)
def entry_form(request: Request, month: MonthQuery = None, agency: str | None = None) -> Response:
    chosen = _month(month)
    with open_session(request) as db:
        who = actor(request, db)
    try:
        code = _agency_for(who, agency)
    except HTTPException as error:
        return refused(request, error)
    return _form(request, code, chosen, {}, "")


def _form(
    request: Request,
    agency: str,
    month: Month,
    problems: dict[str, str],
    message: str,
    values: Mapping[str, str] | None = None,
    confirm: bool = False,
) -> HTMLResponse:
    """The month's form; after an error or a doubt the figures typed are kept (`values`), and `confirm` asks the
    person to confirm figures far off the previous period's."""
    catalogue = default_catalogue()
    opens, closes = window(month)
    response = render(
        request,
        "entry.html",
        agency=agency,
        agencies=[(code, default_registry().name_of(code)) for code in reporting()],
        month=str(month),
        month_words=period_words(Period(month, month), page_lang(request)),
        to_date_words=period_words(Period(Month(month.year, 1), month), page_lang(request)),
        indicators=[catalogue.indicators[c] for c in reporting().get(agency, ())],
        opens=opens,
        closes=closes,
        due=due(month),
        problems=problems,
        message=message,
        values=values or {},
        confirm=confirm,
    )
    if problems and not confirm:
        response.status_code = 400
    return response


@router.post("/nhap-so-lieu")
async def entry_submit(request: Request) -> Response:
    form = {k: str(v) for k, v in (await request.form()).items()}
    month_text, asked = form.get("month", ""), form.get("agency")
    if not re.fullmatch(MONTH, month_text):
        return refused(request, HTTPException(400, f"kỳ “{month_text[:20]}” không phải một tháng dạng YYYY-MM"))
    month = Month(int(month_text[:4]), int(month_text[5:7]))
    try:
        with request.app.state.sessions.begin() as db:
            who = writer(request, db, TASK_WRITERS, form.get("csrf_token"))
            agency = _agency_for(who, asked)
            lines = parse_entry(form, agency)
            doubts = {} if form.get("confirm") else doubtful(db, month, lines)
            if doubts:  # asked again, the figures kept, before anything is stored
                return _form(request, agency, month, doubts, "", form, confirm=True)
            submit(db, agency, month, lines, who.username or form.get("author", "").strip() or "local")
        request.app.state.worker.wake()  # the submission's figures are checked by the worker
    except EntryError as error:
        return _form(request, asked or "", month, error.problems, "", form)
    except LockedPeriod as error:
        return refused(request, HTTPException(409, str(error)))
    except HTTPException as error:
        return refused(request, error)
    saved = f"Đã gửi số liệu {period_words(Period(month, month))}."
    return RedirectResponse(f"/nhap-so-lieu?month={month}&agency={agency}&message={quote(saved)}", status_code=303)


@router.get("/nhap-so-lieu/tong-hop", response_class=HTMLResponse)
def entry_overview(request: Request, month: MonthQuery = None, message: str = "") -> Response:
    chosen = _month(month)
    with open_session(request) as db:
        rows = completeness(db, chosen)
        who = actor(request, db)
        lock = next((p for p in locked_months(db) if p.month == str(chosen)), None)
    can_approve = who is not None and who.role in PROVINCE_WRITERS
    return render(
        request,
        "entry_overview.html",
        who=who,
        rows=rows,
        month=str(chosen),
        month_words=period_words(Period(chosen, chosen), page_lang(request)),
        due=due(chosen),
        can_approve=can_approve,
        can_unlock=who is not None and who.role == Role.ADMIN,
        lock=lock,
        message=message,
    )


MonthForm = Annotated[str, Form(max_length=7, pattern=MONTH)]
ReasonForm = Annotated[str, Form(max_length=500)]


@router.post("/nhap-so-lieu/khoa")
def entry_lock(request: Request, month: MonthForm, reason: ReasonForm = "", csrf_token: CsrfForm = None) -> Response:
    """Planning closes a month: its entries, corrections and task updates are refused until an admin reopens it."""
    said = ("Đã khoá kỳ {month}.", "{month} is locked.")
    return _period_change(
        request, csrf_token, lambda db, by: lock(db, month, by, reason), month, said, PROVINCE_WRITERS
    )


@router.post("/nhap-so-lieu/mo-khoa")
def entry_unlock(request: Request, month: MonthForm, reason: ReasonForm = "", csrf_token: CsrfForm = None) -> Response:
    """An admin reopens a month, with a reason."""
    said = ("Đã mở khoá kỳ {month}.", "{month} is open again.")
    admins = frozenset({Role.ADMIN})
    return _period_change(request, csrf_token, lambda db, by: unlock(db, month, by, reason), month, said, admins)


def _period_change(
    request: Request,
    csrf: str | None,
    change: Callable[[Session, str], None],
    month: str,
    said: tuple[str, str],
    roles: frozenset[Role],
) -> Response:
    def made(db: Session, username: str) -> str:
        change(db, username or "local")
        return said[0 if page_lang(request) == "vi" else 1].format(month=month)

    return planning_edit(request, csrf, made, f"/nhap-so-lieu/tong-hop?month={quote(month)}", roles=roles)


@router.post("/nhap-so-lieu/duyet")
def entry_approve(
    request: Request,
    key: Annotated[str, Form(max_length=200)],
    month: Annotated[str, Form(max_length=7)],
    csrf_token: Annotated[str | None, Form()] = None,
) -> Response:
    try:
        with request.app.state.sessions.begin() as db:
            who = writer(request, db, PROVINCE_WRITERS, csrf_token)
            approve(db, key, who.username or "local")
    except EntryError as error:
        return refused(request, HTTPException(404, str(error)))
    except HTTPException as error:
        return refused(request, error)
    return RedirectResponse(
        f"/nhap-so-lieu/tong-hop?month={quote(month)}&message={quote('Đã duyệt.')}", status_code=303
    )
