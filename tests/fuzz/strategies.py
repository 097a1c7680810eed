"""Hypothesis strategies for the fuzz suite: valid journeys, and mutations of them.

``valid_journeys()`` draws small documents (1-3 personas, 1-4 stages, 1-5 touchpoints each) with
random metrics, targets, emotions, ``next`` transitions and moments of truth that are valid by
construction. ``mutated_journeys()`` takes one and breaks it in 1-3 ways: wrong types, missing
required fields, unknown keys, hostile unicode, huge or negative numbers, NaN-like strings,
deep nesting at a random path, lists where mappings belong, duplicate ids, dangling references.

``corpus_labels()`` and ``corpus_strings()`` add the Big List of Naughty Strings (``CORPUS``, beside
the repository) when it is there; the time-bounded campaign of ``scripts/fuzz`` uses them.

Budgets: ``budget(default)`` is the number of examples a test runs; set the environment variable
``JOURNEYMAP_FUZZ_EXAMPLES`` to run that many instead (the long, opt-in mode).
"""

from __future__ import annotations

import copy
import os
import re
from functools import cache
from typing import Any

import yaml
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from journeymap.model.base import Text
from tests.rendering.helpers import naughty_strings


def budget(default: int) -> int:
    """``default`` examples, or ``$JOURNEYMAP_FUZZ_EXAMPLES`` when that is set (the long mode)."""
    value = os.environ.get("JOURNEYMAP_FUZZ_EXAMPLES", "").strip()
    return int(value) if value else default


def fuzz_settings(default: int) -> settings:
    return settings(
        max_examples=budget(default),
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    )


#: The nastiest short strings: quotes, markup, CDATA end, braces, backslash, format and comment
#: characters, pipes, bidi overrides, zero-width characters, emoji ZWJ sequences, a 300-char word.
NASTY = [
    "\"double\" 'single' `back`",
    "<script>alert(1)</script>",
    "]]> <![CDATA[x]]>",
    "{} {{x}} {%x%} ${x}",
    "back\\slash \\n \\\\",
    "100% %s %n %% %%{init}%%",
    "semi;colon; and ; more",
    "#hash # comment",
    "pipe | table | cell",
    "\u202eRTL override\u202c and \u2067isolate\u2069",
    "zero\u200bwidth\u200c\u200d\ufeffjoiners",
    "family 👨\u200d👩\u200d👧\u200d👦 flag 🇫🇷 skin 👍🏽",
    "W" * 300,
    "javascript:alert(1)",
    "<img src=x onerror=alert(1)>",
    "\x1b[31mred\x1b[0m escape",
    "line\nbreak\r\nand\ttab",
    "-- > <!-- -->",
    "&amp; &lt; &#60; &#x3c;",
    "journey title section x: 5: a",
    "[link](javascript:alert(1)) ![img](x)",
    "العربية مع English",
]

nasty = st.sampled_from(NASTY)
SAFE_WORDS = ["Check", "order", "status", "payment", "help", "Sara", "Omar", "web form", "حالة الطلب", "Café"]
label = st.one_of(
    st.lists(st.sampled_from(SAFE_WORDS), min_size=1, max_size=3).map(" ".join),
    st.sampled_from(NASTY),
)
BUILT_IN_CHANNELS = ["web", "mobile_app", "email", "sms", "phone", "live_chat", "chatbot", "store", "social"]
EMOTION_NAMES = ["delighted", "happy", "neutral", "confused", "frustrated", "angry", "Curious"]
PERCENT_METRICS = ["csat", "fcr", "abandonment_rate", "conversion_rate", "error_rate", "click_rate"]
DURATION_METRICS = ["aht", "waiting_time", "resolution_time", "delivery_time"]


@cache
def _text_adapter() -> TypeAdapter[str]:
    return TypeAdapter(Text)


def is_text(value: str) -> bool:
    """Whether the format accepts ``value`` as a label (blank-looking strings are refused)."""
    try:
        _text_adapter().validate_python(value)
    except ValidationError:
        return False
    return True


@cache
def corpus_strings() -> tuple[str, ...]:
    """The naughty-strings corpus, or nothing when it is missing (the campaign then says so)."""
    return tuple(naughty_strings())


@cache
def corpus_labels() -> st.SearchStrategy[str]:
    """``label`` plus every corpus string the format accepts as a label: valid journeys stay valid."""
    usable = [text for text in corpus_strings() if is_text(text)]
    return st.one_of(label, st.sampled_from(usable)) if usable else label


@cache
def corpus_hostile() -> st.SearchStrategy[str]:
    """``NASTY`` plus the raw corpus, blank-looking strings included: for labels of broken journeys."""
    return st.sampled_from(NASTY + list(corpus_strings()))


percent = st.integers(min_value=0, max_value=100).map(lambda n: f"{n}%")
duration = st.sampled_from(["30s", "2m", "1h30m", "PT5M", "3d", "45m"])
emotion_value = st.one_of(st.integers(min_value=1, max_value=5), st.sampled_from(EMOTION_NAMES), st.just(3.5))


@st.composite
def metrics_and_targets(
    draw: st.DrawFn, labels: st.SearchStrategy[str] = label
) -> tuple[dict[str, Any], dict[str, Any]]:
    metrics: dict[str, Any] = {}
    for key in draw(st.lists(st.sampled_from(PERCENT_METRICS), max_size=3, unique=True)):
        metrics[key] = draw(percent)
    for key in draw(st.lists(st.sampled_from(DURATION_METRICS), max_size=2, unique=True)):
        metrics[key] = draw(duration)
    nps = draw(st.integers(min_value=0, max_value=4))
    counts = st.integers(min_value=1, max_value=10**6)  # all-zero answers are refused (JM109)
    if nps == 1:
        metrics["nps"] = draw(st.integers(min_value=-100, max_value=100))
    elif nps == 2:
        metrics["nps"] = {"value": draw(st.integers(min_value=-100, max_value=100)), "responses": draw(counts)}
    elif nps == 3:
        metrics["nps"] = {"promoters": draw(counts), "passives": draw(counts), "detractors": draw(counts)}
    elif nps == 4:
        metrics["nps"] = {"histogram": draw(st.lists(counts, min_size=11, max_size=11))}
    if draw(st.booleans()):
        metrics["csat"] = {"histogram": draw(st.lists(counts, min_size=5, max_size=5))}
    if draw(st.booleans()):
        metrics["ces"] = draw(st.sampled_from([1, 3.4, 7]))
    if draw(st.booleans()):
        metrics["custom"] = {"app_rating": {"value": 4.2, "label": draw(labels)}, "share_x": draw(percent)}
    if not metrics:
        return metrics, {}
    targets = {k: metrics[k] for k in draw(st.lists(st.sampled_from(sorted(metrics)), max_size=3, unique=True))}
    return metrics, targets


@st.composite
def valid_journeys(draw: st.DrawFn, labels: st.SearchStrategy[str] = label) -> dict[str, Any]:
    """A small journey that validates (ids are fixed and safe, labels may be hostile).

    ``labels`` draws every name, quote and pain point: the campaign passes ``corpus_labels()``.
    """
    n_personas = draw(st.integers(min_value=1, max_value=3))
    persona_ids = [f"p{i}" for i in range(n_personas)]
    personas = []
    for pid in persona_ids:
        persona: dict[str, Any] = {"id": pid, "name": draw(labels)}
        if draw(st.booleans()):
            persona["pain_points"] = draw(st.lists(labels, min_size=1, max_size=2))
        if draw(st.booleans()):
            persona["quote"] = draw(labels)
        if draw(st.booleans()):
            persona["preferred_channels"] = draw(st.lists(st.sampled_from(BUILT_IN_CHANNELS), max_size=2, unique=True))
        personas.append(persona)
    channels = []
    if draw(st.booleans()):
        channels.append(
            {
                "id": "pop_up_booth",
                "name": draw(labels),
                "kind": draw(st.sampled_from(["digital", "human", "physical"])),
            }
        )
    channel_ids = BUILT_IN_CHANNELS + [c["id"] for c in channels]
    sizes = draw(st.lists(st.integers(min_value=1, max_value=5), min_size=1, max_size=4))
    total = sum(sizes)
    all_ids = [f"t{i}" for i in range(total)]
    stages, number = [], 0
    for s, size in enumerate(sizes):
        tps = []
        for _ in range(size):
            tp: dict[str, Any] = {
                "id": f"t{number}",
                "name": draw(labels),
                "channel": draw(st.sampled_from(channel_ids)),
            }
            walkers = persona_ids
            if number >= n_personas and draw(st.booleans()):  # every persona keeps a touchpoint (JM205)
                walkers = draw(st.lists(st.sampled_from(persona_ids), min_size=1, unique=True))
                tp["personas"] = walkers
            if draw(st.booleans()):
                tp["action"] = draw(labels)
            kind = draw(st.integers(min_value=0, max_value=2))
            if kind == 1:
                tp["emotion"] = draw(emotion_value)
            elif kind == 2:
                tp["emotion"] = {p: draw(emotion_value) for p in walkers}
            metrics, targets = draw(metrics_and_targets(labels))
            if metrics:
                tp["metrics"] = metrics
            if targets:
                tp["targets"] = targets
            if draw(st.booleans()):
                tp["pain_points"] = draw(st.lists(labels, max_size=2))
            if draw(st.booleans()):
                tp["opportunities"] = draw(st.lists(labels, min_size=1, max_size=2))
            mot = draw(st.integers(min_value=0, max_value=3))
            if mot == 1:
                tp["moment_of_truth"] = True
            elif mot == 2:
                tp["moment_of_truth"] = {
                    "impact": draw(st.sampled_from(["high", "medium", "low"])),
                    "valence": draw(st.sampled_from(["positive", "negative", "mixed"])),
                    "why": draw(labels),
                }
            if draw(st.booleans()):
                targets_ids = draw(st.lists(st.sampled_from(all_ids), max_size=2, unique=True))
                tp["next"] = [
                    {"to": t, "label": draw(labels), "share": "40%", "context_carried": draw(st.booleans())}
                    if draw(st.booleans())
                    else t
                    for t in targets_ids
                ]
            if draw(st.booleans()):
                tp["handoffs"] = draw(st.integers(min_value=0, max_value=5))
            if draw(st.booleans()):
                tp["volume"] = draw(st.integers(min_value=0, max_value=10**6))
            tps.append(tp)
            number += 1
        stages.append({"id": f"s{s}", "name": draw(labels), "touchpoints": tps})
    doc: dict[str, Any] = {
        "version": 1,
        "journey": {"id": "fuzz", "title": draw(labels), "language": draw(st.sampled_from(["en", "ar", "fr-CA"]))},
        "personas": personas,
        "stages": stages,
    }
    if channels:
        doc["channels"] = channels
    if draw(st.booleans()):
        doc["journey"]["metrics"], doc["journey"]["targets"] = draw(metrics_and_targets(labels))
    if draw(st.booleans()):
        doc["scales"] = {"ces": {"min": draw(st.integers(min_value=-5, max_value=1)),  # every ces drawn fits
                                 "max": draw(st.integers(min_value=7, max_value=17)),
                                 "higher_is": draw(st.sampled_from(["easier", "harder"]))}}  # fmt: skip
    if draw(st.booleans()):
        weight = st.one_of(st.just(0), st.floats(min_value=1e-9, max_value=1000))
        names = ["effort", "emotion", "satisfaction", "failure", "time", "pain_points", "channel_switch", "handoffs"]
        weights = {name: draw(weight) for name in draw(st.lists(st.sampled_from(names), max_size=4, unique=True))}
        weights[draw(st.sampled_from(names))] = draw(st.floats(min_value=1e-6, max_value=1000))
        medium = draw(st.integers(min_value=0, max_value=100))
        doc["scoring"] = {
            "weights": weights,
            "bands": {"medium": medium, "high": draw(st.integers(min_value=medium, max_value=100))},
            "moment_of_truth": {"high": draw(st.floats(min_value=0, max_value=100))},
            "limits": {"time_ratio": draw(st.floats(min_value=1.001, max_value=100)),
                       "pain_points": draw(st.integers(min_value=1, max_value=100)),
                       "csat_target": draw(st.floats(min_value=0.001, max_value=1))},
        }  # fmt: skip
    return doc


# -- mutations ----------------------------------------------------------------------------------

Path = tuple[Any, ...]


def all_paths(data: Any, prefix: Path = ()) -> list[Path]:
    paths = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            paths += all_paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            paths += all_paths(value, (*prefix, index))
    return paths


def _get(data: Any, path: Path) -> Any:
    for part in path:
        data = data[part]
    return data


DEEP = "DEEP-NESTING-MARKER-"


def _deep(depth: int) -> str:
    """``depth`` nested flow collections, mappings and lists in turn (PyYAML cannot dump that deep)."""
    opening = "".join("[" if i % 2 else "{k: " for i in range(depth))
    closing = "".join("]" if i % 2 else "}" for i in reversed(range(depth)))
    return opening + "1" + closing


HOSTILE_VALUES: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    -(10**6),
    10**400,
    -(10**400),
    1e308,
    -1e308,
    float("nan"),
    float("inf"),
    -float("inf"),
    "NaN",
    ".nan",
    "-.inf",
    "inf",
    "1e999",
    "",
    " ",
    "\t",
    "\x00",
    "\x1b[2J",
    "\u202e",
    "\ufeff",
    "-5%",
    "150%",
    "999999999999999999999999h",
    "P99999999999Y",
    "[]",
    "{}",
    [],
    {},
    [[]],
    [{}],
    {"a": []},
    "x" * 10_000,
    "two\nlines",
    "null",
    "~",
    "yes",
    "0x1F",
    "1_000",
    "٤",
    "t0",
    "p0",
    "s0",
    "web",
]
UNKNOWN_KEYS = ["colour", "Name", "touchpoint", "metric", "__proto__", "<script>", "id ", "ünïcode", "🙂", "0"]


@st.composite
def mutation(draw: st.DrawFn, doc: dict[str, Any], hostile: st.SearchStrategy[str] = nasty) -> str:
    """Break ``doc`` in place in one way; return what was done (for the failure message).

    ``hostile`` is where a replaced label comes from (besides random text): the campaign adds the raw
    naughty-strings corpus, blank-looking strings included, since a broken file may hold anything.
    """
    paths = all_paths(doc)
    path = draw(st.sampled_from(paths))
    parent_path, key = (path[:-1], path[-1]) if path else ((), None)
    parent = _get(doc, parent_path) if path else None
    kind = draw(
        st.sampled_from(
            [
                "replace",
                "delete",
                "unknown_key",
                "nest",
                "list_for_map",
                "map_for_list",
                "label",
                "duplicate",
                "dangle",
                "wrap_in_list",
                "stringify",
            ]
        )
    )
    if kind == "replace" and path:
        parent[key] = copy.deepcopy(draw(st.sampled_from(HOSTILE_VALUES)))
    elif kind == "delete" and path:
        del parent[key]
    elif kind == "unknown_key":
        target = _get(doc, path)
        if isinstance(target, dict):
            target[draw(st.sampled_from(UNKNOWN_KEYS))] = draw(st.sampled_from(HOSTILE_VALUES[:20]))
    elif kind == "nest" and path:
        parent[key] = f"{DEEP}{draw(st.sampled_from([3, 20, 60, 200, 1000]))}"  # dump() writes it in flow style
    elif kind == "list_for_map" and path:
        value = parent[key]
        parent[key] = list(value.values()) if isinstance(value, dict) else [value]
    elif kind == "map_for_list" and path:
        value = parent[key]
        parent[key] = {f"k{i}": v for i, v in enumerate(value)} if isinstance(value, list) else {"value": value}
    elif kind == "label" and path and isinstance(parent[key], str):
        parent[key] = draw(st.one_of(hostile, st.text(max_size=40)))
    elif kind == "duplicate":
        stages = doc.get("stages")
        if isinstance(stages, list) and stages and isinstance(stages[0], dict):
            tps = stages[-1].get("touchpoints") if isinstance(stages[-1], dict) else None
            if isinstance(tps, list) and tps:
                tps.append(copy.deepcopy(tps[0]))
            stages.append(copy.deepcopy(stages[0]))
        personas = doc.get("personas")
        if isinstance(personas, list) and personas:
            personas.append(copy.deepcopy(personas[0]))
    elif kind == "dangle":
        for tp in _touchpoints(doc):
            tp["next"] = ["nowhere", {"to": "ghost", "share": "200%"}]
            tp["personas"] = ["nobody"]
            tp["emotion"] = {"nobody": 9}
            tp["channel"] = "carrier_pigeon"
            tp["targets"] = {"csat": "90%", "custom": {"unmeasured": 3}}
            break
    elif kind == "wrap_in_list" and path:
        parent[key] = [parent[key], parent[key]]
    elif kind == "stringify" and path:
        parent[key] = str(parent[key])
    return f"{kind} at {path!r}"


def _touchpoints(doc: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    stages = doc.get("stages")
    for stage in stages if isinstance(stages, list) else []:
        tps = stage.get("touchpoints") if isinstance(stage, dict) else None
        found += [tp for tp in (tps if isinstance(tps, list) else []) if isinstance(tp, dict)]
    return found


def dump(doc: Any) -> str:
    text = yaml.dump(doc, Dumper=yaml.SafeDumper, allow_unicode=True, sort_keys=False, width=100)
    return re.sub(f"{DEEP}([0-9]+)", lambda m: _deep(int(m.group(1))), text)


@st.composite
def mutated_journeys(
    draw: st.DrawFn, labels: st.SearchStrategy[str] = label, hostile: st.SearchStrategy[str] = nasty
) -> tuple[str, list[str]]:
    """YAML text of a broken journey, and the list of mutations applied (see ``mutation`` for ``hostile``)."""
    doc = draw(valid_journeys(labels))
    done = [draw(mutation(doc, hostile)) for _ in range(draw(st.integers(min_value=1, max_value=3)))]
    text = dump(doc)
    cut = draw(st.sampled_from([None, None, None, None, "truncate", "garbage"]))
    if cut == "truncate":
        text = text[: draw(st.integers(min_value=0, max_value=len(text)))]
        done.append("truncated")
    elif cut == "garbage":
        at = draw(st.integers(min_value=0, max_value=len(text)))
        text = (
            text[:at]
            + draw(st.sampled_from(["\t", ": :", "- [", "{", "&a *a", "!!python/object x", "\x00"]))
            + text[at:]
        )
        done.append("garbage")
    return text, done
