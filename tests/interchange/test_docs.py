"""docs/import-export.md explains every import code, and its table of codes matches codes.py."""

from __future__ import annotations

from pathlib import Path

from journeymap.codes import CODES, doc_url
from tests.conftest import ROOT

DOC = ROOT / "docs" / "import-export.md"


def test_every_import_code_is_explained() -> None:
    text = DOC.read_text(encoding="utf-8")
    codes = [code for code, entry in CODES.items() if entry.stage == "import"]
    assert codes == [f"JM7{n:02d}" for n in range(21)]
    for code in codes:
        entry = CODES[code]
        assert f'<a id="{code.lower()}"></a>\n### {code} {entry.name}\n' in text, code
        assert f"| [{code}](#{code.lower()}) | {entry.name} |" in text, code
        assert f"| {entry.summary} |" in text, code
        assert "import-export" in doc_url(code)
        assert doc_url(code).endswith(f"#{code.lower()}")


def test_the_schema_line_points_where_init_points() -> None:
    """One address for the schema: the line ``import`` writes is the line ``init`` writes."""
    from journeymap.cli.commands.init import SCHEMA_URL
    from journeymap.interchange.build import SCHEMA_LINE

    assert f"# yaml-language-server: $schema={SCHEMA_URL}\n" == SCHEMA_LINE


def test_the_mermaid_example_is_real_output(tmp_path: Path) -> None:
    from tests.conftest import run_cli

    text = DOC.read_text(encoding="utf-8")
    diagram = text.split("Example (`day.mmd`):\n\n```text\n", 1)[1].split("```", 1)[0]
    shown = text.split("$ journeymap import day.mmd --channel in_person -o day.journey.yaml\n", 1)[1].split("```")[0]
    (tmp_path / "day.mmd").write_text(diagram, encoding="utf-8")
    result = run_cli("import", "day.mmd", "--channel", "in_person", "-o", "day.journey.yaml", cwd=tmp_path)
    assert result.code == 0
    assert result.stderr == shown
