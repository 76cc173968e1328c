"""The supervisor of several server processes (`planwatch serve --workers N` replaces its own process with
this one): it imports uvicorn and nothing of PlanWatch's store or pages, so it holds some 25 MB instead of the
115 MB of the command line's modules, while each server process it starts builds its app from the environment
(`PLANWATCH_DB`, `PLANWATCH_PAGE_CACHE_MB`).

    python -m planwatch.serve.supervise HOST PORT WORKERS
"""

from __future__ import annotations

import sys

import uvicorn

NO_DELAY = "planwatch.serve.tcp:NoDelayH11Protocol"  # imported by each server process
HEALTH_CHECK_SECONDS = 120
GRACE_SECONDS = 2  # SIGTERM: requests still open (an upload waiting for its job) get this long, then the server ends


def supervise(host: str, port: int, workers: int) -> None:
    # a worker computing a cold page of a large store holds the interpreter for seconds: uvicorn's 5-second
    # health check would kill it and drop every connection it serves; X-Forwarded-For is believed only from the
    # proxies $PLANWATCH_TRUSTED_PROXY names (serve/origin.py), never by uvicorn for any local peer
    uvicorn.run("planwatch.serve.app:create_app", factory=True, host=host, port=port, workers=workers,
                log_level="warning", timeout_worker_healthcheck=HEALTH_CHECK_SECONDS, http=NO_DELAY,
                timeout_graceful_shutdown=GRACE_SECONDS, proxy_headers=False)  # fmt: skip


if __name__ == "__main__":
    supervise(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
