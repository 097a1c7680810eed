"""The MkDocs plugin in real ``mkdocs build --strict`` runs on the bundled examples."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

from journeymap.integrations.figure import FigureProblem
from tests.conftest import EXAMPLES, FIXTURES, require
from tests.integrations.helpers import Build, journeys, run_tool

client = pytest.mark.client

HOME = """\
# Home

```journeymap
../journeys/first-purchase.yaml
view: flow
audit: true
```

How to write a block:

````markdown
```journeymap
journeys/not-drawn.yaml
```
````
"""

TOUR = """\
# Tour

~~~journeymap
# not beside the page: under docs_dir
maps/checkout.yaml
score: true
caption: The checkout <today>
~~~
"""


def site(project: Path, config: str, pages: dict[str, str]) -> None:
    require(importlib.util.find_spec("mkdocs"), "mkdocs is not installed (./scripts/bootstrap --dev)")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    for name, text in pages.items():
        (project / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (project / "docs" / name).write_text(text, encoding="utf-8")


def build(project: Path, **env: str) -> Build:
    return run_tool("mkdocs", "build", "--strict", "--site-dir", "site", cwd=project, **env)


def html(project: Path, page: str) -> str:
    return (project / "site" / page / "index.html").read_text(encoding="utf-8")


@client
def test_blocks_and_a_page_per_journey_file_are_drawn_in_a_strict_build(tmp_path: Path) -> None:
    journeys(tmp_path)
    config = "site_name: Journeys\nplugins:\n  - journeymap:\n      journeys: journeys/\n"
    site(tmp_path, config, {"index.md": HOME, "guide/tour.md": TOUR})
    (tmp_path / "docs" / "maps").mkdir()
    shutil.copy(tmp_path / "journeys" / "first-purchase.yaml", tmp_path / "docs" / "maps" / "checkout.yaml")
    result = build(tmp_path)
    assert result.code == 0, result.output
    home = html(tmp_path, ".")
    assert '<div class="journeymap" lang="en" dir="ltr">' in home
    assert '<title id="journeymap-index-1">Touchpoint flow: First purchase at Hearth &amp; Home online</title>' in home
    assert '<table class="journeymap-audit">' in home
    assert "journeys/not-drawn.yaml" in home  # the example inside a longer fence stays code
    assert home.count("<svg") == 1
    assert "journeymap-placeholder" not in home
    tour = html(tmp_path, "guide/tour")
    assert "<figcaption>The checkout &lt;today&gt;</figcaption>" in tour
    assert '<p class="journeymap-score">' in tour
    arabic = html(tmp_path, "journeys/bank-account-opening-ar")  # named after the file, not the id
    assert '<div class="journeymap" lang="ar" dir="rtl">' in arabic
    assert "فتح حساب جارٍ لدى مصرف الواحة</h1>" in arabic
    assert "<svg" in html(tmp_path, "journeys/telecom-support")
    assert not (tmp_path / "site" / "journeys" / "fibre-sign-up-and-first-fault").exists()


@client
def test_a_broken_journey_fails_the_strict_build_with_its_place(tmp_path: Path) -> None:
    folder = journeys(tmp_path, "first-purchase.yaml")
    shutil.copy(FIXTURES / "invalid" / "JM101-missing-channel.yaml", folder / "broken.yaml")
    pages = {
        "index.md": "# Home\n\n```journeymap\n../journeys/first-purchase.yaml\nveiw: flow\n```\n",
        "missing.md": "# Missing\n\n```journeymap\nnowhere.yaml\n```\n",
    }
    site(tmp_path, "site_name: Journeys\nplugins:\n  - journeymap:\n      journeys: journeys\n", pages)
    result = build(tmp_path)
    assert result.code == 1, result.output
    assert "Traceback" not in result.output
    assert "journeys/broken.md: journeys/broken.yaml is not a valid journey:" in result.output
    assert (
        "journeys/broken.yaml:14:9: error[JM101] touchpoint 'upload-payslips' is missing the required key 'channel'"
    ) in result.output
    assert "index.md: unknown option 'veiw'\n  hint: did you mean 'view'?" in result.output
    assert "missing.md: journey file not found: 'nowhere.yaml'" in result.output
    assert "Aborted with 3 errors in strict mode!" in result.output


@client
def test_an_unknown_plugin_option_fails_the_strict_build(tmp_path: Path) -> None:
    journeys(tmp_path, "first-purchase.yaml")
    config = "site_name: Journeys\nplugins:\n  - journeymap:\n      jouneys: journeys/\n"
    site(tmp_path, config, {"index.md": "# Home\n"})
    result = build(tmp_path)
    assert result.code == 1, result.output
    assert "Plugin 'journeymap' option 'jouneys': Unrecognised configuration name: jouneys" in result.output
    assert "Traceback" not in result.output


@client
def test_a_journeys_folder_that_is_not_there_stops_the_build(tmp_path: Path) -> None:
    site(tmp_path, "site_name: Journeys\nplugins:\n  - journeymap:\n      journeys: jouneys/\n", {"index.md": "# H\n"})
    result = build(tmp_path)
    assert result.code == 1, result.output
    assert f"journeymap: 'journeys: jouneys/' is not a folder ({tmp_path.resolve() / 'jouneys'})" in result.output
    assert "Traceback" not in result.output


@client
def test_without_graphviz_the_build_says_how_to_install_it(tmp_path: Path) -> None:
    journeys(tmp_path, "first-purchase.yaml")
    site(tmp_path, "site_name: Journeys\nplugins:\n  - journeymap\n", {"index.md": HOME})
    empty = tmp_path / "bin"
    empty.mkdir()
    result = build(tmp_path, PATH=str(empty))
    assert result.code == 1, result.output
    assert "index.md: journeys/first-purchase.yaml: Graphviz is not installed" in result.output
    assert "sudo apt-get install graphviz" in result.output
    assert "Traceback" not in result.output


def test_the_plugin_finds_a_block_path_beside_the_page_first(tmp_path: Path) -> None:
    from journeymap.integrations.mkdocs import find_journey

    (tmp_path / "docs" / "guide").mkdir(parents=True)
    for place in ("docs/guide", "docs", "."):
        (tmp_path / place / "a.yaml").write_text("x", encoding="utf-8")
    places = [tmp_path / "docs" / "guide", tmp_path / "docs", tmp_path]
    assert find_journey("a.yaml", places) == (tmp_path / "docs" / "guide" / "a.yaml").resolve()
    assert find_journey("a.yaml", places[1:]) == (tmp_path / "docs" / "a.yaml").resolve()
    with pytest.raises(FigureProblem, match=r"journey file not found: 'b\.yaml'"):
        find_journey("b.yaml", places)


def test_a_page_per_journey_file_skips_what_is_not_a_journey_and_titles_a_broken_file(tmp_path: Path) -> None:
    from journeymap.integrations.mkdocs import journey_files, journey_page

    folder = journeys(tmp_path, "first-purchase*.yaml")
    (folder / "personas.yaml").write_text("personas: []\n", encoding="utf-8")
    (folder / "broken.yml").write_text("journey: [\n", encoding="utf-8")
    shutil.copy(EXAMPLES / "data" / "telecom-support.measures.yaml", folder / "first-purchase.measures.yaml")
    found = journey_files(folder)
    assert [p.name for p in found] == ["broken.yml", "first-purchase.future.yaml", "first-purchase.yaml"]
    assert journey_page(found[0]) == f"# broken\n\n```journeymap\nfile: {found[0].as_posix()}\n```\n"
    assert journey_page(found[2]).startswith("# First purchase at Hearth &amp; Home online\n")


class _Server:
    """Records what ``mkdocs serve`` would watch."""

    def __init__(self) -> None:
        self.watched: list[str] = []

    def watch(self, path: str) -> None:
        self.watched.append(path)


@client
def test_serve_watches_the_journeys_and_a_rebuild_draws_only_what_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from journeymap.integrations import figure

    folder = journeys(tmp_path, "first-purchase*.yaml")
    (tmp_path / "elsewhere").mkdir()
    shutil.copy(folder / "first-purchase.yaml", tmp_path / "elsewhere" / "shop.yaml")
    page = "# Home\n\n```journeymap\n../elsewhere/shop.yaml\n```\n"
    site(tmp_path, "site_name: Journeys\nplugins:\n  - journeymap:\n      journeys: journeys\n", {"index.md": page})
    drawn: list[str] = []
    journey_of = figure._journey
    monkeypatch.setattr(figure, "_journey", lambda path, *rest: drawn.append(path.name) or journey_of(path, *rest))
    monkeypatch.chdir(tmp_path)
    for _ in range(2):  # as `mkdocs serve` does: a new config and plugin for each rebuild, in one process
        config = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
        mkdocs_build(config)
    assert sorted(drawn) == ["first-purchase.future.yaml", "first-purchase.yaml", "shop.yaml"]
    (tmp_path / "elsewhere" / "shop.yaml").write_text(
        (folder / "first-purchase.yaml").read_text(encoding="utf-8").replace("First purchase", "First order"), "utf-8"
    )
    config = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    mkdocs_build(config)
    assert drawn[3:] == ["shop.yaml"]
    assert "First order" in html(tmp_path, ".")
    server = _Server()
    config.plugins["journeymap"].on_serve(server, config=config, builder=None)  # type: ignore[arg-type]
    assert server.watched == [str(tmp_path.resolve() / "elsewhere"), str(tmp_path.resolve() / "journeys")]
