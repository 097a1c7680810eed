"""A journey out: its touchpoint table as CSV or XLSX, or the Mermaid diagram ``render -f mermaid`` draws."""

from __future__ import annotations

from journeymap.model import Journey
from journeymap.translation import Msg, Verbatim

#: Touchpoint fields the table has no column for.
_NOT_IN_TABLE = ("was", "knowledge_base", "evidence", "suppress")


def export_bytes(journey: Journey, fmt: str) -> bytes:
    if fmt == "xlsx":
        from journeymap.interchange.xlsx import write_xlsx

        return write_xlsx(journey)
    if fmt == "mermaid":
        from journeymap.rendering import render

        return render(journey, "mermaid")
    from journeymap.interchange.csv_table import write_csv

    return write_csv(journey)


def left_out(journey: Journey, fmt: str) -> list[str]:
    """What the journey holds that its table does not carry, to say so rather than lose it quietly."""
    missing = []
    if fmt == "csv":
        missing.append(Msg("the title (give --title on import)"))
    info = journey.info.model_fields_set - {"title", "language"}
    if info:
        missing.append(Msg("journey %(fields)s", fields=Verbatim(", ".join(sorted(info)))))
    if any(p.name != p.id or p.model_fields_set - {"id", "name"} for p in journey.personas):
        missing.append(Msg("persona details (names, shares, goals: personas come back as ids)"))
    if any(s.description or s.canonical for s in journey.stages):
        missing.append(Msg("stage descriptions"))
    fields = sorted({f for _, tp in journey.touchpoints() for f in _NOT_IN_TABLE if getattr(tp, f)})
    if fields:
        missing.append(Msg("touchpoint %(fields)s", fields=Verbatim(", ".join(fields))))
    rest = [name for name in ("scales", "scoring", "audit", "plan") if name in journey.model_fields_set]
    return missing + [Verbatim(name) for name in rest]
