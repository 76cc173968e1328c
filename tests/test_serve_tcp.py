"""Nagle's algorithm is off on the server's connections even when the listening socket was bound the way
uvicorn binds it for several workers (protocol number 0), over real sockets."""

from __future__ import annotations

import asyncio
import socket

import pytest
from uvicorn.config import Config
from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.server import ServerState

from planwatch.serve.tcp import NoDelayH11Protocol


async def _no_app(scope: object, receive: object, send: object) -> None:
    """No request is sent: only the connection is looked at."""


def _nodelay_of_accepted(protocol: type[H11Protocol]) -> int:
    async def accept_one() -> int:
        config = Config(app=_no_app, log_level="warning")
        config.load()
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)  # proto 0, as uvicorn's bind_socket
        listener.bind(("127.0.0.1", 0))
        made: list[H11Protocol] = []

        def factory() -> H11Protocol:
            made.append(protocol(config=config, server_state=ServerState(), app_state={}))
            return made[-1]

        server = await asyncio.get_running_loop().create_server(factory, sock=listener)
        _, writer = await asyncio.open_connection(*listener.getsockname())
        async with asyncio.timeout(10):  # the accept callback runs on the next turns of the loop
            while not made:
                await asyncio.sleep(0.01)
        accepted = made[0].transport.get_extra_info("socket")
        writer.close()
        server.close()
        return int(accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))

    return asyncio.run(accept_one())


@pytest.mark.parametrize(("protocol", "nodelay"), [(H11Protocol, False), (NoDelayH11Protocol, True)])
def test_accepted_connections_send_at_once_only_with_our_protocol(protocol: type[H11Protocol], nodelay: bool) -> None:
    assert bool(_nodelay_of_accepted(protocol)) is nodelay
