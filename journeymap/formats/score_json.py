"""Scores as stable, versioned JSON (shape documented in docs/scoring.md).

Shape::

    {"schema_version": 1, "tool": {"name", "version"}, "by", "persona", "top",
     "journeys": [{"path", "id", "title", "journey": <group>, "stages": [<group>],
                   "rows": [<touchpoint or group> + "rank"], "explain": <touchpoint> | null,
                   "settings": {...}}]}

Bump SCHEMA_VERSION on any incompatible change.

The shape is the results' ``as_dict`` (``_document``). A big journey's touchpoints are written
straight from their scores by ``_Touchpoints``, whose text is ``json_text.dumps`` of those dicts
(tested byte for byte): 10,000 touchpoints are 90,000 dicts, and most of their contributions
repeat (no CES measured, the same emotion read), so their text is made once (decision 45).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from journeymap import json_text
from journeymap.formats.score_view import ScoreView
from journeymap.scoring.components import Reading
from journeymap.scoring.results import TouchpointScore
from journeymap.settings.friction import COMPONENTS, LABELS

SCHEMA_VERSION = 2


def format_scores(views: Sequence[ScoreView], version: str) -> str:
    """The whole run as one JSON document: ``json_text.dumps(_document(views, version))``."""
    text = _written(views, version)
    # a lone surrogate in the text: ``dumps`` writes the whole document another way, so ask it
    return text if json_text.encodable(text) else json_text.dumps(_document(views, version))


def _head(views: Sequence[ScoreView], version: str) -> dict[str, Any]:
    """The document's keys before ``journeys``."""
    first = views[0] if views else None
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "journeymap", "version": version},
        "by": first.by if first else "touchpoint",
        "rank": first.rank if first else "priority",
        "persona": first.result.persona if first else None,
        "top": first.top if first else None,
    }


def _document(views: Sequence[ScoreView], version: str) -> dict[str, Any]:
    """The document as plain data: the shape, from the results' ``as_dict``."""
    return {**_head(views, version), "journeys": [_journey(v) for v in views]}


def _journey(view: ScoreView) -> dict[str, Any]:
    explained = view.explained()
    return {
        "path": view.path,
        "id": view.result.journey_id,
        "title": view.result.title,
        "journey": view.result.overall.as_dict(),
        "stages": [g.as_dict() for g in view.result.stages],
        "rows": [{"rank": i, **row.as_dict()} for i, row in enumerate(view.rows(), start=1)],
        "explain": explained.as_dict() if explained else None,
        "settings": view.result.settings,
    }


def _written(views: Sequence[ScoreView], version: str) -> str:
    """``_document``'s text, each touchpoint written from its score (``_Touchpoints``), joined once."""
    out: list[str] = []
    touchpoints = _Touchpoints(out)
    for key, value in _head(views, version).items():
        out.append(f"{',' if out else '{'}\n  {json_text.string(key)}: {json_text.nested(value, 1)}")
    out.append(',\n  "journeys": ')
    if not views:
        out.append("[]")
    for i, view in enumerate(views):
        out.append("[\n    " if i == 0 else ",\n    ")
        _journey_text(view, touchpoints)
    out.append("\n  ]\n}\n" if views else "\n}\n")
    return "".join(out)


def _journey_text(view: ScoreView, touchpoints: _Touchpoints) -> None:
    """One journey's object, two levels in (``journeys``' items), onto ``touchpoints.out``."""
    out, result, explained = touchpoints.out, view.result, view.explained()
    s = json_text.string
    out.append(
        f'{{\n      "path": {s(view.path)},\n      "id": {s(result.journey_id)},\n      "title": {s(result.title)},'
        f'\n      "journey": {json_text.nested(result.overall.as_dict(), 3)},'
        f'\n      "stages": {json_text.nested([g.as_dict() for g in result.stages], 3)},\n      "rows": '
    )
    rows = view.rows()
    for rank, row in enumerate(rows, start=1):
        out.append("[\n        " if rank == 1 else ",\n        ")
        if isinstance(row, TouchpointScore):
            touchpoints.write(row, rank, 4)
        else:
            out.append(json_text.nested({"rank": rank, **row.as_dict()}, 4))
    out.append('\n      ],\n      "explain": ' if rows else '[],\n      "explain": ')
    if explained:
        touchpoints.write(explained, None, 3)
    else:
        out.append("null")
    out.append(f',\n      "settings": {json_text.nested(result.settings, 3)}\n    }}')


class _Touchpoints:
    """Touchpoint scores as ``TouchpointScore.as_dict`` reads in ``json_text.dumps``, with its keys and rounding.

    A contribution's text is three parts, looked up once per reading (a journey's readings of missing
    data, of the same emotions or of the same typed values are one object each): the text before its
    points (its component, weight, strength and value), its points, and the text after them (its
    words). The parts are written onto ``out``, joined once. ``tests/formats/test_score_json.py``
    holds this text to ``dumps`` of ``as_dict``.
    """

    def __init__(self, out: list[str]) -> None:
        self.out = out
        # (depth, weights, strengths) -> per component {reading: (text up to its points, text after them)}
        self._parts: dict[tuple[int, tuple[float, ...], tuple[float, ...]], list[dict[Reading, tuple[str, str]]]] = {}
        # text up to the points, by (depth, weight, strength, component, value's text)
        self._before: dict[tuple[int, float, float, int, str], str] = {}
        # text after the points, by (depth, last, inputs, note, applicable): the JSON is the words' English text
        self._after: dict[tuple[int, bool, tuple[str, ...], str, bool], str] = {}
        # where a touchpoint is and whom it serves, by (depth, stage, channel, persona, personas)
        self._place: dict[tuple[int, str, str, str | None, tuple[str, ...]], str] = {}

    def write(self, score: TouchpointScore, rank: int | None, depth: int) -> None:
        """``score``'s object ``depth`` levels in, with its ``rank`` first when it is a ranked row."""
        n = json_text.number
        s = json_text.string
        inside = "\n" + "  " * (depth + 1)
        deeper = inside + "  "
        said = f'{inside}"rank": {n(rank)},' if rank is not None else ""
        moment = "null" if score.moment_of_truth is None else s(score.moment_of_truth)
        volume = "null" if score.volume is None else n(score.volume)
        self.out.append(
            f'{{{said}{inside}"kind": "touchpoint",{inside}"id": {s(score.touchpoint_id)},'
            f'{inside}"name": {s(score.name)},{self._where(score, depth + 1)},'
            f'{inside}"score": {_rounded(score.score, 1)},'
            f'{inside}"band": {s(score.band)},{inside}"confidence": {n(round(score.confidence, 3))},'
            f'{inside}"priority": {_rounded(score.priority, 1)},{inside}"moment_of_truth": {moment},'
            f'{inside}"volume": {volume},{inside}"weight": {n(round(score.weight, 4))},'
            f'{inside}"weight_parts": {{{deeper}"moment_of_truth": {n(score.moment_factor)},'
            f'{deeper}"volume": {n(round(score.volume_weight, 4))},{deeper}"reach": {n(round(score.reach, 4))}'
            f'{inside}}},{inside}"contributions": '
        )
        self._contributions(score, depth + 1)
        self.out.append(f"\n{'  ' * depth}}}")

    def _where(self, score: TouchpointScore, depth: int) -> str:
        """The ``stage``, ``channel``, ``persona`` and ``personas`` members, ``depth`` levels in: a journey
        repeats them, so each combination is written once."""
        key = (depth, score.stage_id, score.channel, score.persona, score.personas)
        known = self._place.get(key)
        if known is None:
            s, inside = json_text.string, "\n" + "  " * depth
            persona = "null" if score.persona is None else s(score.persona)
            known = self._place[key] = (
                f'{inside}"stage": {s(score.stage_id)},{inside}"channel": {s(score.channel)},'
                f'{inside}"persona": {persona},{inside}"personas": {_strings(score.personas, depth)}'
            )
        return known

    def _contributions(self, score: TouchpointScore, depth: int) -> None:
        """The ``contributions`` array, ``depth`` levels in: each one's parts with its points between them."""
        key = (depth, score.weights, score.strengths)
        known = self._parts.get(key)
        if known is None:
            known = self._parts[key] = [{} for _ in COMPONENTS]
        append, number = self.out.append, json_text.number
        for i, (parts, reading, points) in enumerate(zip(known, score.readings, score.points, strict=True)):
            made = parts.get(reading)
            if made is None:
                made = parts[reading] = self._contribution_parts(score, i, reading, depth)
            shown = round(points, 2)
            append(made[0])
            append(repr(shown) if 1e-4 <= shown < 1e16 else number(shown))  # repr: ``number``'s text there
            append(made[1])

    def _contribution_parts(self, score: TouchpointScore, i: int, reading: Reading, depth: int) -> tuple[str, str]:
        """The ``i``th contribution's text (``results._contribution``) before and after its points, ``depth`` + 1
        levels in, with what opens the array before the first and closes it after the last.

        Readings that differ only in their words (a channel switch names where customers came from) share
        the text before the points; equal words share the text after them."""
        s, n = json_text.string, json_text.number
        inside = "\n" + "  " * (depth + 2)
        weight, strength, value = score.weights[i], score.strengths[i], _rounded(reading.value, 4)
        before_key = (depth, weight, strength, i, value)
        before = self._before.get(before_key)
        if before is None:
            component = COMPONENTS[i]
            before = self._before[before_key] = (
                f'{"," if i else "["}\n{"  " * (depth + 1)}{{{inside}"component": {s(component)},'
                f'{inside}"label": {s(LABELS[component])},{inside}"value": {value},'
                f'{inside}"weight": {n(weight)},{inside}"strength": {n(round(strength, 4))},{inside}"points": '
            )
        inputs, note = reading.words
        last = i == len(COMPONENTS) - 1
        after_key = (depth, last, inputs, note, reading.applicable)
        after = self._after.get(after_key)
        if after is None:
            after = self._after[after_key] = (
                f',{inside}"inputs": {_strings(inputs, depth + 2)},{inside}"note": {s(note)},'
                f'{inside}"applicable": {"true" if reading.applicable else "false"}\n{"  " * (depth + 1)}}}'
                + (f"\n{'  ' * depth}]" if last else "")
            )
        return before, after


def _rounded(value: float | None, digits: int) -> str:
    return "null" if value is None else json_text.number(round(value, digits))


def _strings(items: Sequence[str], depth: int) -> str:
    """An array of strings, ``depth`` levels in."""
    if not items:
        return "[]"
    inside = "\n" + "  " * (depth + 1)
    return "[" + inside + ("," + inside).join(map(json_text.string, items)) + "\n" + "  " * depth + "]"


__all__ = ["SCHEMA_VERSION", "format_scores"]
