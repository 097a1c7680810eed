"""The one exception boundary: known errors -> message and exit code.

Why: the library raises typed errors and never prints; here they become a
one-line message on stderr and exit code 2. Anything unexpected is an
internal error: say so, say how to report it, never dump a traceback of
locals (set JOURNEYMAP_DEBUG=1 to see the traceback).
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from typing import TypeVar

from journeymap.errors import EXIT_OK, EXIT_UNUSABLE, ISSUE_TRACKER, JourneymapError

T = TypeVar("T")


def report_error(error: JourneymapError) -> int:
    """The message (and hint) on stderr; what the user typed is echoed, never obeyed (no ESC, no bidi)."""
    from journeymap.formats import safe_terminal

    lines = error.message.split("\n")
    label = f"error[{error.code}]" if error.code else "error"
    print("\n".join(safe_terminal(line) for line in [f"journeymap: {label}: {lines[0]}", *lines[1:]]), file=sys.stderr)
    if error.hint:
        print(safe_terminal(f"  hint: {error.hint}"), file=sys.stderr)
    return error.exit_code


def report_internal_error(error: BaseException) -> int:
    print(
        f"journeymap: internal error: {type(error).__name__}: {error}\n"
        f"  This is a bug in journeymap, not in your input. Please report it at {ISSUE_TRACKER}\n"
        "  with the command you ran (set JOURNEYMAP_DEBUG=1 to include the traceback).",
        file=sys.stderr,
    )
    if os.environ.get("JOURNEYMAP_DEBUG"):
        traceback.print_exception(error)
    return EXIT_UNUSABLE


def guarded(body: Callable[[], int]) -> int:
    """Run a command body, mapping every failure to an exit code."""
    try:
        return body()
    except JourneymapError as error:
        return report_error(error)
    except KeyboardInterrupt:
        print("journeymap: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK  # the reader went away: nothing left to say
    except Exception as error:  # the boundary: anything else is our bug
        return report_internal_error(error)
