"""The library checks its arguments: an unknown persona is a clear usage error, not an empty score."""

from __future__ import annotations

import pytest

import journeymap
from journeymap.errors import UsageError
from tests.conftest import EXAMPLES


def test_an_unknown_persona_is_a_usage_error_with_did_you_mean() -> None:
    journey = journeymap.read(str(EXAMPLES / "first-purchase.yaml"))
    with pytest.raises(UsageError, match="has no persona 'sarah'") as raised:
        journeymap.score(journey, persona="sarah")
    assert raised.value.hint == "did you mean 'sara'?"
    assert journeymap.score(journey, persona="sara").overall.score is not None
