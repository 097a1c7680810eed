"""Messages journeymap passes on from its libraries, as translatable ``Msg``: pydantic's (``Input should be
greater than or equal to 0``) and the operating system's (``Permission denied``).

Why: settings files (``journeymap.toml``), rule options and imported tables are checked by pydantic
models, and their errors would read in pydantic's English; a file that cannot be written says why in the
system's words; and libyaml describes a syntax error in English. A ``Msg`` whose English text is exactly
pydantic's keeps English output byte-identical and lets the terminal show it in the reader's language.
A message this table does not know (or one whose English would differ) is shown as pydantic wrote it.
"""

from __future__ import annotations

import errno
import re
from collections.abc import Mapping
from typing import Any

from journeymap.translation import N_, Joined, Msg, Verbatim

#: pydantic error type -> its English message, as pydantic-core writes it, with the context as arguments.
TEMPLATES = {
    "extra_forbidden": N_("Extra inputs are not permitted"),
    "missing": N_("Field required"),
    "greater_than": N_("Input should be greater than %(gt)s"),
    "greater_than_equal": N_("Input should be greater than or equal to %(ge)s"),
    "less_than": N_("Input should be less than %(lt)s"),
    "less_than_equal": N_("Input should be less than or equal to %(le)s"),
    "float_type": N_("Input should be a valid number"),
    "float_parsing": N_("Input should be a valid number, unable to parse string as a number"),
    "finite_number": N_("Input should be a finite number"),
    "int_type": N_("Input should be a valid integer"),
    "int_parsing": N_("Input should be a valid integer, unable to parse string as an integer"),
    "int_from_float": N_("Input should be a valid integer, got a number with a fractional part"),
    "bool_type": N_("Input should be a valid boolean"),
    "bool_parsing": N_("Input should be a valid boolean, unable to interpret input"),
    "string_type": N_("Input should be a valid string"),
    "string_too_short": N_("String should have at least %(min_length)s character"),
    "list_type": N_("Input should be a valid list"),
    "dict_type": N_("Input should be a valid dictionary"),
    "model_type": N_("Input should be a valid dictionary or instance of %(class_name)s"),
    "literal_error": N_("Input should be %(expected)s"),
}


def problem(error: Mapping[str, Any]) -> str:
    """One pydantic error's message: a ``Msg`` that reads exactly as pydantic's English, else the plain text.

    A model error raised with a ``Msg`` in its context (``{"message": Msg(...)}``) is that ``Msg``.
    """
    text = str(error.get("msg", ""))
    ctx = dict(error.get("ctx") or {})
    if isinstance(ctx.get("message"), Msg):
        said: str = ctx["message"]
        hint = ctx.get("hint")
        if isinstance(hint, Msg):
            said = Msg("%(message)s; %(hint)s", message=said, hint=hint)
        return said if said == text else text
    template = TEMPLATES.get(str(error.get("type")))
    if template is None:
        return text
    args = {key: _argument(key, value) for key, value in ctx.items() if f"%({key})s" in template}
    try:
        made = Msg(template, **args)
    except (KeyError, TypeError, ValueError):
        return text
    return made if made == text else text


#: The system's reasons a file cannot be read or written (``strerror``), by errno, as the C library words them.
REASONS = {
    errno.ENOENT: N_("No such file or directory"),
    errno.EACCES: N_("Permission denied"),
    errno.EPERM: N_("Operation not permitted"),
    errno.EISDIR: N_("Is a directory"),
    errno.ENOTDIR: N_("Not a directory"),
    errno.ENOSPC: N_("No space left on device"),
    errno.EROFS: N_("Read-only file system"),
    errno.EEXIST: N_("File exists"),
    errno.ENAMETOOLONG: N_("File name too long"),
    errno.EDQUOT: N_("Disk quota exceeded"),
}


def known_text(text: str) -> str:
    """A library's English ``text`` (its context lost, as the command line passes it on) matched against the table: a
    ``Msg`` that reads the same when one fits, else the text as written."""
    for template in sorted(TEMPLATES.values(), key=len, reverse=True):  # "greater than or equal to" first
        pattern = re.sub(r"%\\\((\w+)\\\)s", lambda m: f"(?P<{m[1]}>.+?)", re.escape(template))
        found = re.fullmatch(pattern, text)
        if found:
            made = Msg(template, **{k: _number_or_text(v) for k, v in found.groupdict().items()})
            if made == text:
                return made
    return Verbatim(text)


def _number_or_text(value: str) -> object:
    """A bound read back from text: a number when it is one (so it takes the reader's digits)."""
    try:
        return int(value)
    except ValueError:
        return Verbatim(value)


def reason(error: OSError) -> str:
    """Why the system refused, as ``error.strerror`` says it in English, translatable when it is a known one."""
    text = str(error.strerror or error)
    known = REASONS.get(error.errno or 0)
    return Msg(known) if known == text else Verbatim(text)


#: libyaml's descriptions of a syntax error (its ``problem`` and ``context``) that take no arguments.
YAML_WORDS = frozenset(
    {
        N_("did not find expected node content"),
        N_("did not find expected key"),
        N_("did not find expected ',' or ']'"),
        N_("did not find expected ',' or '}'"),
        N_("did not find expected '-' indicator"),
        N_("did not find expected <document start>"),
        N_("did not find expected alphabetic or numeric character"),
        N_("did not find expected comment or line break"),
        N_("mapping values are not allowed in this context"),
        N_("block sequence entries are not allowed in this context"),
        N_("could not find expected ':'"),
        N_("found character that cannot start any token"),
        N_("found unexpected end of stream"),
        N_("found unknown escape character"),
        N_("found unexpected document indicator"),
        N_("found a tab character that violates indentation"),
        N_("found a tab character where an indentation space is expected"),
        N_("found undefined tag handle"),
        N_("while parsing a block mapping"),
        N_("while parsing a block collection"),
        N_("while parsing a block node"),
        N_("while parsing a flow node"),
        N_("while parsing a flow sequence"),
        N_("while parsing a flow mapping"),
        N_("while parsing a node"),
        N_("while parsing a quoted scalar"),
        N_("while scanning a simple key"),
        N_("while scanning a quoted scalar"),
        N_("while scanning a plain scalar"),
        N_("while scanning a block scalar"),
        N_("while scanning an alias"),
        N_("while scanning an anchor"),
        N_("while scanning a tag"),
        N_("while scanning a directive"),
        N_("while scanning for the next token"),
    }
)


def yaml_words(text: str) -> str:
    """A phrase of libyaml's error (``did not find expected key``) as a message when it is a known one; any
    other (one naming a character or a token) as libyaml wrote it."""
    return Msg(text) if text in YAML_WORDS else Verbatim(text)


def _argument(key: str, value: object) -> object:
    """A bound stays a number (written in the reader's digits); the choices of ``literal_error`` are a list."""
    if key == "expected":
        return _choices(str(value))
    if isinstance(value, float) and value.is_integer():
        return int(value)  # pydantic writes a bound of 0.0 as 0
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return Verbatim(str(value))


def _choices(expected: str) -> Joined | Verbatim:
    """``'error', 'warning' or 'off'`` as a list whose separators translate."""
    head, _, tail = expected.rpartition(" or ")
    if not head:
        return Verbatim(expected)
    return Joined(", ", [Verbatim(item) for item in [*head.split(", "), tail]], last=" or ")


__all__ = ["REASONS", "TEMPLATES", "YAML_WORDS", "known_text", "problem", "reason", "yaml_words"]
