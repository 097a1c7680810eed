"""Which stages a view draws (``render --stages``): ids, canonical stage names or ranges, in journey order.

Why a selection and not a smaller journey: friction, priorities, reachability and dead ends are computed
on the whole journey (the workspace run scores it once); a view only chooses which columns it shows, so a
stage's friction reads the same on its own as on the full map.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from journeymap.errors import UsageError
from journeymap.model import CANONICAL_STAGES, Journey
from journeymap.translation import Msg, Verbatim

RANGE = ".."


def split_stages(values: Iterable[str]) -> tuple[str, ...]:
    """``--stages purchase,support --stages a..b`` -> ("purchase", "support", "a..b"); blanks dropped."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def select_stages(journey: Journey, wanted: Sequence[str] | None) -> frozenset[str] | None:
    """The ids of the stages ``wanted`` names (None: every stage).

    Each item is a stage id, a canonical stage (``purchase``, ``post_purchase``: every stage that is one),
    a stage name (any case), or a range ``first..last`` of those, both ends included. An item that names
    no stage is a UsageError with a "did you mean" hint.
    """
    if wanted is None:
        return None
    chosen: set[str] = set()
    for item in wanted:
        chosen.update(_range(journey, item) if RANGE in item else _matching(journey, item))
    if not chosen:
        raise UsageError(
            Msg("--stages names no stage"),
            Msg("name stages by id: %(ids)s", ids=Verbatim(", ".join(s.id for s in journey.stages))),
        )
    return frozenset(chosen)


def _matching(journey: Journey, name: str) -> list[str]:
    """Stage ids for one item: the stage with that id, else stages of that canonical kind, else by name."""
    key = name.strip()
    by_id = [s.id for s in journey.stages if s.id == key]
    if by_id:
        return by_id
    folded = key.casefold().replace("-", "_")
    by_kind = [s.id for s in journey.stages if folded in CANONICAL_STAGES and s.canonical_stage == folded]
    if by_kind:
        return by_kind
    by_name = [s.id for s in journey.stages if s.name.casefold() == key.casefold()]
    if by_name:
        return by_name
    from journeymap.validation.suggest import did_you_mean

    choices = [s.id for s in journey.stages]
    said = Msg("journey '%(journey)s' has no stage %(stage)s", journey=Verbatim(journey.id), stage=Verbatim(repr(key)))
    raise UsageError(said, did_you_mean(key, choices))


def _range(journey: Journey, item: str) -> list[str]:
    """``first..last``: every stage from the first one ``first`` names to the last one ``last`` names."""
    start, _, end = item.partition(RANGE)
    order = [s.id for s in journey.stages]
    first = min(order.index(i) for i in _matching(journey, start)) if start.strip() else 0
    last = max(order.index(i) for i in _matching(journey, end)) if end.strip() else len(order) - 1
    if first > last:
        raise UsageError(
            Msg(
                "the stage range %(range)s runs backwards (%(first)s comes after %(last)s)",
                range=Verbatim(repr(item)),
                first=Verbatim(repr(order[first])),
                last=Verbatim(repr(order[last])),
            ),
            Msg("write it in journey order: %(range)s", range=Verbatim(f"{order[last]}..{order[first]}")),
        )
    return order[first : last + 1]
