"""A journey out: its touchpoint table as CSV or XLSX, or the Mermaid diagram ``render -f mermaid`` draws.

What is written is the journey's own text in another shape: the values typed in the journey, never the
measured values a run overlays from ``<journey>.measured.json``. A table cell cannot hold a value's sample
size and interval in a form the journey format reads, so a measured value written there would come back
as a bare typed number, and "inconclusive with this sample" would become "met" after a round trip
(docs/decisions/0040-interchange-typed-values.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from journeymap.model import Journey
from journeymap.translation import Msg, Verbatim

if TYPE_CHECKING:
    from journeymap.loader import LoadResult

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


def typed_journey(loaded: LoadResult, journey: Journey) -> tuple[Journey, int]:
    """The journey as its file types it, and how many measured values the run had overlaid on it.

    ``journey`` is the validated journey of ``loaded`` (with or without the snapshot, as the run chose).
    When no value in it is measured it is the typed journey already; otherwise the schema check alone
    gives the journey before the overlay (it passed every check with the overlay, and the overlay only
    replaces metric values).
    """
    measured = measured_values(journey)
    if not measured or loaded.data is None:
        return journey, measured
    from journeymap.validation.structural import check_structure

    typed, _ = check_structure(loaded.data, loaded.source_map)
    return typed or journey, measured


def measured_values(journey: Journey) -> int:
    """How many metric values of the journey's touchpoints come from its measured snapshot."""
    return sum(1 for _, tp in journey.touchpoints() for _, m in tp.metrics.items() if m.measured is not None)


def left_out(journey: Journey, fmt: str) -> list[str]:
    """What the journey holds that its table does not carry, to say so rather than lose it quietly."""
    missing = []
    if fmt == "csv":
        missing.append(Msg("the title (give --title on import)"))
    info = journey.info.model_fields_set - {"title", "language"}
    if info:
        missing.append(Msg("journey %(fields)s", fields=Verbatim(", ".join(sorted(info)))))
    if fmt == "csv" and any(p.share is not None for p in journey.personas):
        missing.append(
            Msg(
                "persona shares (friction and priorities weigh personas by them, so the imported journey's"
                " scores will differ; an XLSX export keeps them)"
            )
        )
    if fmt == "csv" and any(p.name != p.id or p.model_fields_set - {"id", "name", "share"} for p in journey.personas):
        missing.append(Msg("persona details (names, goals: personas come back as ids)"))
    if any(s.description or s.canonical for s in journey.stages):
        missing.append(Msg("stage descriptions"))
    fields = sorted({f for _, tp in journey.touchpoints() for f in _NOT_IN_TABLE if getattr(tp, f)})
    if fields:
        missing.append(Msg("touchpoint %(fields)s", fields=Verbatim(", ".join(fields))))
    rest = [name for name in ("scales", "scoring", "audit", "plan") if name in journey.model_fields_set]
    return missing + [Verbatim(name) for name in rest]
