"""What every page module shares: the templates and their filters, the page's language, rendering with the
signed-in user and the language switch, the 404 page, and the way a form's write is refused or made."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape
from sqlalchemy.orm import Session

from planwatch.access.locks import LockError
from planwatch.access.roles import PROVINCE_WRITERS, Role
from planwatch.edits.plans import PlanEditError
from planwatch.edits.reminders import PreferenceError
from planwatch.monitor.projection import shown
from planwatch.monitor.tasks import whole_text
from planwatch.remind.deliver import unread_of
from planwatch.serve.audit_words import entity_words, fields_words
from planwatch.serve.auth import OPEN_MODE, actor, writer
from planwatch.serve.cache import names_of_documents
from planwatch.serve.downloads import download_links
from planwatch.serve.holes import CSRF, NOTICES, STATE_KEY, Reader, fill, holed
from planwatch.serve.labels import LABELS, VALUES_EN
from planwatch.serve.view import PROVINCE_COOKIE
from planwatch.store import models
from planwatch.view import View
from planwatch.vocab.numbers import format_number
from planwatch.vocab.periods import date_words, parse_period, period_words
from planwatch.vocab.provinces import lineage

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")


def document_title(document: models.Document, lang: str = "vi") -> str:
    """The title read from the document, else its kind and period ("Báo cáo năm 2023"), else its key."""
    if document.title:
        return document.title
    period = period_words(parse_period(document.period_start, document.period_end), lang) if document.period_end else ""
    words = " ".join(w for w in ((document.kind or "").capitalize() if lang == "vi" else "", period) if w)
    return words or document.doc_key


def document_number(document: models.Document) -> str:
    """ "Số: 123/BC-UBND"; a number left blank in a draft ("/KH-UBND") shows its blank."""
    if not document.symbol:
        return ""
    return f"Số: {'…' if document.symbol.startswith('/') else ''}{document.symbol}"


@pass_context
def _period(context: Context, start: str | None, end: str | None) -> str:
    return period_words(parse_period(start, end), context.get("lang", "vi")) if end else ""


@pass_context
def _span(context: Context, span: str) -> str:
    """ "2024-01–2024-06" (as findings and exports keep a period) in words."""
    start, _, end = span.partition("–")
    return _period(context, start if end else None, end or start)


@pass_context
def _num(context: Context, value: float | None) -> str:
    """A figure in the page's language ("96.058,5" in Vietnamese, "96,058.5" in English), to two decimals."""
    if value is None:
        return ""
    return format_number(round(value, 2) if isinstance(value, float) else value, lang=context.get("lang", "vi"))


@pass_context
def _date_words(context: Context, day: date | None) -> str:
    """A day shown to the reader in the page's language ("5 July 2025" in English); a form's field keeps dd/mm/yyyy."""
    return date_words(day, context.get("lang", "vi")) if day else ""


@pass_context
def _title(context: Context, document: models.Document) -> str:
    return document_title(document, context.get("lang", "vi"))


@pass_context
def _docname(context: Context, key: str | None) -> str:
    """A document named in words where a person reads ("Báo cáo 6 tháng đầu năm 2024"), never its key."""
    return context.get("doc_names", {}).get(key, key) if key else ""


templates.env.filters["title"] = _title
templates.env.filters["docname"] = _docname
templates.env.filters["whole_text"] = whole_text  # a task's whole text, never cut mid-sentence
templates.env.filters["entity_words"] = pass_context(
    lambda context, entity: entity_words(entity, context["t"], context.get("doc_names", {}))
)
templates.env.filters["fields_words"] = pass_context(
    lambda context, fields: fields_words(fields, context["t"], context.get("lang", "vi"))
)
templates.env.globals["zip"] = zip


@pass_context
def _province_label(context: Context, name: str) -> str:
    """A province of the selector: "Bắc Ninh (từ 1/7/2025) · gồm Bắc Giang, Bắc Ninh cũ" for one formed by the 2025
    reorganisation, the name alone for any other."""
    unit, words = lineage().today(name), context["t"]
    if unit is None or not unit.merged or not unit.is_named_by(name):
        return name
    since = f"{unit.since.day}/{unit.since.month}/{unit.since.year}"
    olds = ", ".join(unit.predecessor_names(words["former_province"]))
    return str(words["province_merged"].format(name=unit.name, since=since, predecessors=olds))


templates.env.globals["province_label"] = _province_label
templates.env.filters["number"] = document_number
templates.env.filters["period"] = _period
templates.env.filters["span"] = _span
templates.env.filters["num"] = _num
templates.env.filters["date_words"] = _date_words
templates.env.filters["shown"] = shown  # a computed figure as PlanWatch says it (monitor/projection.py)


def page_lang(request: Request) -> str:
    wanted = request.query_params.get("lang") or request.cookies.get("lang") or "vi"
    return wanted if wanted in LABELS else "vi"


def render(request: Request, template: str, **context: Any) -> HTMLResponse:
    lang = page_lang(request)
    values = VALUES_EN if lang == "en" else {}

    def downloads(name: str, filters: str = "") -> Markup:
        return download_links(name, "&".join(q for q in (request.url.query, filters) if q))

    with open_session(request) as db:
        who = context.pop("who") if "who" in context else actor(request, db)  # the page may have asked already
        doc_names = names_of_documents(request, db, lang)
    shared = {
        "t": LABELS[lang],
        "lang": lang,
        "tr": lambda text: values.get(text, text),
        "downloads": downloads,
        "doc_names": doc_names,
    }
    shared |= {"who": who, "csrf": "", "accounts": who is not OPEN_MODE}
    reader = None
    if who is not None and who is not OPEN_MODE:  # written for the role, filled for the reader (serve/holes.py)
        with open_session(request) as db:
            reader = Reader(who, unread_of(db, who.username))
        shared |= {"who": holed(who), "csrf": CSRF.decode(), "notices": NOTICES.decode()}
    other = "en" if lang == "vi" else "vi"
    shared["switch"] = "?" + urlencode({**request.query_params, "lang": other})  # the switch keeps the page's query
    if isinstance(context.get("view"), View):  # the province selector of a store of several
        shared |= {"province": context["view"].province, "provinces": context["view"].provinces}
    response = templates.TemplateResponse(request, template, {**shared, **context})
    if reader is not None:
        setattr(request.state, STATE_KEY, response.body)
        response.body = fill(bytes(response.body), reader)
        response.headers["content-length"] = str(len(response.body))
    if request.query_params.get("lang") in LABELS:
        response.set_cookie("lang", lang, samesite="lax")
    view = context.get("view")
    if isinstance(view, View) and view.province and request.query_params.get("province"):
        response.set_cookie(PROVINCE_COOKIE, quote(view.province), samesite="lax")  # the choice, remembered
    return response


def open_session(request: Request) -> Session:
    return request.app.state.sessions()  # type: ignore[no-any-return]


def not_found(request: Request) -> HTMLResponse:
    t = LABELS[page_lang(request)]
    response = render(request, "message.html", title="404", message=t["not_found"])
    response.status_code = 404
    return response


def refused(request: Request, error: HTTPException) -> HTMLResponse:
    """A form's write refused (not signed in, another agency's task, a stale page): the reason, with its status."""
    title = f"{LABELS[page_lang(request)]['not_saved']} ({error.status_code})"
    response = render(request, "message.html", title=title, message=str(error.detail))
    response.status_code = error.status_code
    return response


def planning_edit(
    request: Request,
    csrf: str | None,
    change: Callable[[Session, str], str],
    back: str,
    anchor: str = "",
    roles: frozenset[Role] = PROVINCE_WRITERS,
) -> Response:
    """An edit from a form that the Planning Department (or `roles`) may make: checked, made in one transaction
    with its audit row, and its outcome (or why it was not made) shown as a message on `back`; the server's
    worker then checks what it touched (the pages say a check is coming until it is done)."""
    try:
        with request.app.state.sessions.begin() as db:
            who = writer(request, db, roles, csrf)
            message = change(db, who.username)
        request.app.state.worker.wake()
    except (PlanEditError, LockError, PreferenceError) as error:
        message = f"{LABELS[page_lang(request)]['not_saved']}: {error}"
    except HTTPException as error:
        return refused(request, error)
    joiner = "&" if "?" in back else "?"
    return RedirectResponse(f"{back}{joiner}message={quote(message)}{anchor}", status_code=303)


def marked(text: str, marks: tuple[tuple[int, int], ...]) -> Markup:
    """The passage with its hits in <mark>."""
    out, pos = [], 0
    for start, end in marks:
        out.append(str(escape(text[pos:start])) + f"<mark>{escape(text[start:end])}</mark>")
        pos = end
    return Markup("".join(out) + str(escape(text[pos:])))


def next_page(request: Request, offset: int) -> str:
    """This page's address with its filters and the next offset."""
    return "?" + urlencode({**request.query_params, "offset": offset})
