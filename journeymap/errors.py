"""Typed exceptions the library raises; the CLI boundary maps them to exit codes.

Why: the library never prints or exits. Problems *in* an input are returned
as diagnostics; these exceptions are for what stops a command altogether.
"""

from __future__ import annotations

from journeymap.project import ISSUES

#: Exit codes every command shares (docs/decisions/0003-exit-codes-and-unreadable-input.md).
EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE = 0, 1, 2

ISSUE_TRACKER = ISSUES


class JourneymapError(Exception):
    """Base class for every error journeymap raises on purpose."""

    exit_code = 2
    #: The stable diagnostic code (journeymap/codes.py) of a refusal that has one, e.g. JM731.
    code: str | None = None

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(JourneymapError):
    """The command line asks for something impossible (exit 2)."""


class OutputError(JourneymapError):
    """An output file cannot be written (exit 2); nothing partial is left."""
