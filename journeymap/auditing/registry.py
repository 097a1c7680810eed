"""The explicit list of audit rules, and how users name them.

Why explicit: a rule is in the catalogue because it is listed here, never
because a file happens to exist. Rules are referred to by code (``JM311``),
code prefix (``JM31``, ``JM3``) or kebab-case name (``touchpoint-without-owner``).
"""

from __future__ import annotations

from journeymap.auditing.rule import Rule
from journeymap.auditing.rules import coverage, experience, flow, measurement, omnichannel, performance

RULES: list[Rule] = [
    *coverage.RULES,
    *measurement.RULES,
    *performance.RULES,
    *experience.RULES,
    *omnichannel.RULES,
    *flow.RULES,
]
BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}
BY_NAME: dict[str, Rule] = {rule.name: rule for rule in RULES}

#: Codes of the audit's own diagnostics, which are not rules (see engine).
META_CODES = ("JM390", "JM391", "JM392")


META_WHY = {
    "JM390": "Settings that name no rule or option do nothing, silently.",
    "JM391": "A silenced finding without a reason is a decision nobody can review.",
    "JM392": "Stale suppressions hide the next real problem at the same place.",
}


def why(code: str) -> str | None:
    """The one-sentence rationale shown with a finding; None for non-audit diagnostics."""
    rule = BY_CODE.get(code)
    return rule.why if rule is not None else META_WHY.get(code)


def matching(reference: str, codes: tuple[str, ...] | list[str] | None = None) -> list[str]:
    """Codes a reference names: a code or code prefix (case-insensitive), or a rule name."""
    pool = list(codes) if codes is not None else [rule.code for rule in RULES]
    text = reference.strip()
    if text.upper().startswith("JM"):
        return [code for code in pool if code.startswith(text.upper())]
    rule = BY_NAME.get(text.lower())
    return [rule.code] if rule is not None and rule.code in pool else []


def find(reference: str) -> Rule | None:
    """One rule by exact code or name."""
    return BY_CODE.get(reference.strip().upper()) or BY_NAME.get(reference.strip().lower())


__all__ = ["BY_CODE", "BY_NAME", "META_CODES", "RULES", "find", "matching", "why"]
