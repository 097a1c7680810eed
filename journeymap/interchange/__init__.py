"""Journeys in and out of other tools: Mermaid ``journey`` diagrams and touchpoint tables (CSV, XLSX).

Why a package of its own: importing maps someone else's format onto format v1, and every
mapping it has to make (a score of 7, a task nobody does, a spreadsheet cell that is not an
emotion) is said as a diagnostic with its place in the *input*, with codes JM700-JM719
(docs/import-export.md). The result is always a journey that validates, or no journey at all.
"""

from __future__ import annotations

from journeymap.interchange.build import Imported
from journeymap.interchange.reading import FORMATS, import_file, import_format

__all__ = ["FORMATS", "Imported", "import_file", "import_format"]
