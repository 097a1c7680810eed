"""Shared helpers for the rendering tests: journeys built in code, SVG text, naughty strings."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import CORPUS

SVG = "{http://www.w3.org/2000/svg}"
NAUGHTY_FILE = CORPUS / "naughty-strings.txt"
MOMENT_WORDS = {"en": "moment of truth", "ar": "لحظة الحقيقة"}


def naughty_strings() -> list[str]:
    """The Big List of Naughty Strings: split on '\\n' (not splitlines), no comments, no blanks."""
    if not NAUGHTY_FILE.exists():
        return []
    text = NAUGHTY_FILE.read_text(encoding="utf-8")
    return [line for line in text.split("\n") if line and not line.startswith("#")]


def svg_root(data: bytes) -> ET.Element:
    """Parse SVG bytes (raises ParseError when not well-formed XML)."""
    return ET.fromstring(data)


def svg_texts(root: ET.Element) -> list[str]:
    """Every <text> element's content, in document order, XML entities already decoded."""
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def squash(text: str) -> str:
    """Text without any whitespace (wrapping turns spaces into line breaks)."""
    return re.sub(r"\s+", "", text)


def visible_text(root: ET.Element) -> str:
    """All visible text of a drawing, whitespace removed: names wrapped over lines join up again."""
    return squash("".join(svg_texts(root)))


def node_groups(root: ET.Element, css_class: str) -> list[ET.Element]:
    """The <g class="node ..."> groups carrying one of our CSS classes, in document order."""
    return [
        g for g in root.iter(f"{SVG}g") if css_class in (g.get("class") or "").split() and "node" in g.get("class", "")
    ]


def first_text_x(group: ET.Element) -> float:
    text = next(group.iter(f"{SVG}text"))
    return float(text.get("x", "nan"))


def tag_names(root: ET.Element) -> set[str]:
    return {el.tag for el in root.iter()}


# -- journeys built in code --------------------------------------------------------------


def journey_doc(
    touchpoints: list[dict[str, Any]],
    *,
    title: str = "Synthetic journey",
    stage_names: list[str] | None = None,
    stages: int = 2,
    personas: list[tuple[str, str]] | None = None,
    channel_name: str = "Parcel locker",
    language: str = "en",
) -> dict[str, Any]:
    """A valid journey document: touchpoints spread over ``stages`` stages, ids fixed and safe."""
    personas = personas or [("p1", "Sara"), ("p2", "Omar")]
    names = stage_names or [f"Stage {i + 1}" for i in range(stages)]
    per_stage = max(1, -(-len(touchpoints) // len(names)))
    stage_list = []
    for index, name in enumerate(names):
        chunk = touchpoints[index * per_stage : (index + 1) * per_stage]
        stage_list.append({"id": f"s{index + 1}", "name": name, "touchpoints": chunk})
    return {
        "version": 1,
        "journey": {"id": "synthetic", "title": title, "language": language},
        "personas": [{"id": pid, "name": pname} for pid, pname in personas],
        "channels": [{"id": "custom-channel", "name": channel_name, "kind": "physical"}],
        "stages": [s for s in stage_list if s["touchpoints"]] or stage_list[:1],
    }


def touchpoint(
    index: int,
    name: str,
    *,
    text: str | None = None,
    personas: list[str] | None = None,
    total: int | None = None,
    label: str | None = None,
) -> dict[str, Any]:
    """One touchpoint with every free-text position filled with ``text`` (default: ``name``)."""
    text = name if text is None else text
    tp: dict[str, Any] = {
        "id": f"tp{index}",
        "name": name,
        "channel": "custom-channel" if index % 3 == 1 else ("web", "phone", "custom-channel")[index % 3],
        "action": text,
        "emotion": 1 + index % 5,
        "pain_points": [text],
        "opportunities": [text],
        "metrics": {"csat": f"{50 + index % 50}%", "custom": {"m_custom": {"value": 3, "label": text}}},
    }
    if personas:
        tp["personas"] = personas
    if index % 4 == 0:
        tp["moment_of_truth"] = True
    if total is not None and index + 1 < total:
        tp["next"] = [{"to": f"tp{index + 1}", "label": text if label is None else label}]
    return tp


class _QuotingDumper(yaml.SafeDumper):
    """Writes every string double-quoted."""


def _quoted(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style='"')


_QuotingDumper.add_representer(str, _quoted)


def dump_yaml(doc: dict[str, Any]) -> str:
    """YAML for ``doc`` in which every string stays a string.

    Why quoted: PyYAML writes YAML 1.1 and leaves ``1E2``, ``0o17`` or ``.5`` unquoted, which
    journeymap's YAML 1.2 loader reads as numbers; a naughty string meant as a label would then
    be a number the validator rightly refuses, and the journey would never be drawn.
    """
    return yaml.dump(doc, Dumper=_QuotingDumper, allow_unicode=True, sort_keys=False)


def write_journey(path: Path, doc: dict[str, Any]) -> Path:
    path.write_text(dump_yaml(doc), encoding="utf-8")
    return path


# -- two states of one journey (render --compare, the report's current -> future) ------------------


def arabic_future_doc() -> dict[str, Any]:
    """The Arabic example's future state: a touchpoint renamed (``was:``), one removed, one added, better
    emotions, a plan. Its current state is the example itself (``examples/bank-account-opening-ar.yaml``)."""
    from tests.conftest import EXAMPLES

    doc: dict[str, Any] = yaml.safe_load((EXAMPLES / "bank-account-opening-ar.yaml").read_text(encoding="utf-8"))
    info = doc["journey"]
    info.update(id="bank-account-opening-next", state="future", future_of="bank-account-opening")
    info["title"] += " (الوضع المستهدف)"
    stages = {stage["id"]: stage["touchpoints"] for stage in doc["stages"]}
    stages["consideration"][:] = [t for t in stages["consideration"] if t["id"] != "fees-faq"]
    for tp in stages["consideration"]:
        if tp["id"] == "accounts-page":
            tp["next"] = [n for n in tp["next"] if n["to"] != "fees-faq"]
            tp["emotion"] = {"khalid": "satisfied", "noura": "hopeful"}
    decision = stages["decision"]
    for tp in decision:
        if tp["id"] == "ekyc-verification":
            tp.update(id="ekyc-guided", was="ekyc-verification", name="تحقق إلكتروني موجَّه يدعم بطاقات الإقامة")
            tp["emotion"] = {"khalid": "confident", "noura": "hopeful"}
        if tp["id"] == "compliance-review":
            tp["emotion"] = "hopeful"
            tp["next"] = [
                {"to": "app-status-tracker", "share": "70%"},
                {"to": "account-approved", "share": "25%"},
                {"to": "call-centre", "share": "5%"},
            ]
    at = [t["id"] for t in decision].index("compliance-review") + 1
    decision.insert(
        at,
        {
            "id": "app-status-tracker",
            "name": "متابعة حالة الطلب خطوة بخطوة في التطبيق",
            "channel": "mobile_app",
            "emotion": "confident",
            "next": ["account-approved"],
        },
    )
    doc["plan"] = [
        {"id": "guided-ekyc", "title": "تحقق إلكتروني موجَّه", "touchpoints": ["ekyc-guided"], "effort": "L"},
        {"id": "tracker", "title": "متابعة حالة الطلب", "touchpoints": ["app-status-tracker"], "effort": "M"},
    ]
    return doc
