"""Where a request comes from: a write sent by a page of another site is refused at the edge, with or without
accounts (a browser names the page's site in `Origin`, or at least in `Referer`, on every form or fetch POST; a
request naming neither comes from a program, not from a page, and meets the session and CSRF checks alone). A store
without accounts is one person's store on this machine: its writes are taken only from requests sent to a loopback
name, so a site whose name was pointed at 127.0.0.1 (DNS rebinding) cannot write either."""

from __future__ import annotations

import ipaddress
import os
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from planwatch.serve.guards import refuse

TRUSTED_PROXY = "PLANWATCH_TRUSTED_PROXY"  # addresses of the reverse proxies in front, comma-separated
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain"})


def is_loopback(host: str) -> bool:
    """127.0.0.1, ::1, localhost: an address or name only this machine reaches ("0.0.0.0" is every address)."""
    name = host.strip("[]").lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def client_address(request: Request) -> str:
    """The address a request came from: the peer's, or, when the peer is a proxy named in $PLANWATCH_TRUSTED_PROXY,
    the last address of X-Forwarded-For that is not one of those proxies (anyone can send that header; only the
    proxy's own entry can be believed)."""
    peer = request.client.host if request.client else ""
    trusted = {a.strip() for a in os.environ.get(TRUSTED_PROXY, "").split(",") if a.strip()}
    if peer not in trusted:
        return peer
    forwarded = [a.strip() for a in request.headers.get("x-forwarded-for", "").split(",") if a.strip()]
    return next((a for a in reversed(forwarded) if a not in trusted), peer)


def host_name(netloc: str) -> str:
    """The name of "host:port" or "[::1]:port", without the port."""
    return urlsplit(f"//{netloc}").hostname or ""


def same_site(headers: dict[bytes, bytes]) -> bool:
    """Whether the page that sent a write (its Origin, else its Referer) is on the host the write went to."""
    sent_from = (headers.get(b"origin") or headers.get(b"referer") or b"").decode("latin-1").strip()
    if not sent_from:
        return True  # not sent by a page
    host = headers.get(b"host", b"").decode("latin-1").lower()
    return bool(host) and urlsplit(sent_from).netloc.lower() == host


class SameOrigin:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in UNSAFE and not same_site(dict(scope["headers"])):
            await refuse(send, 403, "yêu cầu gửi từ trang của nơi khác, không nhận (cross-site request refused)")
            return
        await self.app(scope, receive, send)
