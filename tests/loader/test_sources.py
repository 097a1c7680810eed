"""Which files a directory contributes: journeys, not the persona libraries or measure definitions beside them."""

from __future__ import annotations

import shutil
from pathlib import Path

from journeymap.loader.sources import expand
from tests.conftest import EXAMPLES, run_cli


def test_measure_definitions_beside_journeys_are_not_journeys(tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "telecom-support.yaml", tmp_path / "telecom-support.yaml")
    (tmp_path / "telecom-support.measures.yaml").write_text("version: 1\nsources: {}\nmeasures: {}\n", encoding="utf-8")
    sources, problems = expand([str(tmp_path)])
    assert [Path(s.path).name for s in sources] == ["telecom-support.yaml"]
    assert problems == []
    result = run_cli("validate", tmp_path)
    assert result.code == 0, result.output
    assert result.stdout.startswith("1 file,") or "1 file," in result.stdout.splitlines()[-1]


def test_a_measure_definitions_file_named_on_the_command_line_is_still_read(tmp_path: Path) -> None:
    named = tmp_path / "x.measures.yaml"
    named.write_text("version: 1\n", encoding="utf-8")
    sources, _ = expand([str(named)])
    assert [s.path for s in sources] == [str(named)]
