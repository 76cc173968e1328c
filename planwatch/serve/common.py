"""What every router of the app shares: a store session per request, the error body and the 4xx answers that
every operation may give."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request
from pydantic import BaseModel
from sqlalchemy.orm import Session, sessionmaker


def session(request: Request):  # type: ignore[no-untyped-def]
    factory: sessionmaker[Session] = request.app.state.sessions
    with factory() as opened:
        yield opened


Db = Annotated[Session, Depends(session)]


class Error(BaseModel):
    error: str


# Every operation may answer these: a parameter out of range or of the wrong type (422), a NUL byte or a value
# the store cannot use (400), a body over the upload limit (413), something that does not exist (404).
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": Error},
    404: {"model": Error},
    413: {"model": Error},
    422: {"model": Error},
}
