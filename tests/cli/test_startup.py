"""The ``journeymap`` process does not scan for pydantic plugins (decision 43); a user's own setting wins."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, run_process

PLUGIN = """\
from pathlib import Path
import os

Path(os.environ["PLUGIN_MARKER"]).write_text("loaded")


class Plugin:
    def new_schema_validator(self, *args, **kwargs):
        return None, None, None


plugin = Plugin()
"""


def _installed_plugin(root: Path) -> Path:
    """A pydantic plugin installed the way packages install one: an entry point in group ``pydantic``."""
    (root / "marking_plugin.py").write_text(PLUGIN, encoding="utf-8")
    info = root / "marking_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: marking-plugin\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[pydantic]\nmarking = marking_plugin:plugin\n", encoding="utf-8")
    return root / "loaded.txt"


def test_the_command_does_not_load_pydantic_plugins(tmp_path: Path) -> None:
    marker = _installed_plugin(tmp_path)
    result = run_process(
        "validate", EXAMPLES / "first-purchase.yaml", PYTHONPATH=str(tmp_path), PLUGIN_MARKER=str(marker)
    )
    assert result.code == 0, result.output
    assert not marker.exists()


def _imported_modules(stderr: str) -> set[str]:
    """The modules a process imported, from Python's ``-X importtime`` lines on standard error."""
    return {line.rsplit("|", 1)[-1].strip() for line in stderr.splitlines() if line.startswith("import time:")}


def test_the_command_does_not_import_the_plugin_machinery() -> None:
    # pydantic's plugin loader imports importlib.metadata (email, zipfile, csv...) even to say "no plugins"
    result = run_process("validate", EXAMPLES / "first-purchase.yaml", PYTHONPROFILEIMPORTTIME="1")
    assert result.code == 0, result.output
    imported = _imported_modules(result.stderr)
    assert "journeymap.model.journey" in imported  # the lines were read
    assert "importlib.metadata" not in imported


@pytest.mark.parametrize("setting", ["some-other-plugin", ""])
def test_a_users_plugin_setting_wins(tmp_path: Path, setting: str) -> None:
    """Plugins set by the user (another plugin's name, or none disabled) are looked up, loader and all."""
    marker = _installed_plugin(tmp_path)
    result = run_process(
        "validate",
        EXAMPLES / "first-purchase.yaml",
        PYTHONPATH=str(tmp_path),
        PLUGIN_MARKER=str(marker),
        PYDANTIC_DISABLE_PLUGINS=setting,
        PYTHONPROFILEIMPORTTIME="1",
    )
    assert result.code == 0, result.output
    assert marker.read_text() == "loaded"
    assert "importlib.metadata" in _imported_modules(result.stderr)
