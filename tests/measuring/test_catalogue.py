"""measuring's copy of the metric catalogue is the journey format's catalogue."""

from __future__ import annotations

from journeymap.measuring.catalogue import METRICS
from journeymap.model.metrics import CATALOGUE


def test_the_copy_matches_the_format() -> None:
    format_catalogue = {name: (spec.unit, spec.better) for name, spec in CATALOGUE.items()}
    assert format_catalogue == METRICS, "update journeymap/measuring/catalogue.py to match journeymap/model/metrics.py"
