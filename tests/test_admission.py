"""The gate before the app: at most `admitted` requests inside at once, the rest waiting and then served; static
files pass by."""

from __future__ import annotations

import anyio
import httpx
import pytest
from starlette.types import Receive, Scope, Send

from planwatch.serve.admission import Admission


class Counting:
    """An app that answers after a pause and remembers how many requests it held at once."""

    def __init__(self) -> None:
        self.inside = 0
        self.most = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.inside += 1
        self.most = max(self.most, self.inside)
        await anyio.sleep(0.01)
        self.inside -= 1
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": scope["path"].encode()})


async def _get_all(app: Admission, paths: list[str]) -> list[httpx.Response]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        answers: list[httpx.Response] = []

        async def one(path: str) -> None:
            answers.append(await client.get(path))

        async with anyio.create_task_group() as group:
            for path in paths:
                group.start_soon(one, path)
        return answers


@pytest.mark.parametrize("admitted", [1, 3])
def test_at_most_the_admitted_requests_are_inside_and_every_one_is_served(admitted: int) -> None:
    inner = Counting()
    answers = anyio.run(_get_all, Admission(inner, admitted), [f"/api/status?n={i}" for i in range(20)])
    assert [a.status_code for a in answers] == [200] * 20
    assert inner.most == admitted


def test_static_files_do_not_wait_for_a_turn() -> None:
    inner = Counting()
    anyio.run(_get_all, Admission(inner, 1), [f"/static/app.css?n={i}" for i in range(10)])
    assert inner.most == 10
