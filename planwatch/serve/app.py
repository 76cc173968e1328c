"""`create_app`: the FastAPI application. Pages are server-rendered Vietnamese HTML (English on request),
with their CSS, script and charts served by the app itself, so it works with no internet."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from anyio import to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match
from swagger_ui_bundle import swagger_ui_path

from planwatch.jobs.queue import OCR
from planwatch.jobs.worker import Worker
from planwatch.monitor.stored import refresh_if_free
from planwatch.serve import (
    agency_pages,
    api,
    auth,
    document_pages,
    downloads,
    entry_pages,
    indicator_pages,
    jobs,
    notice_pages,
    pages,
    review,
    task_pages,
)
from planwatch.serve.admission import Admission
from planwatch.serve.cache import StoreCache
from planwatch.serve.guards import BodyLimit, NoNulBytes, SecurityHeaders
from planwatch.serve.origin import SameOrigin
from planwatch.serve.page_cache import BUDGET_MB, PageCache
from planwatch.serve.rendering import not_found
from planwatch.store.db import open_engine, session_factory, statistics_if_missing
from planwatch.store.document_names import KeptNames

HERE = Path(__file__).parent
MAX_UPLOAD = 50 * 1024 * 1024
# Requests computed at once per process (AnyIO's default is 40): pages are computed in Python under one lock,
# so more threads add no speed, only the rows each one holds (20 signed-in users at 100.000 documents: 1,7 GB
# with 40, 482 MB with 4, 433 MB with 2 at the same or a higher rate); kept answers read their store mark on
# threads of their own (page_cache.MARK_THREADS)
REQUEST_THREADS = 2
READ_THREADS = 2  # uploads read at once: a file that takes its whole time limit holds one, not the queue


def create_app(db: str | Engine | None = None, page_cache_mb: int | None = None) -> FastAPI:
    """The app over a store given by URL (or an open engine, as tests do); the default store otherwise. Its
    ingest worker starts with the app (jobs left by a stopped server are read then) or at the first upload.
    `page_cache_mb`: the responses kept for readers not signed in ($PLANWATCH_PAGE_CACHE_MB, else 32; 0: none)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        to_thread.current_default_thread_limiter().total_tokens = REQUEST_THREADS
        statistics_if_missing(app.state.sessions.kw["bind"])  # a store filled by an older version plans well too
        refresh_if_free(app.state.sessions)  # what writes left unchecked (a stopped server, a script), checked first
        app.state.worker.start()
        app.state.ocr_worker.start()
        yield
        for worker in (app.state.worker, app.state.ocr_worker):
            worker.stop(wait=False)  # all at once: each ends at its next check
        for worker in (app.state.worker, app.state.ocr_worker):
            worker.stop()

    app = FastAPI(
        lifespan=lifespan,
        title="PlanWatch API",
        version="1.0",
        description="Số liệu, chỉ tiêu, nhiệm vụ và kiểm tra nhất quán từ văn bản kế hoạch, báo cáo.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.sessions = session_factory(db if isinstance(db, Engine) else open_engine(db))
    app.state.max_upload = MAX_UPLOAD
    app.state.cache = StoreCache()
    app.state.names = KeptNames()
    app.state.worker = Worker(app.state.sessions, threads=READ_THREADS)
    app.state.ocr_worker = Worker(app.state.sessions, lane=OCR)  # scans, page by page: they hold no other upload
    if page_cache_mb is None:
        page_cache_mb = int(os.environ.get("PLANWATCH_PAGE_CACHE_MB", BUDGET_MB))
    app.add_middleware(Admission)  # innermost: requests wait for their turn holding no store session
    app.add_middleware(PageCache, budget=page_cache_mb * 1024 * 1024)  # replays pass the guards and never wait
    app.add_middleware(BodyLimit)
    app.add_middleware(NoNulBytes)
    app.add_middleware(SameOrigin)
    app.add_middleware(SecurityHeaders)
    app.mount("/static/swagger", StaticFiles(directory=swagger_ui_path), name="swagger")
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        """Swagger UI from the app's own files (swagger-ui-bundle), so /docs works offline."""
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="PlanWatch API",
            swagger_js_url="/static/swagger/swagger-ui-bundle.js",
            swagger_css_url="/static/swagger/swagger-ui.css",
            swagger_favicon_url="/static/swagger/favicon-32x32.png",
        )

    app.include_router(api.router)
    app.include_router(jobs.router)
    app.include_router(auth.router)
    app.include_router(downloads.router)
    app.include_router(pages.router)
    app.include_router(indicator_pages.router)
    app.include_router(task_pages.router)
    app.include_router(document_pages.router)
    app.include_router(agency_pages.router)
    app.include_router(entry_pages.router)
    app.include_router(review.router)
    app.include_router(notice_pages.router)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        if request.url.path.startswith("/api/") or error.status_code != 404:
            headers = {"Allow": _allowed(app, request)} if error.status_code == 405 else error.headers
            return JSONResponse({"error": str(error.detail)}, status_code=error.status_code, headers=headers)
        return not_found(request)  # type: ignore[return-value]

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> JSONResponse:
        where = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors())
        return JSONResponse({"error": f"yêu cầu không hợp lệ — {where}"}, status_code=422)

    return app


def _allowed(app: FastAPI, request: Request) -> str:
    """Every method the path answers (Starlette names only those of the first route that matched the path)."""
    methods = {m for r in app.router.routes if isinstance(r, APIRoute) and r.matches(request.scope)[0] != Match.NONE
               for m in r.methods or ()}  # fmt: skip
    return ", ".join(sorted(methods))
