"""Command-line parsing mistakes (an unknown option, a value outside its choices) in the terminal's language.

Why here: click parses the command line before any command runs, so ``guarded`` never sees these mistakes,
and click words them in English. In English nothing changes (click prints them as always); in
another language the mistake is shown the way every other refusal is: ``journeymap: error: ...`` and a hint,
exit code 2. See docs/decisions/0023-library-messages-and-score-language.md.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from journeymap.translation import Translator

_CHOICES = re.compile(r"^(?:Value error, )?('.*') is not one of (.+?)\.?$", re.S)
_INTEGER = re.compile(r"^('.*') is not a valid integer(?: range)?\.?$")
_RANGE = re.compile(r"^(\S+) is not in the range (.+?)\.?$")
_EXTRA = re.compile(r"^Got unexpected extra arguments? \((.*)\)$", re.S)


def chosen_language(args: Sequence[str]) -> Translator | None:
    """The translator of ``--lang`` (anywhere on the line) or of the environment; None for an unknown ``--lang``
    (the command then refuses it as usual)."""
    from journeymap.translation import LANGUAGES, base_language, terminal_language, translator

    lang: str | None = None
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args):
            lang = args[index + 1]
        elif arg.startswith("--lang="):
            lang = arg.partition("=")[2]
    if lang is not None and base_language(lang) not in LANGUAGES:
        return None
    return translator(terminal_language(lang))


def run_parsed(command: click.Command, args: Sequence[str], t: Translator | None) -> int:
    """Run the CLI and return its exit code; a parsing mistake is reported in ``t``'s language when that is not
    English (``t`` None: an unknown ``--lang``, refused by the command), else as click words it."""
    try:
        done = command.main(args=list(args), prog_name="journeymap", standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError as error:  # ``journeymap`` alone: its help, in every language
        error.show()
        return error.exit_code
    except click.UsageError as error:
        if error.ctx is None:  # an option missing its value is found before its command has a context
            error.ctx = _context_of(command, args)
        if t is None or t.english:
            error.show()
            return error.exit_code
        return report(error, t)
    except click.ClickException as error:
        error.show()
        return error.exit_code
    except click.Abort:  # an interrupt while the command line was read (a command's own is ``guarded``)
        if t is None or t.english:
            print("Aborted!", file=sys.stderr)
            return 1
        print("journeymap: interrupted", file=sys.stderr)
        return 130
    except SystemExit as done_early:  # shell completion answers, then exits
        code = done_early.code
        return code if isinstance(code, int) else (0 if code is None else 2)
    return done if isinstance(done, int) else 0


def _context_of(group: click.Command, args: Sequence[str]) -> click.Context | None:
    """The context of the command named on the line (``journeymap score``), for its usage line and help hint."""
    root = click.Context(group, info_name="journeymap")
    if not isinstance(group, click.Group):
        return root
    for arg in args:
        found = group.get_command(root, arg) if not arg.startswith("-") else None
        if found is not None:
            return click.Context(found, info_name=arg, parent=root)
    return root


def report(error: click.exceptions.UsageError, t: Translator) -> int:
    """``journeymap: error: <the mistake>`` and a hint to the command's help, like every other refusal."""
    from journeymap.formats import safe_terminal
    from journeymap.translation import N_, Msg, Verbatim, translate

    command = error.ctx.command_path if error.ctx is not None else "journeymap"
    print(safe_terminal(f"journeymap: error: {translate(describe(error), t)}"), file=sys.stderr)
    hint = Msg("run `%(command)s -h` for help", command=Verbatim(command))
    print(safe_terminal(f"  {t(N_('hint'))}: {translate(hint, t)}"), file=sys.stderr)
    return error.exit_code


def describe(error: click.exceptions.UsageError) -> str:
    """The mistake as a message: the usual kinds in our words, anything else as click wrote it."""
    from journeymap.translation import Msg, Verbatim

    if isinstance(error, click.exceptions.NoSuchOption):
        if error.possibilities:
            return Msg(
                "no such option: %(option)s (did you mean %(choices)s?)",
                option=Verbatim(error.option_name),
                choices=Verbatim(", ".join(sorted(error.possibilities))),
            )
        return Msg("no such option: %(option)s", option=Verbatim(error.option_name))
    if isinstance(error, click.exceptions.NoSuchCommand):
        if error.possibilities:
            return Msg(
                "no such command: %(command)s (did you mean %(choices)s?)",
                command=Verbatim(error.command_name),
                choices=Verbatim(", ".join(sorted(error.possibilities))),
            )
        return Msg("no such command: %(command)s", command=Verbatim(error.command_name))
    if isinstance(error, click.exceptions.BadOptionUsage) and error.message.endswith("requires an argument."):
        return Msg("option %(option)s needs a value", option=Verbatim(error.option_name))
    if found := _EXTRA.match(error.format_message()):
        return Msg("unexpected argument: %(arguments)s", arguments=Verbatim(found[1]))
    if isinstance(error, click.exceptions.MissingParameter):
        kind = error.param_type or (error.param.param_type_name if error.param is not None else "")
        if kind == "argument":
            return Msg("missing argument %(name)s", name=Verbatim(_name(error)))
        return Msg("missing option %(name)s", name=Verbatim(_name(error)))
    if isinstance(error, click.exceptions.BadParameter):
        return Msg("invalid value for %(option)s: %(problem)s", option=Verbatim(_name(error)), problem=_problem(error))
    return Verbatim(error.format_message())


def _name(error: click.exceptions.BadParameter) -> str:
    """The option or argument as the user typed it (``'--view'``, ``'PATH...'``)."""
    if error.param_hint is not None:
        hint = error.param_hint
        return " / ".join(repr(h) for h in hint) if not isinstance(hint, str) else hint
    if error.param is not None:
        return error.param.get_error_hint(error.ctx)  # 'PATH...' for an argument, '--view' for an option
    return "-"


def _problem(error: click.exceptions.BadParameter) -> str:
    from journeymap.translation import Joined, Msg, Verbatim
    from journeymap.translation.library_messages import known_text

    text = error.message.strip()
    if found := _CHOICES.match(text):
        choices = [Verbatim(c.strip()) for c in re.split(r", | or ", found[2])]
        return Msg("%(value)s is not one of %(choices)s", value=Verbatim(found[1]), choices=Joined(", ", choices))
    if found := _INTEGER.match(text):
        return Msg("%(value)s is not a whole number", value=Verbatim(found[1]))
    if found := _RANGE.match(text):
        return _bound(error.param, found[1]) or Msg(
            "%(value)s is outside %(range)s", value=Verbatim(found[1]), range=Verbatim(found[2])
        )
    return known_text(text)


def _bound(param: click.Parameter | None, value: str) -> str | None:
    """The bound a whole number crossed (``--threads 0``: at least 1), in words the catalogue translates with
    the reader's digits; None when the bounds are not plain whole numbers (then click's ``1<=x<=256``)."""
    from journeymap.translation import Msg
    from journeymap.translation.library_messages import TEMPLATES  # pydantic's words, translated as before

    bounds = param.type if param is not None else None
    if not isinstance(bounds, click.IntRange) or not value.lstrip("-").isdigit():
        return None
    low, high, number = bounds.min, bounds.max, int(value)
    if isinstance(low, int) and not bounds.min_open and number < low:
        return Msg(TEMPLATES["greater_than_equal"], ge=low)
    if isinstance(high, int) and not bounds.max_open and number > high:
        return Msg(TEMPLATES["less_than_equal"], le=high)
    return None


__all__ = ["chosen_language", "describe", "report", "run_parsed"]
