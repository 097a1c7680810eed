"""Emotions: a 1-5 score (5 = delighted) or a named emotion with its score."""

from __future__ import annotations

import difflib
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from journeymap.model.base import FrozenModel, Id
from journeymap.model.units import NUMBER_RE, parse_number

#: Named emotions and their place on the 1-5 scale.
NAMED_EMOTIONS: dict[str, int] = {
    "delighted": 5,
    "excited": 5,
    "happy": 4,
    "pleased": 4,
    "satisfied": 4,
    "confident": 4,
    "hopeful": 4,
    "curious": 4,
    "relieved": 4,
    "neutral": 3,
    "indifferent": 3,
    "uncertain": 3,
    "confused": 2,
    "anxious": 2,
    "impatient": 2,
    "annoyed": 2,
    "disappointed": 2,
    "frustrated": 2,
    "angry": 1,
    "furious": 1,
    "distressed": 1,
}

EMOTION_MIN, EMOTION_MAX = 1, 5


class Emotion(FrozenModel):
    """How the customer feels: ``score`` on 1-5, ``name`` when one was given."""

    score: float = Field(ge=EMOTION_MIN, le=EMOTION_MAX)
    name: str | None = None


def parse_emotion(value: Any) -> Any:
    if isinstance(value, (Emotion, dict)):
        return value
    if isinstance(value, bool):
        raise PydanticCustomError("jm_emotion", "an emotion is a score from 1 to 5 or a name, not true/false")
    if isinstance(value, (int, float)):
        if not EMOTION_MIN <= value <= EMOTION_MAX:
            raise PydanticCustomError(
                "jm_range",
                "emotion {value} is outside the 1-5 scale (1 = angry, 5 = delighted)",
                {"value": str(value) if len(str(value)) <= 20 else str(value)[:19] + "…"},
            )
        return Emotion(score=float(value))
    if isinstance(value, str) and NUMBER_RE.match(value):
        return parse_emotion(parse_number(value)[0])
    if isinstance(value, str):
        key = value.strip().casefold()
        if key in NAMED_EMOTIONS:
            return Emotion(score=NAMED_EMOTIONS[key], name=key)
        close = difflib.get_close_matches(key, NAMED_EMOTIONS, n=1)
        hint = (
            f"did you mean '{close[0]}'?"
            if close
            else "use 1-5 or a name such as " + ", ".join(["delighted", "happy", "neutral", "frustrated", "angry"])
        )
        raise PydanticCustomError(
            "jm_emotion", "'{value}' is not a known emotion; {hint}", {"value": value[:60], "hint": hint}
        )
    raise PydanticCustomError("jm_emotion", "an emotion is a score from 1 to 5 or a name")


_EMOTION_INPUT = {
    "anyOf": [
        {"type": "number", "minimum": EMOTION_MIN, "maximum": EMOTION_MAX},
        {"type": "string", "enum": sorted(NAMED_EMOTIONS)},
    ]
}

EmotionValue = Annotated[Emotion, BeforeValidator(parse_emotion), WithJsonSchema(_EMOTION_INPUT)]


class EmotionSpec(FrozenModel):
    """One emotion for everyone at the touchpoint, or one per persona."""

    everyone: EmotionValue | None = None
    by_persona: dict[Id, EmotionValue] = {}

    def for_persona(self, persona_id: str) -> Emotion | None:
        return self.by_persona.get(persona_id, self.everyone)


def parse_emotion_spec(value: Any) -> Any:
    if isinstance(value, EmotionSpec):
        return value
    if isinstance(value, dict):
        return {"by_persona": value}
    return {"everyone": value}


EMOTION_SPEC_SCHEMA: dict[str, Any] = {
    "description": "1-5 (5 = delighted) or a named emotion; or a mapping persona id -> emotion",
    "anyOf": [
        _EMOTION_INPUT,
        {"type": "object", "additionalProperties": _EMOTION_INPUT},
    ],
}
