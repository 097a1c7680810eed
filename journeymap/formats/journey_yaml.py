"""A Journey back to format-v1 YAML (``Journey.to_yaml``), so code can build or change a journey and save it.

Why walk the model rather than dump it: values are kept as written (``45%``, ``2d 4h``, ``٤١٪``,
``frustrated``), and parsed values such as a percentage (a fraction plus its text) must be
written in the form the format reads, not as their inside. Only what the file gave (or the code
set) is written, in the format's key order, so the output reads like a hand-written file.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel

from journeymap.model.emotion import Emotion, EmotionSpec
from journeymap.model.metrics import CustomMeasure, Effort, Measure
from journeymap.model.units import number_text

_PLAIN_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def journey_yaml(journey: BaseModel) -> str:
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    def text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
        style = "|" if "\n" in value and value == value.strip() + "\n" * value.endswith("\n") else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, text)
    body = yaml.dump(_value(journey), Dumper=Dumper, allow_unicode=True, sort_keys=False, width=100)
    return str(body)


def plain_value(value: Any, metric: str | None = None) -> Any:
    """A model value as the plain data a journey file holds (what ``to_yaml`` writes), for other writers;
    ``metric`` names a metric's value (whether it may carry its sample size)."""
    return _measure(value, metric) if isinstance(value, Measure) and metric is not None else _value(value)


def _value(value: Any) -> Any:
    if isinstance(value, Measure):
        return _measure(value)
    if isinstance(value, EmotionSpec):
        if value.by_persona:
            return {persona: _emotion(emotion) for persona, emotion in value.by_persona.items()}
        return _emotion(value.everyone) if value.everyone is not None else None
    if isinstance(value, Emotion):
        return _emotion(value)
    if isinstance(value, BaseModel):
        return _model(value)
    if isinstance(value, dict):
        return {str(key): _value(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_value(item) for item in value]
    return _plain(value)


def _plain(value: Any) -> Any:
    """Subclasses of int, float and str (whole-number and id types) as the plain types YAML knows."""
    if isinstance(value, bool) or value is None:
        return value
    for kind in (int, float, str):
        if isinstance(value, kind):
            return kind(value)
    return value


def _model(model: BaseModel) -> Any:
    fields = type(model).model_fields
    data: dict[str, Any] = {}
    for name, field in fields.items():
        if name in model.model_fields_set:
            value = getattr(model, name)
            data[field.alias or name] = _measure(value, name) if isinstance(value, Measure) else _value(value)
    for name, extra in (model.model_extra or {}).items():
        data[name] = _value(extra)
    if set(data) == {"to"} and type(model).__name__ == "Transition":
        return data["to"]  # `next: [checkout]`
    if not data and type(model).__name__ == "MomentOfTruth":
        return True  # `moment_of_truth: true`
    return data


def _scalar(text: str) -> Any:
    """Text as written; a plain number goes back as a YAML number when that reads back the same."""
    if _PLAIN_NUMBER.fullmatch(text):
        number = float(text)
        if number_text(number) == text:
            return int(number) if number.is_integer() and "." not in text else number
    return text


def _emotion(emotion: Emotion) -> Any:
    if emotion.text is not None:
        return _scalar(emotion.text)
    return emotion.name or (int(emotion.score) if emotion.score.is_integer() else emotion.score)


#: The catalogue metrics whose value may be a ``{value, responses}`` mapping (survey scores).
WITH_RESPONSES = frozenset({"nps", "csat", "ces"})


def _measure(measure: Measure, metric: str | None = None) -> Any:
    """A metric's value as a journey writes it; its sample size only where the format has a place for it
    (survey scores and custom metrics: a measured FCR's n stays in the snapshot, or the file would not load)."""
    if measure.formula is None:
        value = _scalar(measure.text)
    elif measure.unit == "percent":
        value = f"{number_text(round(measure.value * 100, 6))}%"
    else:
        value = _scalar(number_text(measure.value))
    data: dict[str, Any] = {"value": value}
    if measure.responses is not None and (
        metric is None or metric in WITH_RESPONSES or isinstance(measure, CustomMeasure)
    ):
        data["responses"] = int(measure.responses)
    if isinstance(measure, Effort):
        if measure.scale_min is not None and measure.scale_max is not None:
            data["scale"] = [_scalar(number_text(measure.scale_min)), _scalar(number_text(measure.scale_max))]
        if measure.higher_is is not None:
            data["higher_is"] = measure.higher_is
    if isinstance(measure, CustomMeasure):
        data["unit"] = measure.unit
        if measure.better is not None:
            data["better"] = measure.better
        if measure.label is not None:
            data["label"] = measure.label
    return data["value"] if list(data) == ["value"] else data
