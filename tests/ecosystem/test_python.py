"""Notebooks and code: ``Journey._repr_svg_`` / ``_repr_html_``, ``Journey.to_yaml`` round trips, completion."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import journeymap
from journeymap.model.metrics import Measure
from tests.conftest import EXAMPLES, ROOT, require, run_cli

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))


def _reload(text: str) -> journeymap.Journey:
    result = journeymap.validate(journeymap.load_text(text, "roundtrip.yaml"))
    assert result.journey is not None, [f"{d.span} {d.message}" for d in result.diagnostics]
    return result.journey


def _without_survey_formulas(data: object) -> object:
    """A dump in which values computed from raw survey answers keep only value (rounded) and sample size."""
    if isinstance(data, dict):
        if "formula" in data and data.get("responses") is not None:  # a measure with a sample size
            return {"value": round(data["value"], 5), "responses": data["responses"], "unit": data["unit"]}
        return {key: _without_survey_formulas(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_without_survey_formulas(item) for item in data]
    return data


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_to_yaml_round_trips_the_examples(path: Path, tmp_path: Path) -> None:
    """The example as written: a copy, so a snapshot left beside it by `measure` does not apply."""
    copy = tmp_path / path.name
    shutil.copy(path, copy)
    journey = journeymap.read(str(copy))
    text = journey.to_yaml()
    again = _reload(text)
    computed = [m for _, t in journey.touchpoints() for _, m in t.metrics.items() if m.formula]
    if not computed:
        assert again == journey
    assert _without_survey_formulas(again.model_dump()) == _without_survey_formulas(journey.model_dump())
    assert again.to_yaml() == text  # stable


def test_to_yaml_keeps_values_as_written() -> None:
    journey = journeymap.read(str(EXAMPLES / "bank-account-opening-ar.yaml"))
    text = journey.to_yaml()
    assert "share: 45%" in text
    assert "title: فتح حساب جارٍ لدى مصرف الواحة" in text
    assert "#" not in text.splitlines()[0]  # comments are not kept


def test_to_yaml_of_a_journey_built_in_code() -> None:
    journey = journeymap.Journey.model_validate(
        {
            "version": 1,
            "journey": {"title": "Built in code"},
            "personas": [{"id": "p", "name": "P"}],
            "stages": [{"id": "purchase", "name": "Purchase", "touchpoints": [{"name": "Pay", "channel": "web"}]}],
        }
    )
    assert _reload(journey.to_yaml()) == journey


_PERCENT = st.integers(0, 1000).map(lambda n: f"{n / 10:g}%")
_DURATION = st.sampled_from(["90s", "15m", "6h", "2d", "1h30m", "PT6H", "٣ دقائق"])
_EMOTION = st.one_of(st.integers(1, 5), st.sampled_from(["frustrated", "delighted", "محبطة", "3.5"]))
_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=30).filter(
    lambda s: s.strip() and s == s.strip()
)


@settings(max_examples=50)  # each example is a whole journey written, read back and validated
@given(
    title=_TEXT,
    csat=_PERCENT,
    waiting=_DURATION,
    emotion=_EMOTION,
    share=_PERCENT,
    nps=st.integers(-100, 100),
    note=_TEXT,
)
def test_to_yaml_round_trips_generated_journeys(
    title: str, csat: str, waiting: str, emotion: object, share: str, nps: int, note: str
) -> None:
    data = {
        "version": 1,
        "journey": {"title": title, "metrics": {"nps": nps}},
        "personas": [{"id": "p", "name": "P", "share": share}],
        "stages": [
            {
                "id": "service",
                "name": "Service",
                "touchpoints": [
                    {
                        "name": "Call",
                        "channel": "phone",
                        "emotion": emotion,
                        "notes": note,
                        "metrics": {
                            "csat": csat,
                            "waiting_time": waiting,
                            "custom": {"x": {"value": 3, "unit": "count"}},
                        },
                        "targets": {"csat": "90%"},
                    }
                ],
            }
        ],
    }
    journey = journeymap.Journey.model_validate(data)
    assert _reload(journey.to_yaml()) == journey


def test_repr_svg_and_html() -> None:
    journey = journeymap.read(str(EXAMPLES / "first-purchase.yaml"))
    html = journey._repr_html_()
    assert html.startswith('<div class="journeymap" dir="ltr" lang="en"><strong>')
    if shutil.which("dot") is None:
        assert journey._repr_svg_() is None
        assert "Install Graphviz" in html
        return
    svg = journey._repr_svg_()
    assert svg is not None
    assert "<svg" in svg
    assert "<svg" in html


def test_repr_svg_without_graphviz_is_none() -> None:
    from journeymap.rendering.graphviz import GraphvizMissing

    journey = journeymap.read(str(EXAMPLES / "bank-account-opening-ar.yaml"))
    with mock.patch("journeymap.rendering.render", side_effect=GraphvizMissing("no dot")):
        assert journey._repr_svg_() is None
        html = journey._repr_html_()
    assert 'dir="rtl" lang="ar"' in html
    assert "Install Graphviz" in html


def test_shell_completion_is_offered() -> None:
    result = run_cli("--help")
    assert "--show-completion [SHELL]" in result.stdout


@pytest.mark.parametrize(
    ("shell", "line"),
    [
        ("bash", "complete -o nosort -F"),
        ("zsh", "#compdef journeymap"),
        ("fish", "complete --no-files --command journeymap"),
    ],
)
def test_show_completion_prints_the_script_of_the_shell(shell: str, line: str) -> None:
    result = run_cli("--show-completion", shell)
    assert result.code == 0, result.output
    assert line in result.stdout
    assert f"_JOURNEYMAP_COMPLETE={shell}_" in result.stdout


def test_show_completion_reads_the_shell_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHELL", "/usr/bin/zsh")
    assert run_cli("--show-completion").stdout.startswith("#compdef journeymap")
    monkeypatch.setenv("SHELL", "/bin/tcsh")
    refused = run_cli("--show-completion")
    assert refused.code == 2
    assert "'tcsh' is not one of 'bash', 'zsh', 'fish', 'powershell', 'pwsh'" in refused.stderr


@pytest.mark.parametrize(
    ("words", "offered"),
    [
        ("journeymap val", ["plain,validate"]),
        ("journeymap render x --view ", ["plain,map", "plain,flow", "plain,compact"]),
        ("journeymap audit --fail", ["plain,--fail-on"]),
        # paths from the file system (the shell's own file and directory names), in every command taking one
        ("journeymap validate exa", ["file,exa"]),
        ("journeymap render x.yaml --compare exa", ["file,exa"]),
        ("journeymap render x.yaml -o ma", ["file,ma"]),
        ("journeymap report x.yaml --template-dir te", ["dir,te"]),
        ("journeymap measure x.yaml --temp-directory /t", ["dir,/t"]),
        ("journeymap import dia", ["file,dia"]),
        ("journeymap export j.yaml -o ta", ["file,ta"]),
        ("journeymap init cus", ["file,cus"]),
    ],
)
def test_the_completion_the_script_asks_for(monkeypatch: pytest.MonkeyPatch, words: str, offered: list[str]) -> None:
    """What the bash script gets back when it asks journeymap (the script sets these variables)."""
    monkeypatch.setenv("_JOURNEYMAP_COMPLETE", "bash_complete")
    monkeypatch.setenv("COMP_WORDS", words)
    monkeypatch.setenv("COMP_CWORD", str(len(words.split(" ")) - 1))
    result = run_cli()
    assert result.code == 0, result.output
    assert result.stdout.split() == offered


def test_measure_type_is_what_to_yaml_expects() -> None:
    assert {"value", "unit", "text", "responses", "formula"} <= set(Measure.model_fields)


def test_to_yaml_of_a_measured_journey_loads_back(tmp_path: Path) -> None:
    """Measured values are written as values; a sample size only where the format has a place for it
    (CSAT, NPS, CES), never as a mapping a first-contact resolution would refuse."""
    for name in ("telecom-support.yaml", "data"):
        source = EXAMPLES / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / name)
    assert run_cli("measure", tmp_path / "data" / "telecom-support.measures.yaml").code == 0
    journey = journeymap.read(str(tmp_path / "telecom-support.yaml"))
    chat = next(tp for _, tp in journey.touchpoints() if tp.id == "live-chat-agent")
    assert chat.metrics.fcr is not None
    assert chat.metrics.fcr.measured is not None
    again = _reload(journey.to_yaml())
    chat_again = next(tp for _, tp in again.touchpoints() if tp.id == "live-chat-agent")
    assert chat_again.metrics.fcr is not None
    assert chat_again.metrics.fcr.text == chat.metrics.fcr.text == "64.1%"  # as shown; n stays in the snapshot
    assert chat_again.metrics.csat is not None
    assert chat_again.metrics.csat.responses == chat.metrics.csat.responses == 317


BASH_SESSION = """\
eval "$(journeymap --show-completion bash)"
COMP_WORDS=(journeymap render x.yaml --view "")
COMP_CWORD=4
_journeymap_completion journeymap
printf '%s\\n' "${COMPREPLY[@]}"
"""


@pytest.mark.client
def test_bash_completes_with_the_script_it_is_shown(tmp_path: Path) -> None:
    """A real bash sources the printed script and completes ``--view`` with its choices."""
    bash = shutil.which("bash")
    require(bash, "bash is not installed")
    command = tmp_path / "journeymap"
    command.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m journeymap "$@"\n', encoding="utf-8")
    command.chmod(0o755)
    path = f"{tmp_path}{os.pathsep}{os.environ.get('PATH', '')}"
    environment = {**os.environ, "PATH": path, "PYTHONPATH": str(ROOT), "SHELL": "/bin/bash"}
    done = subprocess.run(
        [str(bash), "--norc", "-c", BASH_SESSION], capture_output=True, text=True, env=environment, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["map", "flow", "compact"]
