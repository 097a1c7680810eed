"""The analyses of a run collect garbage rarely, and leave the collector as they found it."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

import journeymap
import journeymap.auditing
import journeymap.rendering
import journeymap.scoring
from journeymap.loader.collector import YOUNG
from journeymap.workspace import rare_collections
from tests.conftest import EXAMPLES


@pytest.fixture
def default_thresholds() -> Iterator[None]:
    saved = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*saved)


@pytest.mark.usefixtures("default_thresholds")
def test_rare_collections_raises_the_thresholds_and_puts_them_back() -> None:
    with rare_collections():
        assert gc.get_threshold() == (YOUNG, 1000, 1000)
        with rare_collections():  # nested: nothing changes, nothing is put back early
            assert gc.get_threshold() == (YOUNG, 1000, 1000)
        assert gc.get_threshold() == (YOUNG, 1000, 1000)
    assert gc.get_threshold() == (700, 10, 10)


@pytest.mark.usefixtures("default_thresholds")
def test_rare_collections_puts_the_thresholds_back_after_an_error() -> None:
    with pytest.raises(ValueError, match="boom"), rare_collections():
        raise ValueError("boom")
    assert gc.get_threshold() == (700, 10, 10)


@pytest.mark.usefixtures("default_thresholds")
def test_rare_collections_leaves_frozen_objects_alone() -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with rare_collections():
            pass
        # neither unfrozen (0) nor more frozen; a frozen object freed meanwhile may lower the count a little
        assert 0 < gc.get_freeze_count() <= frozen
    finally:
        gc.unfreeze()


@pytest.mark.usefixtures("default_thresholds")
def test_scores_findings_and_maps_are_computed_under_the_policy(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, tuple[int, int, int]] = {}

    def watched(module: object, name: str) -> None:
        original = getattr(module, name)

        def call(*args: object, **kwargs: object) -> object:
            seen[name] = gc.get_threshold()
            return original(*args, **kwargs)

        monkeypatch.setattr(module, name, call)

    watched(journeymap.scoring, "score")
    watched(journeymap.auditing, "audit")
    watched(journeymap.rendering, "render")
    result = journeymap.run([str(EXAMPLES / "telecom-support.yaml")]).valid[0]
    result.findings  # noqa: B018
    result.render("dot")  # scores first, for the heat
    assert seen == dict.fromkeys(("score", "audit", "render"), (YOUNG, 1000, 1000))
    assert gc.get_threshold() == (700, 10, 10)  # a library caller gets its settings back
