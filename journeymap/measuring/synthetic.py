"""Realistic synthetic exports (survey answers and support tickets), the same for the same seed.

Why: tests need data with known properties, the benchmark needs ten million
rows, and the README demo needs a few thousand; none may contain a real
customer. Every row is computed from its number and the seed (DuckDB's
``hash``), never from a random generator's state, so the data do not depend
on threads, and DuckDB writes them straight to CSV, Parquet or JSON without
holding them in memory.

Surveys: respondent_id, answered_at, touchpoint, channel, segment, nps (0-10),
csat (1-5), ces (1-7, higher = easier), each touchpoint with its own level,
a trend over the year, a segment effect, and unanswered questions.
Tickets: ticket_id, opened_at, closed_at, channel, touchpoint, segment,
first_contact_resolved, wait_seconds, reopened, abandoned.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: Touchpoints of examples/telecom-support.yaml that customers answer surveys about or open tickets at.
TELECOM_TOUCHPOINTS = (
    ("online-order", "web"),
    ("phone-sales", "phone"),
    ("installation-visit", "field_service"),
    ("first-bill", "email"),
    ("router-drops", "self_service"),
    ("support-chatbot", "chatbot"),
    ("ivr", "phone"),
    ("live-chat-agent", "live_chat"),
    ("phone-agent-tier1", "phone"),
    ("social-complaint", "social"),
    ("tier2-escalation", "phone"),
    ("technician-visit", "field_service"),
)
SEGMENTS = (("maya", 0.55, 0.3), ("walter", 0.3, -0.7), ("other", 0.15, 0.0))
START = dt.datetime(2024, 1, 1)
DAYS = 366
_CHANNELS = ("web", "phone", "live_chat", "chatbot", "email", "social", "field_service", "self_service")


@dataclass(frozen=True)
class Profile:
    """How one touchpoint's customers answer and how its tickets go."""

    id: str
    channel: str
    weight: float
    nps: float
    csat: float
    ces: float
    trend: float
    fcr: float
    wait: float
    resolve_hours: float
    reopen: float
    abandon: float


def profiles(touchpoints: int | Sequence[tuple[str, str]] = TELECOM_TOUCHPOINTS, seed: int = 17) -> list[Profile]:
    """One profile per touchpoint, drawn from ``seed``: ``40`` makes touchpoint-01 ... touchpoint-40."""
    chosen: Sequence[tuple[str, str]]
    if isinstance(touchpoints, int):
        chosen = [(f"touchpoint-{i + 1:02d}", _CHANNELS[i % len(_CHANNELS)]) for i in range(touchpoints)]
    else:
        chosen = touchpoints
    draw = random.Random(seed)
    result = []
    for tp_id, channel in chosen:
        quality = draw.random()
        result.append(
            Profile(
                id=tp_id,
                channel=channel,
                weight=round(draw.uniform(0.3, 3.0), 3),
                nps=round(5.2 + 3.8 * quality, 3),
                csat=round(2.7 + 2.0 * quality, 3),
                ces=round(3.0 + 3.3 * quality + draw.uniform(-0.4, 0.4), 3),
                trend=round(draw.uniform(-0.8, 0.8), 3),
                fcr=round(0.45 + 0.45 * quality, 3),
                wait=round(draw.uniform(15, 600), 1),
                resolve_hours=round(draw.uniform(0.5, 72), 2),
                reopen=round(0.2 - 0.15 * quality, 3),
                abandon=round(draw.uniform(0.02, 0.25), 3) if channel in ("phone", "live_chat") else 0.0,
            )
        )
    return result


def write_surveys(
    path: str | Path,
    rows: int,
    seed: int = 17,
    touchpoints: int | Sequence[tuple[str, str]] = TELECOM_TOUCHPOINTS,
    threads: int | None = None,
) -> None:
    """Write ``rows`` survey responses to ``path`` (.csv, .parquet or .json by extension)."""
    _write(path, _SURVEYS, rows, seed, profiles(touchpoints, seed), threads, salt=0)


def write_tickets(
    path: str | Path,
    rows: int,
    seed: int = 17,
    touchpoints: int | Sequence[tuple[str, str]] = TELECOM_TOUCHPOINTS,
    threads: int | None = None,
) -> None:
    """Write ``rows`` support tickets to ``path`` (.csv, .parquet or .json by extension)."""
    _write(path, _TICKETS, rows, seed, profiles(touchpoints, seed), threads, salt=100)


# Per row: uniform numbers u(k) in (0, 1) from the hash of one integer made of (seed, row, k); z standard
# normal (Box-Muller). One integer, not hash(a, b, c): DuckDB combines several arguments' hashes weakly.
_U = "((hash($seed * 1099511627776 + i * 256 + $salt + {k}) >> 11)::DOUBLE + 0.5) / 9007199254740992.0"
_Z = "(sqrt(-2 * ln({u1})) * cos(2 * pi() * {u2}))"

_BASE = """
WITH rows AS (
  SELECT i, $buckets[1 + floor({u0} * 1000)::INTEGER] AS t, {u1} AS day_u, {u2} AS seg_u
  FROM range($rows) AS r(i)
), placed AS (
  SELECT *, CASE WHEN seg_u < $seg1 THEN 1 WHEN seg_u < $seg2 THEN 2 ELSE 3 END AS s,
    $start::TIMESTAMP + to_seconds(floor(day_u * $days * 86400)::BIGINT) AS ts
  FROM rows
)
"""

_SURVEYS = (
    _BASE
    + """
SELECT i + 1 AS respondent_id, ts AS answered_at, $ids[t] AS touchpoint, $channels[t] AS channel,
  $segments[s] AS segment,
  CASE WHEN {u3} < 0.08 THEN NULL ELSE least(10, greatest(0, round(
    $nps[t] + $shift[s] * 1.5 + $trend[t] * day_u * 1.5 + 1.9 * (0.6 * {z45} + 0.8 * {z67})))) END::INTEGER AS nps,
  CASE WHEN {u8} < 0.12 THEN NULL ELSE least(5, greatest(1, round(
    $csat[t] + $shift[s] * 0.6 + $trend[t] * day_u * 0.6 + 0.9 * (0.6 * {z45} + 0.8 * {z910})))) END::INTEGER AS csat,
  CASE WHEN {u11} < 0.2 THEN NULL ELSE least(7, greatest(1, round(
    $ces[t] + $shift[s] * 0.6 + $trend[t] * day_u + 1.3 * (0.5 * {z45} + 0.87 * {z1213})))) END::INTEGER AS ces
FROM placed ORDER BY i
"""
)

_TICKETS = (
    _BASE
    + """, tickets AS (
  SELECT *, {u3} < $fcr[t] AS resolved_first,
    round(-ln({u4}) * $wait[t])::INTEGER AS wait,
    $resolve[t] * 3600 * exp(0.9 * {z56}) * CASE WHEN {u3} < $fcr[t] THEN 0.4 ELSE 1.6 END AS seconds
  FROM placed
)
SELECT i + 1 AS ticket_id, ts AS opened_at,
  CASE WHEN {u7} < 0.03 THEN NULL ELSE ts + to_seconds(round(seconds)::BIGINT) END AS closed_at,
  $channels[t] AS channel, $ids[t] AS touchpoint, $segments[s] AS segment,
  resolved_first AS first_contact_resolved, wait AS wait_seconds,
  {u8} < $reopen[t] * CASE WHEN resolved_first THEN 0.5 ELSE 2.0 END AS reopened,
  {u9} < $abandon[t] * (0.5 + least(wait, 1200) / 600.0) AS abandoned
FROM tickets ORDER BY i
"""
)


def _sql(template: str) -> str:
    """The template with its uniform and normal numbers spelled out."""
    values: dict[str, str] = {f"u{k}": _U.format(k=k) for k in range(14)}
    pairs = ((4, 5), (6, 7), (9, 10), (12, 13), (5, 6))
    values |= {f"z{a}{b}": _Z.format(u1=values[f"u{a}"], u2=values[f"u{b}"]) for a, b in pairs}
    return template.format(**values)


def _parameters(rows: int, seed: int, salt: int, chosen: list[Profile]) -> dict[str, Any]:
    total = sum(p.weight for p in chosen)
    buckets, cumulative, index = [], 0.0, 0
    for bucket in range(1000):
        while index < len(chosen) - 1 and (bucket + 0.5) / 1000 > (cumulative + chosen[index].weight) / total:
            cumulative += chosen[index].weight
            index += 1
        buckets.append(index + 1)
    first, second = SEGMENTS[0][1], SEGMENTS[0][1] + SEGMENTS[1][1]
    columns = {name: [getattr(p, name) for p in chosen] for name in Profile.__dataclass_fields__}
    return {
        "rows": rows,
        "seed": seed,
        "salt": salt,
        "buckets": buckets,
        "seg1": first,
        "seg2": second,
        "segments": [s[0] for s in SEGMENTS],
        "shift": [s[2] for s in SEGMENTS],
        "start": START,
        "days": DAYS,
        "ids": columns["id"],
        "channels": columns["channel"],
        "resolve": columns["resolve_hours"],
        **{name: columns[name] for name in ("nps", "csat", "ces", "trend", "fcr", "wait", "reopen", "abandon")},
    }


def _write(
    path: str | Path, template: str, rows: int, seed: int, chosen: list[Profile], threads: int | None, salt: int
) -> None:
    import duckdb

    if not 0 <= seed < 2**20 or not 0 <= rows < 2**32:
        raise ValueError("seed is 0 to 1,048,575 and rows 0 to 4,294,967,295")
    target = Path(path)
    fmt = {".csv": "csv", ".parquet": "parquet", ".json": "json"}.get(target.suffix.lower())
    if fmt is None:
        raise ValueError(f"{target}: write .csv, .parquet or .json")
    sql = _sql(template)
    used = {name: value for name, value in _parameters(rows, seed, salt, chosen).items() if f"${name}" in sql}
    options = "FORMAT csv, HEADER true" if fmt == "csv" else f"FORMAT {fmt}"
    with duckdb.connect(config={"threads": threads} if threads else {}) as connection:
        connection.execute("SET preserve_insertion_order = true")
        connection.execute("SET enable_progress_bar = false")
        quoted = str(target).replace("'", "''")  # a path we were given, written as an SQL string literal
        connection.execute(f"COPY ({sql}) TO '{quoted}' ({options})", used)
