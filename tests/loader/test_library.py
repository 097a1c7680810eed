"""Shared persona and channel libraries (personas.yaml, channels.yaml) across the journeys of a folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import journeymap
from tests.conftest import run_cli

PERSONAS = """\
version: 1
personas:
  - id: sara
    name: Sara, busy parent
    preferred_channels: [mobile_app, whatsapp]
    share: 60%
  - id: omar
    name: Omar, careful first-timer
    share: 40%
"""

CHANNELS = """\
version: 1
channels:
  - {id: whatsapp, name: WhatsApp, kind: digital}
  - {id: pickup-locker, name: Pickup locker, kind: physical}
"""

CHECKOUT = """\
version: 1
journey: {title: Checkout}
personas: [sara, omar]
stages:
  - id: purchase
    name: Purchase
    touchpoints:
      - {id: pay, name: Pay, channel: web, owner: Web team, emotion: {sara: 2, omar: 4}}
      - {id: help, name: Help on WhatsApp, channel: whatsapp, owner: Care, personas: [sara], emotion: 3}
"""

RETURNS = """\
version: 1
journey: {title: Returns}
personas:
  - sara
  - {id: lina, name: Lina, share: 10%}
stages:
  - id: service
    name: Service
    touchpoints:
      - {id: ret, name: Return at a locker, channel: pickup-locker, owner: Stores, emotion: {sara: 4, lina: 2}}
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name, text in {
        "personas.yaml": PERSONAS,
        "channels.yaml": CHANNELS,
        "checkout.yaml": CHECKOUT,
        "returns.yaml": RETURNS,
    }.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_journeys_share_the_library_personas_and_channels(folder: Path) -> None:
    result = run_cli("validate", folder, "-f", "text")
    assert result.code == 0, result.output
    assert "2 files" in result.stdout, "the libraries are not journeys"
    checkout = journeymap.read(str(folder / "checkout.yaml"))
    returns = journeymap.read(str(folder / "returns.yaml"))
    sara = checkout.persona("sara")
    assert sara is not None
    assert sara == returns.persona("sara")
    assert sara.name == "Sara, busy parent"
    assert returns.persona("lina") is not None, "a journey can still write its own personas"
    assert checkout.channel("whatsapp") is not None


def test_a_mistake_in_a_shared_persona_points_into_the_library(folder: Path) -> None:
    (folder / "personas.yaml").write_text(PERSONAS.replace("    share: 40%", "    share: 40%\n    favourite: blue"))
    result = run_cli("validate", folder / "checkout.yaml", "-f", "text")
    assert result.code == 1
    assert f"{folder / 'personas.yaml'}:10:5: error[JM100] unknown key 'favourite' in persona 'omar'" in result.stdout


def test_an_unknown_library_persona_gets_did_you_mean(folder: Path) -> None:
    (folder / "checkout.yaml").write_text(CHECKOUT.replace("[sara, omar]", "[sarah, omar]"), encoding="utf-8")
    result = run_cli("validate", folder / "checkout.yaml", "-f", "text")
    assert result.code == 1
    assert ":3:12: error[JM201] unknown persona 'sarah' (not in" in result.stdout
    assert "did you mean 'sara'?" in result.stdout


def test_a_persona_named_by_id_without_a_library(tmp_path: Path) -> None:
    (tmp_path / "checkout.yaml").write_text(CHECKOUT, encoding="utf-8")
    result = run_cli("validate", tmp_path / "checkout.yaml", "-f", "text")
    assert result.code == 1
    assert ":3:12: error[JM211] persona 'sara' is named by id, but there is no persona library" in result.stdout


def test_a_library_named_on_the_command_line_is_checked_not_read_as_a_journey(folder: Path) -> None:
    assert run_cli("validate", folder / "personas.yaml", folder / "channels.yaml").code == 0
    (folder / "personas.yaml").write_text("version: 1\npersonas: {sara: 1}\n", encoding="utf-8")
    result = run_cli("validate", folder / "personas.yaml", "-f", "text")
    assert result.code == 1
    assert "error[JM211] the library" in result.stdout


def test_the_journeys_own_channel_wins_over_the_library(folder: Path) -> None:
    own = CHECKOUT + "channels:\n  - {id: whatsapp, name: WhatsApp Business, kind: digital}\n"
    (folder / "checkout.yaml").write_text(own, encoding="utf-8")
    journey = journeymap.read(str(folder / "checkout.yaml"))
    channel = journey.channel("whatsapp")
    assert channel is not None
    assert channel.name == "WhatsApp Business"


def test_the_portfolio_shows_each_shared_persona_across_journeys(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert run_cli("report", folder, "-o", out, "-f", "json").code == 0
    document = json.loads((out / "report.json").read_text(encoding="utf-8"))
    personas = {p["id"]: [j["title"] for j in p["journeys"]] for p in document["portfolio"]["personas"]}
    assert personas["sara"] == ["Checkout", "Returns"]
    assert personas["omar"] == ["Checkout"]
    assert personas["lina"] == ["Returns"]
