"""The one exception boundary: known errors -> message and exit code.

Why: the library raises typed errors and never prints; here they become a
one-line message on stderr and exit code 2. Anything unexpected is an
internal error: say so, say how to report it, never dump a traceback of
locals (set JOURNEYMAP_DEBUG=1 to see the traceback).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from contextvars import ContextVar
from typing import TYPE_CHECKING, TypeVar

from journeymap.errors import EXIT_OK, EXIT_UNUSABLE, ISSUE_TRACKER, JourneymapError

if TYPE_CHECKING:
    from journeymap.translation import Translator

T = TypeVar("T")

#: The translator of this run's terminal messages, chosen once by ``guarded`` from ``--lang``.
SPEAKER: ContextVar[Translator | None] = ContextVar("speaker", default=None)


def speaker() -> Translator:
    """The language of terminal messages: the command's ``--lang``, else the environment (JOURNEYMAP_LANG...).

    Why a context variable: every command prints a few lines (a summary, "wrote ...", a refusal) from
    helpers shared by all commands; they all read the one choice made at the boundary.
    """
    from journeymap.translation import terminal_language, translator

    chosen = SPEAKER.get()
    return chosen if chosen is not None else translator(terminal_language())


def say(message: str) -> None:
    """One terminal message (a ``Msg``) on standard error, in the terminal's language."""
    from journeymap.translation import translate

    print(translate(message, speaker()), file=sys.stderr)


def report_error(error: JourneymapError) -> int:
    """The message (and hint) on stderr, in the terminal's language; what the user typed is echoed, never obeyed
    (no ESC, no bidi). ``error[CODE]`` stays English in every language, as in diagnostics."""
    from journeymap.formats import safe_terminal
    from journeymap.translation import N_, translate

    t = speaker()
    lines = translate(error.message, t).split("\n")
    label = f"error[{error.code}]" if error.code else "error"
    print("\n".join(safe_terminal(line) for line in [f"journeymap: {label}: {lines[0]}", *lines[1:]]), file=sys.stderr)
    if error.hint:
        print(safe_terminal(f"  {t(N_('hint'))}: {translate(error.hint, t)}"), file=sys.stderr)
    return error.exit_code


def report_internal_error(error: BaseException) -> int:
    print(
        f"journeymap: internal error: {type(error).__name__}: {error}\n"
        f"  This is a bug in journeymap, not in your input. Please report it at {ISSUE_TRACKER}\n"
        "  with the command you ran (set JOURNEYMAP_DEBUG=1 to include the traceback).",
        file=sys.stderr,
    )
    if os.environ.get("JOURNEYMAP_DEBUG"):
        import traceback  # only when asked for: every command imports this module

        traceback.print_exception(error)
    return EXIT_UNUSABLE


def guarded(body: Callable[[], int], lang: str | None = None) -> int:
    """Run a command body in the language of ``--lang`` (else the environment's), mapping every failure to an
    exit code; an unknown ``--lang`` is a usage error (exit 2)."""
    token = None
    try:
        from journeymap.cli.outputs import terminal_translator

        token = SPEAKER.set(terminal_translator(lang))
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
    finally:
        if token is not None:
            SPEAKER.reset(token)
