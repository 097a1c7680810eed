"""The click command every ``journeymap`` command is built with: its help reads as prose paragraphs.

Why our own help text: click re-wraps a paragraph as a whole, so a docstring's "Exit code ..." line or a
list item would run into the sentence before it; and a source line break inside a sentence must not show
as one. ``reflowed`` says which lines start a line of their own; each is then wrapped to the terminal.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import click

#: Lines that start a line of their own in help text, though no blank line comes before them.
_OWN_LINE = ("Exit code", "- ", "* ")


def reflowed(doc: str) -> str:
    """A docstring as help text: each prose paragraph one line, for the terminal to wrap.

    Why: a source line shorter or longer than the terminal would break into a long line and a short one
    ("so the file / shows the / format at work"). Indented lines (the examples) and lines that open a list
    or an exit-code line keep their own line.
    """
    lines: list[str] = []
    for line in inspect.cleandoc(doc).splitlines():
        joins = lines and lines[-1] and line and not line[0].isspace() and not lines[-1][0].isspace()
        if joins and not line.startswith(_OWN_LINE):
            lines[-1] = f"{lines[-1]} {line}"
        else:
            lines.append(line)
    return "\n".join(lines)


def summary(doc: str) -> str:
    """The first paragraph of a docstring, as ``journeymap --help`` lists the command."""
    return reflowed(doc).split("\n\n", 1)[0]


def wrapped(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` columns, broken at spaces only (never in "cross-reference")."""
    import textwrap

    return textwrap.wrap(text, max(width, 20), break_on_hyphens=False, break_long_words=False) or [""]


def write_help_text(text: str, formatter: click.HelpFormatter) -> None:
    """``reflowed`` text into the help page: each prose line wrapped to the width; an indented line (an
    example to copy) as written, for the terminal to wrap if it must."""
    formatter.write_paragraph()
    with formatter.indentation():
        indent = " " * formatter.current_indent
        for line in reflowed(text).splitlines():
            if not line or line[0].isspace():
                formatter.write(f"{indent}{line}".rstrip() + "\n")
            else:
                for part in wrapped(line, formatter.width - formatter.current_indent):
                    formatter.write(f"{indent}{part}\n")


class Command(click.Command):
    """A click command whose help text keeps ``reflowed``'s lines (see the module docstring)."""

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if self.help:
            write_help_text(self.help, formatter)


def command(name: str) -> Callable[[Callable[..., int]], Command]:
    """``@command("validate")``: the decorated function (options as keywords, returning the exit code) as a
    command named ``name``; its docstring is the help."""
    decorator: Callable[[Callable[..., Any]], Command] = click.command(name, cls=Command)
    return decorator
