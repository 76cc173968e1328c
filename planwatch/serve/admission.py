"""How many requests are computed at once, decided before any of them opens a store session.

FastAPI runs a request's dependencies and its handler as separate steps on the thread pool: with twenty readers
at once, each opened its session (and took a connection for its view's queries) and then waited for a thread to
run its handler, so the pool's connections were all held by waiting requests and one of them failed after 30 s.
Requests now wait here, holding nothing, and at most `ADMITTED` are inside the app; static files and the answers
kept by the page cache (which sits outside this gate) never wait."""

from __future__ import annotations

import anyio
from starlette.types import ASGIApp, Receive, Scope, Send

ADMITTED = 4  # the request threads (serve/app.py's REQUEST_THREADS) and as many reading their request or view
PASSED = ("/static",)


class Admission:
    def __init__(self, app: ASGIApp, admitted: int = ADMITTED) -> None:
        self.app = app
        self.admitted = admitted
        self._gate: anyio.CapacityLimiter | None = None  # made in the event loop, at the first request

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(PASSED):
            await self.app(scope, receive, send)
            return
        self._gate = self._gate or anyio.CapacityLimiter(self.admitted)
        async with self._gate:
            await self.app(scope, receive, send)
