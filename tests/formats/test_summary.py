"""A path nothing was read from (missing, a directory where a file is needed, no permission) is not a file
checked: every summary, in every format and in Arabic, says it apart."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, FIXTURES, run_cli

JOURNEY = EXAMPLES / "first-purchase.yaml"
NOTHING_READ = "0 files checked, 1 path could not be read"


def _last(text: str) -> str:
    return text.rstrip("\n").splitlines()[-1]


@pytest.mark.parametrize("command", ["validate", "audit", "score"])
@pytest.mark.parametrize("path", ["no-such-journey.yaml", f"{JOURNEY}/"], ids=["missing", "a-file-as-a-directory"])
def test_a_path_not_read_is_not_a_file_checked(command: str, path: str) -> None:
    result = run_cli(command, path, "-f", "text")
    assert result.code == 2
    assert "error[JM001]" in result.stdout
    assert _last(result.stdout) == NOTHING_READ


def test_a_file_without_permission_is_a_path_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked.yaml"
    locked.write_text(JOURNEY.read_text(encoding="utf-8"), encoding="utf-8")
    locked.chmod(0)
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # root reads every file: the reader refuses it as the OS would
        import journeymap.loader

        def refused(path: str, max_bytes: int) -> bytes:
            raise PermissionError(13, "Permission denied", path)

        monkeypatch.setattr(journeymap.loader, "read_capped", refused)
    result = run_cli("validate", locked, "-f", "text")
    assert "Permission denied" in result.stdout
    assert result.code == 2
    assert _last(result.stdout) == NOTHING_READ


def test_two_paths_not_read_and_in_arabic() -> None:
    assert (
        _last(run_cli("validate", "a.yaml", "b.yaml", "-f", "text").stdout)
        == "0 files checked, 2 paths could not be read"
    )
    arabic = run_cli("--lang", "ar", "validate", "a.yaml", "-f", "text")
    assert _last(arabic.stdout) == "فُحص ٠ ملفات، وتعذّرت قراءة مسار واحد"
    assert _last(run_cli("--lang", "ar", "audit", "a.yaml", "b.yaml", "-f", "text").stdout) == (
        "فُحص ٠ ملفات، وتعذّرت قراءة مسارين"
    )


@pytest.mark.parametrize("fmt", ["text", "github", "human"])
def test_validate_counts_the_files_read_then_the_paths_not_read(fmt: str) -> None:
    result = run_cli("validate", JOURNEY, "missing.yaml", "-f", fmt)
    assert result.code == 2
    assert _last(result.stdout).endswith(
        "1 file, 2 personas, 4 stages, 18 touchpoints: all valid; 1 path could not be read"
    )


def test_validate_json_counts_the_same() -> None:
    summary = json.loads(run_cli("validate", JOURNEY, "missing.yaml", "-f", "json").stdout)["summary"]
    assert (summary["files"], summary["valid_files"], summary["paths_not_read"]) == (1, 1, 1)
    assert summary["errors"] == 1, "every error listed is counted, the missing path's too"
    assert "paths_not_read" not in json.loads(run_cli("validate", JOURNEY, "-f", "json").stdout)["summary"]


@pytest.mark.parametrize("fmt", ["text", "github", "human", "markdown"])
def test_audit_counts_the_files_read_then_the_paths_not_read(fmt: str) -> None:
    result = run_cli("audit", JOURNEY, "missing.yaml", "-f", fmt)
    assert result.code == 2
    shown = result.stdout if fmt != "markdown" else result.stdout.split("\n\n")[1]
    line = _last(shown) if fmt != "markdown" else shown
    assert line.endswith("1 file: 26 findings (0 errors, 24 warnings, 2 info); 1 path could not be read")
    assert "not a valid journey" not in line


def test_audit_json_counts_the_same() -> None:
    summary = json.loads(run_cli("audit", JOURNEY, "missing.yaml", "-f", "json").stdout)["summary"]
    assert (summary["files"], summary["invalid_files"], summary["paths_not_read"]) == (1, 0, 1)
    assert "paths_not_read" not in json.loads(run_cli("audit", JOURNEY, "-f", "json").stdout)["summary"]


def test_score_and_render_say_the_paths_not_read_apart_from_the_invalid_files(tmp_path: Path) -> None:
    invalid = FIXTURES / "invalid" / "JM101-missing-channel.yaml"
    scored = run_cli("score", JOURNEY, invalid, "missing.yaml")
    assert scored.code == 2
    said = "1 of 2 files skipped (not valid journeys); 1 path could not be read; scored the rest"
    assert _last(scored.stderr) == said
    assert _last(run_cli("score", JOURNEY, "missing.yaml").stderr) == "1 path could not be read; scored the rest"
    drawn = run_cli("render", JOURNEY, "missing.yaml", "-f", "dot", "-o", tmp_path)
    assert drawn.stderr.splitlines()[-2:] == [
        "1 path could not be read; drew the rest",
        f"rendered 1 of 1 journey as dot to {tmp_path}",
    ]
    nothing = run_cli("render", "missing.yaml", "-f", "dot", "-o", tmp_path)
    assert (nothing.code, _last(nothing.stderr)) == (2, NOTHING_READ)


def test_score_in_arabic_keeps_the_words_it_had(tmp_path: Path) -> None:
    invalid = FIXTURES / "invalid" / "JM101-missing-channel.yaml"
    scored = run_cli("--lang", "ar", "score", JOURNEY, invalid)
    assert _last(scored.stderr) == "تُخطّي ١ من ملفين (ليست رحلات صالحة)؛ وقُيّم الباقي"
    both = run_cli("--lang", "ar", "score", JOURNEY, invalid, "missing.yaml")
    assert _last(both.stderr) == "تُخطّي ١ من ملفين (ليست رحلات صالحة)؛ تعذّرت قراءة مسار واحد؛ وقُيّم الباقي"


def test_a_file_read_but_not_utf8_is_still_a_file_checked() -> None:
    result = run_cli("validate", FIXTURES / "invalid" / "JM003-latin1-encoding.yaml", "-f", "text")
    assert result.code == 2
    assert _last(result.stdout) == "1 file, 0 personas, 0 stages, 0 touchpoints: 1 error in 1 file"
