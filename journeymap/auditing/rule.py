"""What an audit rule is: a code, a family, an Options model and a pure ``check``.

Why classes with docstrings: the docstring (sections What it does, Why it
matters, Example, Use instead, Options) is the rule's documentation for
``journeymap rules CODE`` and docs/audit-rules.md, so code and docs cannot
drift apart. Name, default severity and summary come from the one code
table (``journeymap.codes``), so they are written once.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated, Any, ClassVar, NamedTuple

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from journeymap import flow
from journeymap.codes import CODES
from journeymap.diagnostics import Severity
from journeymap.loader.source_map import KeyPath
from journeymap.model import Channel, Journey, Measure, Stage, Touchpoint
from journeymap.model.evidence import cited_value
from journeymap.model.metrics import METRIC_NAMES, Metrics, human_duration, percent_text
from journeymap.model.units import parse_duration, parse_percent
from journeymap.translation import N_, Joined, Msg

SECTIONS = ("What it does", "Why it matters", "Example", "Use instead", "Options")
FAMILIES = {
    "coverage": N_("Coverage"),
    "measurement": N_("Measurement and accountability"),
    "performance": N_("Performance against targets and norms"),
    "experience": N_("Experience"),
    "omnichannel": N_("Omnichannel"),
    "flow": N_("Flow"),
}


def _fraction(value: Any) -> Any:
    return parse_percent(value)[0] if not isinstance(value, float) or value > 1 else value


def _seconds(value: Any) -> Any:
    return parse_duration(value)[0] if isinstance(value, str) else value


#: An option written 70%, 0.7 or 70; held as a fraction.
Fraction = Annotated[float, BeforeValidator(_fraction)]
#: An option written 5m, 24h or PT1H; held in seconds.
Seconds = Annotated[float, BeforeValidator(_seconds)]


class Options(BaseModel):
    """Base of every rule's options: frozen, unknown options are errors."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class GroupOptions(Options):
    """Options of a rule whose many findings in one journey become one (see ``Rule.group``)."""

    group_above: int = Field(
        default=3, ge=0, description="more findings than this in one journey become one finding that lists them"
    )


class Finding(NamedTuple):
    """What a rule reports: where (a key path into the YAML), what is wrong, what to do.

    A named tuple, not a frozen dataclass: as immutable, and made twice as fast (a frozen dataclass
    sets each field through ``object.__setattr__``), which counts when a big journey has tens of
    thousands of findings.

    ``subject`` names the finding in a grouped finding's list (default: its touchpoint id).
    ``at_most`` caps the rule's level for this finding: a measured value that is only below a norm by
    chance (its interval reaches the norm) is information, not a warning
    (docs/decisions/0038-audit-norms-and-samples.md).
    """

    path: KeyPath
    message: str
    hint: str
    at_key: bool = False
    subject: str = ""
    at_most: Severity | None = None
    #: ``(make, args)`` when the rule leaves its words to be made later: ``make(*args)`` is the finding in
    #: full, ``make(*args, subject_only=True)`` its subject alone; this one holds only its place, hint and
    #: flags (``message`` and ``subject`` empty).
    later: tuple[Callable[..., Any], tuple[Any, ...]] | None = None

    def words(self) -> Finding:
        """The finding with its message and subject: made now for a finding whose rule left them for later.

        Why later: a rule whose findings are mostly superseded or grouped (JM313: one per key metric, at
        every touchpoint) would make tens of thousands of messages nobody reads; the engine asks only for
        the findings it reports, and a grouped finding's list only for the subjects it names.
        """
        if self.later is None:
            return self
        make, args = self.later
        found: Finding = make(*args)
        return found

    def named(self) -> str:
        """``subject`` (made now when left for later): what a grouped finding's list says of this one."""
        if self.later is None:
            return self.subject
        make, args = self.later
        subject: str = make(*args, subject_only=True)
        return subject


@dataclass(frozen=True)
class Context:
    """What a check may read besides the journey: its options (an instance of the rule's Options)."""

    journey: Journey
    options: Any


class Rule:
    """Base class; subclasses set ``code``, ``family``, ``why``, ``Options`` and implement ``check``."""

    code: ClassVar[str]
    family: ClassVar[str]
    why: ClassVar[str]  # one sentence, shown with every finding
    Options: ClassVar[type[BaseModel]] = Options
    #: Rules whose finding at the same key path, or inside it, makes this one redundant (one problem, one finding).
    superseded_by: ClassVar[tuple[str, ...]] = ()
    #: With ``GroupOptions``: what the listed touchpoints of a grouped finding share ("touchpoints have no owner").
    grouped: ClassVar[str] = ""
    #: With ``GroupOptions``: the hint of a grouped finding (default: the first finding's hint).
    grouped_hint: ClassVar[str] = ""

    def check(self, journey: Journey, ctx: Context) -> Iterator[Finding]:
        raise NotImplementedError

    def group(self, journey: Journey, findings: list[Finding]) -> Finding:
        """Many findings of this rule as one, at the first one's place, listing them all.

        Why: thirty "no owner" findings bury the three findings that matter; one
        finding that names the thirty touchpoints says the same and is read.
        """
        first = findings[0].words()
        names = Joined(", ", [f.named() or f"'{located(journey, f.path)[1]}'" for f in findings])
        message = Msg("%(count)s %(what)s: %(names)s", count=len(findings), what=Msg(self.grouped), names=names)
        return Finding(first.path, message, Msg(self.grouped_hint) if self.grouped_hint else first.hint, first.at_key)

    @property
    def name(self) -> str:
        return CODES[self.code].name

    @property
    def severity(self) -> Severity:
        return CODES[self.code].severity

    @property
    def summary(self) -> str:
        return CODES[self.code].summary

    def sections(self) -> dict[str, str]:
        """The docstring's ``## Section`` blocks by title."""
        return split_sections(inspect.getdoc(self) or "")


def split_sections(doc: str) -> dict[str, str]:
    found: dict[str, str] = {}
    parts = re.split(r"^## (.+)$", doc, flags=re.M)
    for title, body in zip(parts[1::2], parts[2::2], strict=True):
        found[title.strip()] = body.strip()
    return found


# -- helpers the rules share -------------------------------------------------------


def touchpoints(journey: Journey) -> Iterator[tuple[KeyPath, Stage, Touchpoint]]:
    """Every touchpoint with its key path and stage, in journey order.

    Listed once per audit (``flow.once``): most rules walk every touchpoint.
    """
    return iter(flow.once(journey, ("touchpoints",), lambda: list(_touchpoints(journey))))


def _touchpoints(journey: Journey) -> Iterator[tuple[KeyPath, Stage, Touchpoint]]:
    for s, stage in enumerate(journey.stages):
        for t, touchpoint in enumerate(stage.touchpoints):
            yield ("stages", s, "touchpoints", t), stage, touchpoint


def located(journey: Journey, path: KeyPath) -> tuple[str | None, str | None]:
    """The (stage id, touchpoint id) a key path points into; None for what lies outside."""
    if len(path) < 2 or path[0] != "stages" or not isinstance(path[1], int) or path[1] >= len(journey.stages):
        return None, None
    stage = journey.stages[path[1]]
    if len(path) < 4 or path[2] != "touchpoints" or not isinstance(path[3], int):
        return stage.id, None
    if path[3] >= len(stage.touchpoints):
        return stage.id, None
    return stage.id, stage.touchpoints[path[3]].id


def personas_at(journey: Journey, touchpoint: Touchpoint) -> list[str]:
    return [p.id for p in journey.personas if touchpoint.serves(p.id)]


def emotion_of(touchpoint: Touchpoint, persona: str) -> float | None:
    feeling = touchpoint.emotion.for_persona(persona) if touchpoint.emotion else None
    return feeling.score if feeling else None


def emotions(journey: Journey, persona: str) -> dict[str, float | None]:
    """Each touchpoint's emotion score for a persona (``emotion_of``) by touchpoint id, read once per audit.

    Every persona's are read in one pass over the touchpoints (each touchpoint's emotion read once, not
    once per persona); a persona the journey does not list is read on its own.
    """
    every = flow.once(journey, ("emotions",), lambda: _emotions(journey, [p.id for p in journey.personas]))
    found = every.get(persona)
    return found if found is not None else _emotions(journey, [persona])[persona]


def _emotions(journey: Journey, personas: list[str]) -> dict[str, dict[str, float | None]]:
    found: dict[str, dict[str, float | None]] = {persona: {} for persona in personas}
    columns = [(persona, found[persona]) for persona in personas]
    for _, touchpoint in journey.touchpoints():
        tid, spec = touchpoint.id, touchpoint.emotion
        if spec is None:
            for _, scores in columns:
                scores[tid] = None
            continue
        by_persona, everyone = spec.by_persona, spec.everyone  # what ``EmotionSpec.for_persona`` reads
        for persona, scores in columns:
            feeling = by_persona.get(persona, everyone)
            scores[tid] = feeling.score if feeling is not None else None
    return found


def key_paths(journey: Journey) -> dict[str, KeyPath]:
    """Touchpoint id -> its key path, made once per audit (the flow and experience rules name places by id)."""
    return flow.once(journey, ("key paths",), lambda: {tp.id: path for path, _, tp in touchpoints(journey)})


#: A target with the value measured beside it, and what ``Journey.target_status`` says of the pair.
Judged = tuple[str, Measure, Measure, str | None]


def judged_targets(journey: Journey) -> dict[str, list[Judged]]:
    """Touchpoint id -> (metric, value, target, status) of each of its targets that has a value, in
    ``targets`` order; judged once per audit by the one rule every output uses (``Journey.target_status``).

    Why shared: the rules on missed, late, inconclusive and contradicted targets read the same pairs.
    """
    return flow.once(journey, ("targets",), lambda: _judged(journey))


def _judged(journey: Journey) -> dict[str, list[Judged]]:
    found: dict[str, list[Judged]] = {}
    status = journey.target_status
    for _, _, touchpoint in touchpoints(journey):
        aims = touchpoint.targets
        given = [(name, target) for name, target in aims.__dict__.items() if target is not None and name != "custom"]
        if aims.custom:  # ``Metrics.items()`` inlined (catalogue order, then custom by name): one call per touchpoint
            given.extend(sorted(aims.custom.items()))
        if not given:
            continue
        metrics = touchpoint.metrics
        values = metrics.__dict__
        pairs: list[Judged] = []
        for name, target in given:
            measure = values[name] if name in _FIELDS else metrics.custom.get(name)
            if measure is not None:
                pairs.append((name, measure, target, status(name, measure, target)))
        if pairs:
            found[touchpoint.id] = pairs
    return found


#: The catalogue's metrics: fields of ``Metrics``; any other name is a custom metric.
_FIELDS = frozenset(METRIC_NAMES)


def is_field(name: str) -> bool:
    """Whether ``name`` is a catalogue metric (a field of ``Metrics``), not a custom one."""
    return name in _FIELDS


def metric_value(metrics: Metrics, name: str) -> Measure | None:
    """``metrics.get(name)`` read straight from the model's fields: what rules ask for every touchpoint.

    Why not ``Metrics.get``: it scans the tuple of names and reads the attribute through pydantic's
    attribute hook, and rules ask hundreds of thousands of times in a big journey (the same answer).
    """
    if name in _FIELDS:
        found: Measure | None = metrics.__dict__[name]
        return found
    return metrics.custom.get(name)


def emotion_text(touchpoint: Touchpoint, persona: str) -> str:
    feeling = touchpoint.emotion.for_persona(persona) if touchpoint.emotion else None
    if feeling is None:
        return Msg("unknown")
    return _feeling_text(feeling.score, feeling.name)


@lru_cache(maxsize=1024)
def _feeling_text(score: float, name: str | None) -> str:
    """``frustrated (2)``, or the score alone: made once per emotion (findings quote thousands of them)."""
    shown = f"{score:g}"
    if not name:
        return shown
    return Msg("%(emotion)s (%(score)s)", emotion=Msg.in_context("neutral", name), score=shown)


def stage_kind(journey: Journey, stage: Stage) -> str | None:
    """``stage.canonical_stage``, recognised once per stage and audit (from its id or name: slow to
    repeat per touchpoint). Kept by the stage object, not its id: a journey built in code may repeat ids."""
    kinds = flow.once(journey, ("stage kinds",), lambda: {id(s): s.canonical_stage for s in journey.stages})
    return kinds[id(stage)]


def channel_of(journey: Journey, channel_id: str) -> Channel | None:
    """``journey.channel(channel_id)``, looked up once per channel and audit (rules ask per touchpoint)."""
    known: dict[str, Channel | None] = flow.once(journey, ("channels",), dict)
    if channel_id not in known:
        known[channel_id] = journey.channel(channel_id)
    return known[channel_id]


def is_service(stage: Stage) -> bool:
    return stage.canonical_stage == "service"


def after_purchase(journey: Journey) -> list[int]:
    """Indexes of the stages after the purchase: post-purchase and service, or all stages after purchase."""
    kinds = [s.canonical_stage for s in journey.stages]
    found = [i for i, k in enumerate(kinds) if k in ("post_purchase", "service")]
    if "purchase" in kinds:
        found += [i for i in range(kinds.index("purchase") + 1, len(kinds)) if i not in found]
    return sorted(found)


def metric_word(name: str, measure: Measure | None = None) -> str:
    """A metric as findings name it: its id in English (as written in the file), its name in the reader's
    language otherwise: the catalogue's, or a custom metric's own ``label``."""
    # ``label`` only exists on a CustomMeasure; read from the fields (isinstance on a pydantic class is slow)
    label = measure.__dict__.get("label") if measure is not None else None
    return _metric_word(name, label)


@lru_cache(maxsize=4096)
def _metric_word(name: str, label: str | None) -> str:
    """One word per metric and label, made once: tens of thousands of findings name the same few metrics.

    Why a ``Msg`` can be shared: nothing changes one after it is made; a translation makes a new string.
    """
    return Msg.in_context("metric", name, label)


def against_target(name: str, measure: Measure, target: Measure) -> Msg:
    """``CSAT 71% vs 85%``: a metric beside its target, as every finding that lists targets writes it
    (a measured value with its n and interval: ``model.evidence.cited_value``)."""
    return Msg(
        "%(metric)s %(value)s vs %(target)s",
        metric=metric_word(name, measure),
        value=cited_value(measure),
        target=target.display,
    )


def percent(value: float) -> str:
    """A threshold written the way metric values are displayed (one rule: ``model.metrics``)."""
    return percent_text(value)


def duration(seconds: float) -> str:
    return human_duration(seconds)


# -- requests, notifications and time promises (docs/domain.md#requests-and-notifications) ------------------

#: Metrics of a message the business sends: a touchpoint that measures opens or clicks was sent, not asked.
SENT_MESSAGE_METRICS = ("open_rate", "click_rate")
#: Percentages that can only be measured against a promised time.
PROMISE_RATES = ("sla_compliance", "on_time_rate")


def is_notification(touchpoint: Touchpoint) -> bool:
    """A one-way message the business sends (confirmation, status update, ad): nobody waits for a reply.

    Proactive touchpoints are notifications by definition; so is one measured
    by its open or click rate, which only a sent message has.
    """
    return touchpoint.proactive or any(metric_value(touchpoint.metrics, m) is not None for m in SENT_MESSAGE_METRICS)


def promises_time(touchpoint: Touchpoint) -> bool:
    """Whether a target promises a time: any duration target but AHT, SLA compliance or the on-time rate.

    Why AHT does not count: it is the agent's time, not the customer's wait.
    """
    return any(
        (target.unit == "duration" and name != "aht") or name in PROMISE_RATES
        for name, target in touchpoint.targets.items()
    )


def agent_answers(channel: Channel | None) -> bool:
    """A person answers here: a human channel, or a real-time channel that is not self-service (chat, messaging)."""
    if channel is None:
        return False
    return channel.kind == "human" or (channel.real_time and not channel.self_service)
