"""What building the journey model costs at start-up: only the classes a journey file needs, annotations as objects.

Every ``journeymap validate`` builds the model's pydantic classes before reading a byte (about a fifth of a
small run). These tests hold the two savings of docs/decisions/0053-model-start-up.md: the provenance
classes of measured values are built only when a measured value is, and no class's field annotations
are strings that pydantic would evaluate one by one.
"""

from __future__ import annotations

import inspect
import subprocess
import sys

import pytest
from pydantic import BaseModel

import journeymap.model
from journeymap.model.evidence import Provenance, SeriesPoint
from journeymap.model.metrics import Measure


def _modules_after(code: str) -> set[str]:
    """The modules a fresh interpreter holds after running ``code`` and importing what it names."""
    script = f"import sys\n{code}\nprint('\\n'.join(sorted(sys.modules)))"
    completed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return set(completed.stdout.split())


def test_the_journey_model_builds_no_provenance_class() -> None:
    modules = _modules_after("import journeymap.model, journeymap.validation")
    assert "journeymap.model.metrics" in modules
    assert "journeymap.model.provenance" not in modules
    assert "statistics" not in modules  # Provenance.change's NormalDist comes with its class


def test_the_provenance_classes_are_still_read_from_the_evidence_module() -> None:
    modules = _modules_after("from journeymap.model.evidence import Provenance\nassert Provenance.__name__")
    assert "journeymap.model.provenance" in modules
    assert Provenance.__module__ == SeriesPoint.__module__ == "journeymap.model.provenance"


def test_an_unknown_name_of_the_evidence_module_is_an_attribute_error() -> None:
    import journeymap.model.evidence as evidence

    with pytest.raises(AttributeError, match="Provenanse"):
        evidence.Provenanse  # noqa: B018


def _provenance() -> Provenance:
    point = SeriesPoint(period="2024-01", value=0.5, n=40, low=0.35, high=0.65)
    return Provenance(snapshot="x.measured.json", source="surveys", n=40, low=0.35, high=0.65, series=(point,))


def test_a_measured_value_keeps_its_provenance_as_given() -> None:
    provenance = _provenance()
    measure = Measure(value=0.5, unit="percent", text="50%", measured=provenance)
    assert measure.measured is provenance
    assert measure.interval == (0.35, 0.65)


def test_a_provenance_given_as_a_mapping_is_read_as_one() -> None:
    provenance = _provenance()
    measure = Measure(value=0.5, unit="percent", text="50%", measured=provenance.model_dump())  # type: ignore[arg-type]
    assert measure.measured == provenance
    assert isinstance(measure.measured, Provenance)


def test_a_provenance_is_neither_dumped_nor_in_the_json_schema() -> None:
    measure = Measure(value=0.5, unit="percent", text="50%", measured=_provenance())
    assert measure.model_dump() == {"value": 0.5, "unit": "percent", "text": "50%", "responses": None, "formula": None}
    assert "measured" not in Measure.model_json_schema()["properties"]
    assert Measure(value=0.5, unit="percent", text="50%").measured is None


def _model_classes() -> list[type[BaseModel]]:
    """Every pydantic class a journey is built of, the settings sections included."""
    seen: list[type[BaseModel]] = []
    todo: list[type[BaseModel]] = [journeymap.model.Journey]
    while todo:
        cls = todo.pop()
        if cls in seen:
            continue
        seen.append(cls)
        for field in cls.model_fields.values():
            todo.extend(_models_in(field.annotation))
    return seen


def _models_in(annotation: object) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation, *(c for c in annotation.__subclasses__() if c.__module__.startswith("journeymap."))]
    return [m for arg in getattr(annotation, "__args__", ()) for m in _models_in(arg)]


def test_the_journey_is_built_of_the_model_classes() -> None:
    names = {cls.__name__ for cls in _model_classes()}
    assert {"Journey", "Touchpoint", "Metrics", "Measure", "Effort", "CustomMeasure", "EmotionSpec"} <= names
    assert "Provenance" not in names


MODEL_CLASSES = [cls for cls in _model_classes() if cls.__module__.startswith("journeymap.model.")]


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda cls: cls.__name__)
def test_the_model_classes_annotations_are_objects_not_strings(cls: type[BaseModel]) -> None:
    """A string annotation (``from __future__ import annotations`` in the class's module) costs an ``eval``
    per field at every start-up; the journey model's own modules declare theirs as objects."""
    own = inspect.get_annotations(cls)
    assert [name for name, annotation in own.items() if isinstance(annotation, str)] == []
