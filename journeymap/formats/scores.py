"""Choose the presenter for friction scores, and build the views they share."""

from __future__ import annotations

from collections.abc import Sequence

from journeymap.errors import UsageError
from journeymap.formats.score_view import ScoreView
from journeymap.scoring import JourneyScore
from journeymap.translation import Translator


def views(
    scored: Sequence[tuple[str, JourneyScore]],
    by: str,
    top: int | None,
    explain: str | None,
    rank: str = "priority",
    translators: Sequence[Translator] | None = None,
) -> list[ScoreView]:
    """One view per journey; with ``explain``, only the journeys that have that touchpoint (else a usage error).

    ``translators`` (one per journey) give each view's language and digits; English without them.
    """
    from journeymap.translation import Msg, Verbatim, english
    from journeymap.validation.suggest import did_you_mean

    languages = list(translators) if translators is not None else [english()] * len(scored)
    made = [
        ScoreView(path, result, by, top, explain, rank, t) for (path, result), t in zip(scored, languages, strict=True)
    ]
    if explain is None:
        return made
    found = [v for v in made if v.explained() is not None]
    if not found:
        known = [t.touchpoint_id for v in made for t in v.result.touchpoints]
        said = Msg("no touchpoint %(touchpoint)s to explain", touchpoint=Verbatim(repr(explain)))
        raise UsageError(said, hint=did_you_mean(explain, known))
    return found


def present(fmt: str, shown: Sequence[ScoreView], version: str, terminal: bool, color: bool, width: int = 120) -> str:
    """Scores as text: json, markdown, or human (rich on a terminal ``width`` columns wide, plain columns otherwise).

    Under ``workspace.rare_collections``, as the scoring: the scores of a big journey are young
    objects, and the collector's default thresholds walked them again for every few hundred dicts
    the presenter built (3.3 s of 10,000 touchpoints' JSON; 1.05 s without those collections).
    """
    from journeymap.workspace import rare_collections

    with rare_collections():
        return _present(fmt, shown, version, terminal, color, width)


def _present(fmt: str, shown: Sequence[ScoreView], version: str, terminal: bool, color: bool, width: int) -> str:
    if fmt == "json":
        from journeymap.formats.score_json import format_scores

        return format_scores(list(shown), version)
    from journeymap.formats.score_text import format_markdown, format_plain, format_rich

    if fmt == "markdown":
        return format_markdown(list(shown))
    return format_rich(list(shown), color, width) if terminal else format_plain(list(shown))
