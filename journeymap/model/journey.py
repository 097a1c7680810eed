"""The journey document: metadata, personas, stages, touchpoints, channels.

Field order here is the order of the format reference; field descriptions
feed the JSON Schema that editors use for completion.
"""

from collections.abc import Iterator, Sequence
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from journeymap.model.base import FrozenModel, Id, Identified, Text
from journeymap.model.channel import BUILT_IN_CHANNELS, Channel
from journeymap.model.emotion import EMOTION_SPEC_SCHEMA, Emotion, EmotionSpec, parse_emotion_spec
from journeymap.model.metrics import CATALOGUE, CustomMeasure, Effort, Measure, Metrics
from journeymap.model.persona import Persona, Share
from journeymap.model.units import Number, WholeNumber, model_error
from journeymap.settings.audit import AuditConfig, Suppression
from journeymap.settings.friction import ScoringConfig
from journeymap.translation import RTL, Msg, Verbatim

FORMAT_VERSION = 1
RTL_LANGUAGES = RTL
LANGUAGE_PATTERN = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"

CanonicalStage = Literal["awareness", "consideration", "purchase", "post_purchase", "service"]
CANONICAL_STAGES: tuple[CanonicalStage, ...] = ("awareness", "consideration", "purchase", "post_purchase", "service")
#: Stage ids recognised as one of the canonical stages when `canonical` is not given.
STAGE_SYNONYMS: dict[str, CanonicalStage] = {
    "awareness": "awareness",
    "discovery": "awareness",
    "consideration": "consideration",
    "research": "consideration",
    "evaluation": "consideration",
    "comparison": "consideration",
    "purchase": "purchase",
    "decision": "purchase",
    "checkout": "purchase",
    "buy": "purchase",
    "post-purchase": "post_purchase",
    "post_purchase": "post_purchase",
    "postpurchase": "post_purchase",
    "retention": "post_purchase",
    "loyalty": "post_purchase",
    "advocacy": "post_purchase",
    "service": "service",
    "support": "service",
    "service-and-support": "service",
    "service_and_support": "service",
    "customer-service": "service",
}

#: Words that mark a canonical stage in an Arabic stage name, most specific first: "ما بعد فتح
#: الحساب" (after opening the account) is post-purchase although it contains "فتح الحساب".
ARABIC_STAGE_WORDS: tuple[tuple[CanonicalStage, tuple[str, ...]], ...] = (
    ("post_purchase", ("ما بعد", "بعد الشراء", "بعد البيع", "الولاء", "الاحتفاظ", "التوصية", "الاستخدام")),
    ("service", ("الخدمة", "خدمة العملاء", "الدعم", "المساندة", "الشكاوى", "المساعدة")),
    ("purchase", ("الشراء", "القرار", "فتح الحساب", "الاشتراك", "الدفع")),
    ("consideration", ("المقارنة", "البحث", "التقييم", "الدراسة", "المفاضلة")),
    ("awareness", ("الوعي", "الاكتشاف", "المعرفة", "التعرف", "الإدراك")),
)


def arabic_canonical_stage(name: str) -> CanonicalStage | None:
    """The canonical stage an Arabic stage name speaks of, by the words in ``ARABIC_STAGE_WORDS``."""
    from journeymap.model.base import slugify

    text = slugify(name).replace("-", " ")
    for stage, words in ARABIC_STAGE_WORDS:
        if any(word in text for word in words):
            return stage
    return None


Scope = Literal["end_to_end", "purchase", "onboarding", "service", "claim", "other"]
#: The canonical stages a journey of each scope is expected to cover (the audit's JM301 reads this).
EXPECTED_STAGES: dict[str, tuple[CanonicalStage, ...]] = {
    "end_to_end": ("awareness", "consideration", "purchase", "post_purchase"),
    "purchase": ("consideration", "purchase"),
    "onboarding": ("post_purchase",),
    "service": ("service",),
    "claim": ("service",),
    "other": (),
}

Industry = Literal[
    "ecommerce",
    "retail",
    "telecom",
    "banking",
    "insurance",
    "healthcare",
    "hospitality",
    "travel",
    "transport",
    "food_delivery",
    "consumer_goods",
    "software",
    "technology",
    "online_services",
    "utilities",
    "education",
    "public_sector",
    "other",
]


#: `current`, `future`, or the date of a snapshot.
STATE_PATTERN = r"^(current|future|[0-9]{4}-[0-9]{2}-[0-9]{2})$"


class JourneyInfo(FrozenModel):
    """What the journey is about and who owns it."""

    id: Id | None = Field(default=None, description="defaults to the slug of `title`")
    title: Text = Field(description="the journey's name, shown on the map and in reports")
    description: str | None = Field(default=None, description="what the journey covers, in a sentence or two")
    language: Annotated[str, Field(pattern=LANGUAGE_PATTERN)] = Field(
        default="en", description="BCP-47 tag; ar, fa, he, ur... render right to left"
    )
    numerals: Literal["arabic", "latin"] | None = Field(
        default=None,
        description="digits of the outputs (maps, reports, audit): `arabic` (Arabic-Indic ٠١٢) or `latin` (012); "
        "default: Arabic-Indic for Arabic outside the Maghreb and the Emirates (ar, ar-SA, ar-EG), Latin otherwise",
    )
    industry: Industry | None = Field(default=None, description="informs channel-fit checks")
    scope: Scope = Field(
        default="end_to_end",
        description="what the journey covers: the whole buying journey (end_to_end), or only purchase, "
        "onboarding, a service request or a claim; sets which canonical stages are expected",
    )
    owner: str | None = Field(default=None, description="the team or person accountable for the journey")
    goal: str | None = Field(default=None, description="what the map is for")
    tags: list[Text] = Field(default=[], description="free labels for finding and grouping journeys")
    state: Annotated[str, Field(pattern=STATE_PATTERN)] = Field(
        default="current",
        description="which state the map shows: `current` (as customers live it today), `future` (the experience "
        "to build) or a dated snapshot (`2026-03-31`)",
    )
    future_of: Id | None = Field(
        default=None, description="for a future state: the id of the journey it is the future of"
    )
    metrics: Metrics | None = Field(default=None, description="journey-wide measures, such as relationship NPS")
    targets: Metrics | None = Field(default=None, description="journey-wide targets for those measures")

    @property
    def rtl(self) -> bool:
        return self.language.split("-")[0].lower() in RTL_LANGUAGES

    @property
    def expected_stages(self) -> tuple[CanonicalStage, ...]:
        """The canonical stages a journey of this scope should cover."""
        return EXPECTED_STAGES[self.scope]


class MomentOfTruth(FrozenModel):
    """A touchpoint that strongly shapes how the customer sees the brand."""

    impact: Literal["high", "medium", "low"] = Field(
        default="high", description="how strongly it shapes the customer's view: high, medium or low"
    )
    valence: Literal["positive", "negative", "mixed"] | None = Field(
        default=None, description="whether it tends to win or lose the customer"
    )
    why: str | None = Field(default=None, description="why this moment matters to the customer")


def _moment(value: Any) -> Any:
    if value is True:
        return {}
    if value is False:
        return None
    return value


def _transition(value: Any) -> Any:
    return {"to": value} if isinstance(value, (str, int, float)) and not isinstance(value, bool) else value


class Transition(FrozenModel):
    """A move from one touchpoint to another."""

    to: Id = Field(description="id of the next touchpoint")
    label: str | None = Field(default=None, description="when or why the customer takes this path")
    share: Share | None = Field(default=None, description="share of customers who take it")
    context_carried: bool | None = Field(
        default=None, description="whether what the customer already said travels with them"
    )


class Evidence(FrozenModel):
    """Where an observation comes from."""

    source: Text = Field(description="where the observation comes from, e.g. `Q3 post-purchase survey`")
    kind: Literal[
        "survey", "analytics", "interview", "support_tickets", "reviews", "social_listening", "observation", "other"
    ] = Field(default="other", description="the kind of research behind it")
    url: str | None = Field(default=None, description="a link to the study, dashboard or export")
    date: str | None = Field(default=None, description="when it was collected, e.g. 2026-03-31")
    sample_size: WholeNumber | None = Field(default=None, description="how many customers, answers or sessions")


def _evidence(value: Any) -> Any:
    return {"source": value} if isinstance(value, str) else value


_TRANSITION_IN = {"anyOf": [{"type": "string"}, {"$ref": "#/$defs/Transition"}]}
_EVIDENCE_IN = {"anyOf": [{"type": "string"}, {"$ref": "#/$defs/Evidence"}]}
_MOMENT_IN = {"anyOf": [{"type": "boolean"}, {"$ref": "#/$defs/MomentOfTruth"}]}


class Touchpoint(Identified):
    """A point of contact between the customer and the business."""

    name: Text = Field(description="what the customer meets here, as the map shows it")
    channel: Id = Field(description="a built-in channel id or one from `channels`")
    description: str | None = Field(default=None, description="what happens at this touchpoint")
    action: str | None = Field(default=None, description="what the customer does here")
    was: Id | None = Field(
        default=None,
        description="the id this touchpoint had before it was renamed, so `compare` follows it across versions",
    )
    step: Id | None = Field(
        default=None,
        description="touchpoints next to each other with the same `step` are one step: alternatives "
        "(call, chat or app) or parallel contacts; each is reached from the step before and leads to the step after",
    )
    owner: str | None = Field(default=None, description="the team accountable for this touchpoint")
    personas: list[Id] | None = Field(default=None, description="persona ids; default: every persona")
    emotion: Annotated[EmotionSpec, BeforeValidator(parse_emotion_spec), WithJsonSchema(EMOTION_SPEC_SCHEMA)] | None = (
        Field(
            default=None,
            description="how customers feel here: 1-5 (5 = delighted) or a name such as `frustrated` (English or "
            "Arabic); or a mapping persona id -> emotion",
        )
    )
    moment_of_truth: Annotated[MomentOfTruth | None, BeforeValidator(_moment), WithJsonSchema(_MOMENT_IN)] = Field(
        default=None, description="`true`, or `{impact, valence, why}`: a touchpoint that makes or breaks the journey"
    )
    metrics: Metrics = Field(default_factory=Metrics, description="what is measured here, by metric name")
    targets: Metrics = Field(default_factory=Metrics, description="the values the team aims for, by metric name")
    pain_points: list[Text] = Field(default=[], description="what goes wrong for customers here")
    opportunities: list[Text] = Field(default=[], description="ideas that would remove the pain points")
    next: list[Annotated[Transition, BeforeValidator(_transition), WithJsonSchema(_TRANSITION_IN)]] | None = Field(
        default=None, description="where customers go next; default: the next touchpoint in order"
    )
    proactive: bool = Field(default=False, description="the business reaches out first")
    handoffs: WholeNumber = Field(default=0, description="internal handoffs between teams at this touchpoint")
    volume: WholeNumber | None = Field(default=None, description="customers or contacts per period; weights aggregates")
    knowledge_base: str | None = Field(
        default=None,
        description="where the answers given here come from (a knowledge base, help-centre articles, "
        "agent scripts); checked on human touchpoints (accuracy)",
    )
    notes: str | None = Field(default=None, description="anything else the team should know")
    evidence: list[Annotated[Evidence, BeforeValidator(_evidence), WithJsonSchema(_EVIDENCE_IN)]] = Field(
        default=[], description="research behind the emotions and pain points: a source, or {source, kind, ...}"
    )
    suppress: list[Suppression] = Field(default=[], description="audit rules silenced here, each with a reason")

    def serves(self, persona_id: str) -> bool:
        return self.personas is None or persona_id in self.personas


class Stage(Identified):
    """A step of the buying process, with its touchpoints in order."""

    name: Text = Field(description="the stage's name, shown as a column of the map")
    canonical: CanonicalStage | None = Field(
        default=None,
        description="which canonical stage this is; recognised from the id or the (English or Arabic) name if omitted",
    )
    description: str | None = Field(default=None, description="what the customer is trying to do in this stage")
    was: Id | None = Field(
        default=None,
        description="the id this stage had before it was renamed, so `compare` reports one rename instead of "
        "moving each of its touchpoints",
    )
    touchpoints: list[Touchpoint] = Field(default=[], description="the points of contact in this stage, in order")

    @property
    def canonical_stage(self) -> CanonicalStage | None:
        """``canonical``, else recognised from the id, the name, or Arabic words in the name."""
        from journeymap.model.base import slugify

        return (
            self.canonical
            or STAGE_SYNONYMS.get(self.id.casefold())
            or STAGE_SYNONYMS.get(slugify(self.name))
            or arabic_canonical_stage(self.name)
        )


class CesScale(FrozenModel):
    """The Customer Effort Score survey's scale."""

    min: Number = Field(default=1, description="the lowest answer")
    max: Number = Field(default=7, description="the highest answer")
    higher_is: Literal["easier", "harder"] = Field(
        default="easier", description="whether a high answer means easier (default) or harder"
    )

    @model_validator(mode="after")
    def _ordered(self) -> "CesScale":
        if self.min >= self.max:
            raise model_error("jm_value", Msg("the scale's `min` must be below its `max`"))
        return self


class Scales(FrozenModel):
    """How survey scales are read; explicit because teams and vendors differ."""

    ces: CesScale = Field(
        default_factory=CesScale, description="Customer Effort Score scale; default 1-7, higher = easier"
    )


def _exact_version(value: Any) -> Any:
    """``version: true`` must not pass as 1 (pydantic's lax mode would allow it)."""
    if isinstance(value, bool):
        raise PydanticCustomError(
            "jm_version",
            "format version {value} is not supported; this journeymap reads version 1; set `version: 1`",
            {"value": str(value).lower()},
        )
    return value


PlanEffort = Annotated[float, Field(gt=0, le=10000)] | Literal["XS", "S", "M", "L", "XL"]
#: T-shirt sizes as relative effort (a doubling per size).
EFFORT_SIZES = {"XS": 0.5, "S": 1.0, "M": 2.0, "L": 4.0, "XL": 8.0}


class PlannedChange(Identified):
    """An opportunity of the plan: what a future state changes, where, for how much effort."""

    title: Text = Field(description="what changes, in a few words")
    touchpoints: list[Id] = Field(default=[], description="ids of the touchpoints it changes (as in the future state)")
    removes: list[Id] = Field(
        default=[], description="ids of current-state touchpoints it makes unnecessary (they are gone from this state)"
    )
    effect: str | None = Field(default=None, description="the expected effect, e.g. `fcr 46% -> 70%`")
    effort: PlanEffort | None = Field(
        default=None, description="person-days, or a size XS, S, M, L, XL (0.5, 1, 2, 4, 8)"
    )
    owner: str | None = Field(default=None, description="the team that delivers it")
    due: str | None = Field(default=None, description="when it should be delivered, e.g. 2027-03-31")

    @property
    def effort_units(self) -> float | None:
        """Effort as a number: person-days as written, sizes by ``EFFORT_SIZES``."""
        if self.effort is None:
            return None
        return EFFORT_SIZES[self.effort] if isinstance(self.effort, str) else float(self.effort)


class Journey(FrozenModel):
    """A journey file, format version 1."""

    version: Annotated[Literal[1], BeforeValidator(_exact_version)] = Field(description="format version; always 1")
    info: JourneyInfo = Field(alias="journey", description="what the journey is about: title, language, owner...")
    personas: list[Persona] = Field(min_length=1)
    stages: list[Stage] = Field(min_length=1, description="the steps of the buying process, in order")
    channels: list[Channel] = Field(default=[], description="custom channels beside the built-in catalogue")
    scales: Scales = Field(default_factory=Scales, description="how survey scales are read (the CES scale)")
    scoring: ScoringConfig | None = Field(default=None, description="friction scoring settings for this file")
    audit: AuditConfig | None = Field(default=None, description="audit rules for this file: select, ignore, rules")
    plan: list[PlannedChange] = Field(
        default=[], description="the opportunities that take the current state to this future state"
    )
    sources: dict[Id, Any] | None = Field(
        default=None,
        description="data sources for `journeymap measure`, as in a definitions file (docs/measure.md); "
        "checked by `measure`",
    )
    measures: dict[Id, dict[Id, Any]] | None = Field(
        default=None,
        description="per touchpoint id, per metric: how `journeymap measure` computes it from `sources` "
        "(docs/measure.md); checked by `measure`",
    )

    @property
    def id(self) -> str:
        from journeymap.model.base import slugify

        return self.info.id or slugify(self.info.title) or "journey"

    def channel(self, channel_id: str) -> Channel | None:
        for channel in self.channels:
            if channel.id == channel_id:
                return channel
        return BUILT_IN_CHANNELS.get(channel_id)

    def touchpoints(self) -> Iterator[tuple[Stage, Touchpoint]]:
        for stage in self.stages:
            for touchpoint in stage.touchpoints:
                yield stage, touchpoint

    def better(self, metric: str, measure: Measure) -> Literal["higher", "lower"] | None:
        """Whether higher or lower values of a metric are better here (CES follows its scale)."""
        if isinstance(measure, Effort):
            direction = measure.higher_is or self.scales.ces.higher_is
            return "higher" if direction == "easier" else "lower"
        if isinstance(measure, CustomMeasure):
            return measure.better
        spec = CATALOGUE.get(metric)
        return spec.better if spec else None

    def target_status(
        self, metric: str, measure: Measure, target: Measure
    ) -> Literal["met", "missed", "inconclusive"] | None:
        """A value against its target, honest about the sample: the one rule every output uses.

        A measured value with an interval has *met* its target when the whole interval is on the good
        side, *missed* it when the whole interval is on the wrong side, and is *inconclusive* when the
        interval straddles the target (the sample cannot tell). A typed value (no interval) decides
        by itself, with no tolerance. None when no direction says which way is better.
        """
        direction = self.better(metric, measure)
        if direction is None:
            return None
        low, high = measure.interval or (measure.value, measure.value)
        if direction == "higher":
            if low >= target.value:
                return "met"
            return "missed" if high < target.value else "inconclusive"
        if high <= target.value:
            return "met"
        return "missed" if low > target.value else "inconclusive"

    def meets(self, metric: str, measure: Measure, target: Measure) -> bool | None:
        """Whether a value reaches its target: True met, False missed, None inconclusive or no direction."""
        status = self.target_status(metric, measure, target)
        return None if status in (None, "inconclusive") else status == "met"

    def persona(self, persona_id: str) -> Persona | None:
        return next((p for p in self.personas if p.id == persona_id), None)

    def require_persona(self, persona_id: str | None, where: str | None = None) -> None:
        """Raise a UsageError naming the choices when a ``--persona`` / ``persona=`` is not in this journey.

        The id is shown with ``repr`` so that a newline in it cannot split the one-line message.
        """
        if persona_id is None or self.persona(persona_id) is not None:
            return
        from journeymap.errors import UsageError
        from journeymap.validation.suggest import did_you_mean

        choices = [p.id for p in self.personas]
        subject = Verbatim(where) if where else Msg("journey '%(journey)s'", journey=Verbatim(self.id))
        said = Msg("%(subject)s has no persona %(persona)s", subject=subject, persona=Verbatim(repr(str(persona_id))))
        raise UsageError(said, did_you_mean(persona_id, choices))

    def persona_weights(self) -> dict[str, float]:
        """Each persona's share; personas without one split what is left equally.

        Why: shares often cover only the mapped segments (45% + 25%), and a
        persona without a share should count, not vanish.
        """
        given = {p.id: float(p.weight) for p in self.personas if p.weight is not None}
        missing = [p.id for p in self.personas if p.weight is None]
        rest = 1.0 - sum(given.values())
        fill = rest / len(missing) if missing and rest > 0 else 1.0 / len(self.personas)
        return {**given, **dict.fromkeys(missing, fill)}

    def emotions(
        self, touchpoint: Touchpoint, persona: str | None = None, shares: dict[str, float] | None = None
    ) -> list[tuple[str, Emotion, float]]:
        """(persona id, emotion, weight) of each persona served here who has an emotion; one persona if given.

        ``shares`` are this journey's ``persona_weights()`` when the caller has them already: scoring
        asks once per touchpoint and view (40,000 times at 10,000 touchpoints and three personas), and
        making the shares again each time was a tenth of scoring.
        """
        spec = touchpoint.emotion
        if spec is None:
            return []
        ids = [persona] if persona else [p.id for p in self.personas if touchpoint.serves(p.id)]
        weights = self.persona_weights() if shares is None else shares
        found = [(pid, feeling, weights.get(pid, 1.0)) for pid in ids if (feeling := spec.for_persona(pid))]
        if found and sum(w for _, _, w in found) <= 0:
            return [(pid, feeling, 1.0) for pid, feeling, _ in found]
        return found

    def emotion(self, touchpoint: Touchpoint, persona: str | None = None) -> float | None:
        """How customers feel at a touchpoint, 1 (angry) to 5 (delighted); None when nobody said.

        The one rule every output uses: one persona's emotion when ``persona``
        is given, else the mean over the personas served, weighted by their
        share (90% angry and 10% delighted is 1.4, not 3).
        """
        return share_weighted(self.emotions(touchpoint, persona))

    def _repr_svg_(self) -> str | None:
        """The journey map as SVG, for Jupyter and other notebooks; None when Graphviz is not installed."""
        from journeymap.rendering import render
        from journeymap.rendering.graphviz import GraphvizMissing

        try:
            return render(self, "svg").decode("utf-8")
        except GraphvizMissing:
            return None

    def _repr_html_(self) -> str:
        """The title, a one-line summary and the map (or, without Graphviz, a note saying how to get it)."""
        from html import escape

        stages = len(self.stages)
        touchpoints = sum(1 for _ in self.touchpoints())
        direction = "rtl" if self.info.rtl else "ltr"
        head = (
            f'<div class="journeymap" dir="{direction}" lang="{escape(self.info.language)}">'
            f"<strong>{escape(self.info.title)}</strong>"
            f"<div>{len(self.personas)} personas, {stages} stages, {touchpoints} touchpoints</div>"
        )
        svg = self._repr_svg_()
        body = svg if svg is not None else "<p>Install Graphviz (the <code>dot</code> program) to see the map.</p>"
        return f"{head}{body}</div>"

    def to_yaml(self) -> str:
        """This journey as format-v1 YAML that reads back as an equal Journey: ``load(to_yaml(j)) == j``.

        What is kept: every value as written (``45%``, ``2d 4h``, Arabic digits, emotion names), keys
        in the format's order, defaults the file gave explicitly. What is not: comments, key order
        within a mapping as the author wrote it, anchors and aliases (expanded), and the raw survey
        answers behind a computed value (a CSAT or CES histogram, NPS promoter counts): the model
        keeps only the result, so it is written as ``{value, responses}`` (same value and sample
        size; the value's text and formula are what differs on reading it back).
        """
        from journeymap.formats.journey_yaml import journey_yaml

        return journey_yaml(self)


def share_weighted(found: list[tuple[str, Emotion, float]]) -> float | None:
    """The mean of ``Journey.emotions``' feelings weighted by their shares; None when nobody said.

    The one rule ``Journey.emotion`` applies, apart so that a caller holding the emotions (scoring)
    does not look them up again.
    """
    if not found:
        return None
    return mean_by_share([(feeling.score, w) for _, feeling, w in found])


def mean_by_share(felt: Sequence[tuple[float, float]]) -> float:
    """(emotion score, share) pairs -> their share-weighted mean: ``share_weighted``'s arithmetic, for a caller
    that keeps the numbers without the emotions (scoring caches its emotion readings by them)."""
    return sum(w * score for score, w in felt) / sum(w for _, w in felt)


__all__ = [
    "EFFORT_SIZES",
    "EXPECTED_STAGES",
    "Evidence",
    "Journey",
    "JourneyInfo",
    "MomentOfTruth",
    "PlannedChange",
    "Scales",
    "Stage",
    "Touchpoint",
    "Transition",
    "mean_by_share",
    "share_weighted",
]
