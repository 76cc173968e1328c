"""Signing in and who may write: the session cookie (HttpOnly, SameSite=Lax, Secure over HTTPS) and a `csrftoken`
cookie whose value every cookie-authenticated write echoes (header X-CSRF-Token, or the form field csrf_token).
A store without accounts keeps the one-person localhost mode: nothing asks for a sign-in, and only requests sent to
this machine's own name may write (serve/origin.py)."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, HTTPException, Request, Response
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from planwatch.access import sessions as login_sessions
from planwatch.access import throttle
from planwatch.access.accounts import has_users, verified_user
from planwatch.access.locks import LockedPeriod, LockError, lock, locked_months, unlock
from planwatch.access.roles import PROVINCE_WRITERS, TASK_WRITERS, Role, may_update_task
from planwatch.access.sessions import Actor
from planwatch.edits.tasks import TaskError, record_update
from planwatch.monitor.tasks import assigned_agencies
from planwatch.serve.common import ERRORS, Db, Error
from planwatch.serve.origin import client_address, host_name, is_loopback
from planwatch.vocab.dates import DateError, parse_date

router = APIRouter(prefix="/api", responses=ERRORS)
SESSION_COOKIE, CSRF_COOKIE = "pw_session", "csrftoken"
OPEN_MODE = Actor("", Role.ADMIN, None, "")  # no accounts in the store: the person at the keyboard


class Credentials(BaseModel):
    username: Annotated[str, Field(min_length=1, max_length=100, pattern=r"^[^\x00]*$")]
    password: Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[^\x00]*$")]


class Me(BaseModel):
    username: str
    role: str
    agency: str | None


def actor(request: Request, db: Session) -> Actor | None:
    """The signed-in user, OPEN_MODE in a store without accounts, else None."""
    if not has_users(db):
        return OPEN_MODE
    return login_sessions.actor_for(db, request.cookies.get(SESSION_COOKIE))


def addressed_here(request: Request) -> bool:
    """The request names this server as its host: a loopback name, or the address it reached the server at."""
    host = host_name(request.headers.get("host", ""))
    server = request.scope.get("server")
    return is_loopback(host) or (server is not None and host == str(server[0]).lower())


def writer(request: Request, db: Session, roles: frozenset[Role], csrf_field: str | None = None) -> Actor:
    """The user allowed to make this change: 401 without a session, 403 for a role that may not or a missing
    or wrong CSRF token."""
    who = actor(request, db)
    if who is None:
        raise HTTPException(401, "cần đăng nhập (sign in first)")
    if who is OPEN_MODE:
        if not addressed_here(request):
            raise HTTPException(403, "kho chưa có tài khoản chỉ nhận thay đổi gửi tới máy này (localhost)")
        return who
    if who.role not in roles:
        raise HTTPException(403, f"vai trò “{who.role.label()}” không được làm việc này")
    sent = request.headers.get("x-csrf-token") or csrf_field
    if not sent or sent != who.csrf_token:
        raise HTTPException(403, "thiếu hoặc sai mã chống giả mạo (CSRF token): tải lại trang rồi thử lại")
    return who


def sign_in(request: Request, db: Session, response: Response, username: str, password: str) -> Me:
    address = client_address(request)
    until = throttle.blocked_until(db, username, address)
    if until is not None:
        wait = max(1, math.ceil((until - datetime.now()).total_seconds()))
        told = f"đăng nhập sai quá nhiều lần: thử lại sau {until:%H:%M:%S} (khoảng {math.ceil(wait / 60)} phút nữa)"
        raise HTTPException(429, told, headers={"Retry-After": str(wait)})
    user = verified_user(db, username, password)
    if user is None:
        throttle.failed(db, username, address)
        db.commit()
        raise HTTPException(401, "sai tên đăng nhập hoặc mật khẩu")
    token, csrf = login_sessions.start(db, user)
    db.commit()
    secure = request.url.scheme == "https"
    response.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="lax", secure=secure)
    response.set_cookie(CSRF_COOKIE, csrf, httponly=False, samesite="lax", secure=secure)
    return Me(username=user.username, role=user.role, agency=user.agency)


@router.post("/login", response_model=Me, responses={401: {"model": Error}, 429: {"model": Error}})
def login(request: Request, db: Db, response: Response, credentials: Credentials) -> Me:
    """Sign in: sets the session cookie and the `csrftoken` cookie."""
    return sign_in(request, db, response, credentials.username, credentials.password)


def sign_out(request: Request, db: Session, response: Response, csrf_field: str | None = None) -> None:
    """The session ends only with its CSRF token (header or form field): another site cannot sign anyone out."""
    who = login_sessions.actor_for(db, request.cookies.get(SESSION_COOKIE))
    if who is not None:
        if (request.headers.get("x-csrf-token") or csrf_field) != who.csrf_token:
            raise HTTPException(403, "thiếu hoặc sai mã chống giả mạo (CSRF token): tải lại trang rồi thử lại")
        login_sessions.end(db, request.cookies.get(SESSION_COOKIE))
        db.commit()
    response.delete_cookie(SESSION_COOKIE)
    response.delete_cookie(CSRF_COOKIE)


@router.post("/logout", status_code=204, responses={403: {"model": Error}})
def logout(request: Request, db: Db) -> Response:
    """Sign out (header X-CSRF-Token, as every write)."""
    response = Response(status_code=204)
    sign_out(request, db, response)
    return response


@router.get("/me", response_model=Me, responses={401: {"model": Error}})
def me(request: Request, db: Db) -> Me:
    who = actor(request, db)
    if who is None:
        raise HTTPException(401, "chưa đăng nhập")
    return Me(username=who.username or "local", role=who.role.value, agency=who.agency)


def update_task(
    request: Request,
    doc: str,
    ref: str,
    reported_on: str,
    done_on: str | None,
    note: str,
    evidence: str,
    author: str,
    csrf_field: str | None = None,
) -> str:
    """One task update, by whoever may make it (an agency: its own tasks), audited in the same transaction.
    Returns the name it was stored under; raises TaskError (bad content) or HTTPException (who)."""
    with request.app.state.sessions.begin() as db:
        who = writer(request, db, TASK_WRITERS, csrf_field)
        if not may_update_task(who.role, who.agency, assigned_agencies(db, doc, ref)):  # nor another's task by ID
            raise HTTPException(403, f"nhiệm vụ {ref} không giao cho cơ quan của bạn")
        name = who.username or author
        try:
            day, done = parse_date(reported_on), parse_date(done_on) if done_on else None
        except DateError as error:
            raise TaskError(str(error)) from error
        try:
            record_update(db, doc, ref, day, done, note, evidence, name)
        except LockedPeriod as error:
            raise HTTPException(409, str(error)) from error
    return name


class LockIn(BaseModel):
    reason: Annotated[str, Field(max_length=1000, pattern=r"^[^\x00]*$")] = ""


class LockOut(BaseModel):
    month: str
    locked_by: str
    locked_at: datetime
    reason: str


@router.get("/periods", response_model=list[LockOut])
def periods(db: Db) -> list[LockOut]:
    """The closed months."""
    return [
        LockOut(month=p.month, locked_by=p.locked_by, locked_at=p.locked_at, reason=p.reason) for p in locked_months(db)
    ]


@router.post("/periods/{month}/lock", status_code=201, responses={401: {"model": Error}, 403: {"model": Error}})
def lock_period(request: Request, month: str, body: LockIn) -> dict[str, str]:
    """Close a month (planning, admin): its task updates answer 409 until an admin reopens it."""
    with request.app.state.sessions.begin() as db:
        who = writer(request, db, PROVINCE_WRITERS)
        _changed(lambda: lock(db, month, who.username or "local", body.reason))
    return {"status": "locked", "month": month}


@router.post("/periods/{month}/unlock", responses={401: {"model": Error}, 403: {"model": Error}})
def unlock_period(request: Request, month: str, body: LockIn) -> dict[str, str]:
    """Reopen a month (admin only), with a reason."""
    with request.app.state.sessions.begin() as db:
        who = writer(request, db, frozenset({Role.ADMIN}))
        _changed(lambda: unlock(db, month, who.username or "local", body.reason))
    return {"status": "unlocked", "month": month}


def _changed(change: Callable[[], None]) -> None:
    try:
        change()
    except LockError as error:
        raise HTTPException(400, str(error)) from error
