"""`planwatch provinces`: today's provinces and cities with the units each was formed from, and since when
(vocab/data/provinces.yaml), with how many current documents of the store each holds."""

from __future__ import annotations

from collections import Counter

from rich.table import Table
from sqlalchemy import func, select

from planwatch.cli.app import app, console, say, sessions
from planwatch.store import models
from planwatch.vocab.provinces import lineage


@app.command()
def provinces() -> None:
    """Các tỉnh, thành phố hiện nay và các đơn vị hợp thành (Nghị quyết 202/2025/QH15)."""
    known = lineage()
    held: Counter[str] = Counter()
    with sessions()() as session:
        d = models.Document
        counted = select(d.province, func.count()).where(d.is_current.is_(True), d.province.is_not(None))
        for name, count in session.execute(counted.group_by(d.province)):
            unit = known.today(name or "")
            held[unit.name if unit else name or ""] += count
    table = Table(*say("province_columns"), title=say("provinces_title").format(resolution=known.resolution))
    for unit in sorted(known.units, key=lambda u: (-held[u.name], not u.merged, u.name)):
        since = f"{unit.since:%d/%m/%Y}" if unit.merged else ""
        formed = ", ".join(unit.predecessor_names()) if unit.merged else say("not_rearranged")
        table.add_row(unit.name, unit.kind, formed, since, str(held[unit.name] or ""))
    console.print(table)
