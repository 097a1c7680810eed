"""Emotions: a 1-5 score (5 = delighted) or a named emotion with its score."""

from typing import Annotated, Any

from pydantic import BeforeValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from journeymap.model.base import FrozenModel, Id
from journeymap.model.units import fold_letters, has_arabic_script, model_error, plain_number
from journeymap.translation import Msg, Verbatim

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

#: Arabic names of each emotion, masculine then feminine forms, and the forms maps and reports show (the
#: catalog's masculine, feminine and neutral words: journeymap/translation/locale); every form is accepted
#: as input, like the English name, so a word copied from a map reads back as the same emotion.
ARABIC_EMOTIONS: dict[str, tuple[str, ...]] = {
    "delighted": ("مسرور جدًا", "مسرورة جدًا", "سعيد جدًا", "سعيدة جدًا", "مبتهج", "مبتهجة", "ابتهاج"),
    "excited": ("متحمس", "متحمسة", "حماس"),
    "happy": ("سعيد", "سعيدة", "سعادة"),
    "pleased": ("راضٍ", "مسرور", "مسرورة", "سرور"),
    "satisfied": ("راضٍ", "راضية", "راضي", "رضا"),
    "confident": ("واثق", "واثقة", "ثقة"),
    "hopeful": ("متفائل", "متفائلة", "تفاؤل"),
    "curious": ("فضولي", "فضولية", "مهتم", "مهتمة", "اهتمام"),
    "relieved": ("مرتاح", "مرتاحة", "مطمئن", "مطمئنة", "ارتياح"),
    "neutral": ("محايد", "محايدة", "حياد"),
    "indifferent": ("غير مبالٍ", "غير مبالية", "غير مبالي", "لامبالاة"),
    "uncertain": ("متردد", "مترددة", "غير متأكد", "غير متأكدة", "تردد"),
    "confused": ("محتار", "محتارة", "مرتبك", "مرتبكة", "حائر", "حائرة", "حيرة"),
    "anxious": ("قلق", "قلقة"),
    "impatient": ("نافد الصبر", "نافدة الصبر", "نفاد صبر"),
    "annoyed": ("منزعج", "منزعجة", "متضايق", "متضايقة", "انزعاج"),
    "disappointed": ("خائب الأمل", "خائبة الأمل", "خيبة أمل"),
    "frustrated": ("محبط", "محبطة", "إحباط"),
    "angry": ("غاضب", "غاضبة", "غضب"),
    "furious": ("غاضب جدًا", "غاضبة جدًا", "ساخط", "ساخطة", "غضب شديد"),
    "distressed": ("مضطرب", "مضطربة", "متوتر جدًا", "متوترة جدًا", "ضيق شديد"),
}

EMOTION_MIN, EMOTION_MAX = 1, 5


def _vocabulary() -> dict[str, tuple[str, str]]:
    """Folded spelling -> (spelling shown in hints, emotion id), English ids first.

    A form listed under two emotions of the same score belongs to the later
    one: راضٍ is the name maps show for pleased, but it means satisfied.
    """
    words = {name: (name, name) for name in NAMED_EMOTIONS}
    for name, forms in ARABIC_EMOTIONS.items():
        words |= {fold_letters(form): (form, name) for form in forms}
    return words


_WORDS = _vocabulary()
_ARABIC_WORDS = [key for key in _WORDS if has_arabic_script(key)]


class Emotion(FrozenModel):
    """How the customer feels: ``score`` on 1-5, ``name`` (the English id) when one was given."""

    score: float = Field(ge=EMOTION_MIN, le=EMOTION_MAX)
    name: str | None = None
    text: str | None = Field(default=None, description="the name as written, such as محبطة for frustrated")


#: The scale's ends as message arguments, so they are written in the reader's digits (``١`` to ``٥`` in Arabic).
_ENDS = {"low": EMOTION_MIN, "high": EMOTION_MAX}


def parse_emotion(value: Any) -> Any:
    """A score (``4``, ``"٣٫٥"``) or a name in English or Arabic (``frustrated``, ``محبطة``) -> Emotion."""
    if isinstance(value, (Emotion, dict)):
        return value
    return Emotion(**_emotion_fields(value))


def _emotion_input(value: Any) -> Any:
    """``parse_emotion`` as the model's validator: the emotion's fields, not an ``Emotion``.

    Why: pydantic validates the fields as an ``Emotion`` in the pass it is already in, whereas
    building the model here would enter pydantic again for each of a journey's emotions.
    """
    if isinstance(value, (Emotion, dict)):
        return value
    return _emotion_fields(value)


def _emotion_fields(value: Any) -> dict[str, Any]:
    """The fields of the emotion a score or a name stands for; a model error for anything else."""
    if isinstance(value, bool):
        raise model_error(
            "jm_emotion", Msg("an emotion is a score from %(low)s to %(high)s or a name, not true/false", **_ENDS)
        )
    if isinstance(value, (int, float)):
        return _scored(value, str(value))
    if isinstance(value, str):
        number = plain_number(value)
        return _scored(number, value.strip()) if number is not None else _named(value)
    raise model_error("jm_emotion", Msg("an emotion is a score from %(low)s to %(high)s or a name", **_ENDS))


def _scored(score: float, written: str) -> dict[str, Any]:
    if not EMOTION_MIN <= score <= EMOTION_MAX:
        shown = Verbatim(written if len(written) <= 20 else written[:19] + "…")
        raise model_error(
            "jm_range",
            Msg(
                "emotion %(value)s is outside the %(low)s-%(high)s scale (%(low)s = angry, %(high)s = delighted)",
                value=shown,
                **_ENDS,
            ),
        )
    return {"score": float(score)}


def _named(value: str) -> dict[str, Any]:
    found = _WORDS.get(fold_letters(value))
    if found is None:
        raise _unknown(value)
    name = found[1]
    return {"score": NAMED_EMOTIONS[name], "name": name, "text": value.strip()}


def _unknown(value: str) -> PydanticCustomError:
    """JM103 with the closest name, in the script the author wrote in."""
    arabic = has_arabic_script(value)
    import difflib  # only for a word that is not an emotion

    close = difflib.get_close_matches(fold_letters(value), _ARABIC_WORDS if arabic else NAMED_EMOTIONS, n=1)
    if close:
        form, name = _WORDS[close[0]]
        hint = (
            Msg("did you mean '%(match)s' (%(name)s)?", match=Verbatim(form), name=Verbatim(name))
            if arabic
            else Msg("did you mean '%(match)s'?", match=Verbatim(form))
        )
    elif arabic:
        hint = Msg(
            "use %(low)s-%(high)s or a name such as delighted, happy, neutral, frustrated, angry (%(arabic)s)",
            arabic=Verbatim("سعيد، محايد، محبط، غاضب"),
            **_ENDS,
        )
    else:
        hint = Msg("use %(low)s-%(high)s or a name such as delighted, happy, neutral, frustrated, angry", **_ENDS)
    return model_error("jm_emotion", Msg("'%(value)s' is not a known emotion", value=Verbatim(value[:60])), hint)


#: An emotion score written as text: 1 to 5, decimals allowed, in any digit script.
_SCORE_PATTERN = r"^\s*[1-5\u0661-\u0665\u06f1-\u06f5]([.\u066b][0-9\u0660-\u0669\u06f0-\u06f9]+)?\s*$"
EMOTION_NAMES: list[str] = sorted(NAMED_EMOTIONS) + sorted({f for forms in ARABIC_EMOTIONS.values() for f in forms})
_EMOTION_HELP = (
    "an emotion is a score from 1 to 5 (5 = delighted) or a name: " + ", ".join(NAMED_EMOTIONS) + " (or in Arabic: "
    "سعيد، محايد، محبط، غاضب...)"
)
#: One schema, not a choice of three: editors then report an unknown name as such ("an emotion is ...")
#: instead of "expected a number" (docs/decisions/0011-schema-for-editors.md).
_EMOTION_INPUT: dict[str, Any] = {
    "type": ["number", "string"],
    "minimum": EMOTION_MIN,
    "maximum": EMOTION_MAX,
    "if": {"type": "string"},
    "then": {"anyOf": [{"enum": EMOTION_NAMES, "errorMessage": _EMOTION_HELP}, {"pattern": _SCORE_PATTERN}]},
}

EmotionValue = Annotated[Emotion, BeforeValidator(_emotion_input), WithJsonSchema(_EMOTION_INPUT)]


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
    **_EMOTION_INPUT,
    "type": ["number", "string", "object"],
    "additionalProperties": _EMOTION_INPUT,
}
