"""Model step: the typed, immutable journey (format v1)."""

from journeymap.model.channel import BUILT_IN_CHANNELS, Channel
from journeymap.model.emotion import NAMED_EMOTIONS, Emotion, EmotionSpec
from journeymap.model.journey import (
    CANONICAL_STAGES,
    FORMAT_VERSION,
    Evidence,
    Journey,
    JourneyInfo,
    MomentOfTruth,
    Scales,
    Stage,
    Touchpoint,
    Transition,
)
from journeymap.model.metrics import CATALOGUE, CustomMeasure, Effort, Measure, Metrics
from journeymap.model.persona import Persona

__all__ = [
    "BUILT_IN_CHANNELS",
    "CANONICAL_STAGES",
    "CATALOGUE",
    "FORMAT_VERSION",
    "NAMED_EMOTIONS",
    "Channel",
    "CustomMeasure",
    "Effort",
    "Emotion",
    "EmotionSpec",
    "Evidence",
    "Journey",
    "JourneyInfo",
    "Measure",
    "Metrics",
    "MomentOfTruth",
    "Persona",
    "Scales",
    "Stage",
    "Touchpoint",
    "Transition",
]
