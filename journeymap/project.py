"""The project's public addresses, in one place: every URL journeymap prints, links or embeds is built here.

Why the repository and not a documentation site: the Markdown files in
``docs/`` are the documentation, GitHub renders them with heading anchors,
and a tag pins them to the released version, so a link printed by 0.1.0
keeps pointing at the text that describes 0.1.0 (docs/decisions/0010-project-addresses.md).
Tests check offline that every page and anchor built here exists.
"""

from __future__ import annotations

from journeymap import __version__

REPOSITORY = "https://github.com/journeymap/journeymap"
ISSUES = f"{REPOSITORY}/issues"
#: The release's tag: docs and the schema are linked as they were at this version.
TAG = f"v{__version__}"
#: Raw files (the JSON Schema) at the release's tag.
RAW = f"https://raw.githubusercontent.com/journeymap/journeymap/{TAG}"
#: The repository's path of the committed JSON Schema (`journeymap schema -o` writes the same text).
SCHEMA_PATH = "docs/schema/journeymap.schema.json"
SCHEMA_URL = f"{RAW}/{SCHEMA_PATH}"


def docs_url(page: str, anchor: str = "") -> str:
    """A documentation page (``docs/<page>``, Markdown) at the release's tag, with an optional heading anchor."""
    url = f"{REPOSITORY}/blob/{TAG}/docs/{page}"
    return f"{url}#{anchor}" if anchor else url


#: The documentation's front page: the docs/ folder at the release's tag.
DOCUMENTATION = f"{REPOSITORY}/tree/{TAG}/docs"
