"""uvicorn's HTTP/1.1 protocol with Nagle's algorithm off on every connection.

With `--workers N` uvicorn binds the listening socket itself, with its protocol number left at 0; asyncio only
turns TCP_NODELAY on for accepted sockets that say IPPROTO_TCP, so every keep-alive answer after the first
waited about 40 ms for the browser's delayed ACK (uvicorn issue #3149, open). The protocol sets it itself."""

from __future__ import annotations

import asyncio
import socket

from uvicorn.protocols.http.h11_impl import H11Protocol


class NoDelayH11Protocol(H11Protocol):
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)
