"""/thong-bao: a signed-in user's reminders (the day's digests, each item linked to its task or data-entry page),
marked read, and the choice of how to get them (mail, the app only, none)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from planwatch.access.roles import Role
from planwatch.edits.reminders import set_preference
from planwatch.remind.deliver import mark_read, notifications
from planwatch.remind.digest import Channel
from planwatch.serve.auth import OPEN_MODE, actor
from planwatch.serve.rendering import open_session, page_lang, planning_edit, refused, render
from planwatch.store import models, reminder_models

router = APIRouter(include_in_schema=False)
EVERYONE = frozenset(Role)


@router.get("/thong-bao", response_class=HTMLResponse)
def notices(request: Request) -> Response:
    with open_session(request) as db:
        who = actor(request, db)
        if who is None:
            return refused(request, HTTPException(401, "cần đăng nhập (sign in first)"))
        user = db.scalar(select(models.User).where(models.User.username == who.username))
        listed = notifications(db, user.id) if user else []
        preference = db.get(reminder_models.ReminderPreference, user.id) if user else None
    return render(
        request,
        "notices.html",
        who=who,
        open_mode=who is OPEN_MODE,
        listed=listed,
        channel=preference.channel if preference else Channel.APP.value,
        email=preference.email if preference and preference.email else "",
        channels=[c.value for c in Channel],
        message=request.query_params.get("message", ""),
    )


@router.post("/thong-bao/da-doc")
def read(request: Request, csrf_token: Annotated[str | None, Form()] = None) -> Response:
    def change(db: Session, username: str) -> str:
        user_id = db.scalar(select(models.User.id).where(models.User.username == username))
        read = mark_read(db, user_id) if user_id is not None else 0
        return f"{read} thông báo đã đọc." if page_lang(request) == "vi" else f"{read} marked as read."

    return planning_edit(request, csrf_token, change, "/thong-bao", roles=EVERYONE)


@router.post("/thong-bao/cai-dat")
def settings(
    request: Request,
    channel: Annotated[Channel, Form()],
    email: Annotated[str, Form(max_length=200)] = "",
    csrf_token: Annotated[str | None, Form()] = None,
) -> Response:
    def change(db: Session, username: str) -> str:
        set_preference(db, username, channel, email, username)
        return "Đã lưu." if page_lang(request) == "vi" else "Saved."

    return planning_edit(request, csrf_token, change, "/thong-bao", roles=EVERYONE)
