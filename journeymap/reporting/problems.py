"""Mistakes in a team's own templates (``--template-dir``), reported as theirs: ``path:line: what`` plus a hint.

Why: a template from ``--template-dir`` is code the user wrote, so a typo in it
is not a bug in journeymap and must not be reported as one. Jinja2 rewrites
tracebacks so that template frames carry the template file and line; the
loaders below remember which files they loaded, so each failure can be traced
to the innermost template file of the user's that was running. A failure with
no user template involved stays an exception: the built-in templates are ours,
and their failures are journeymap's bugs.
"""

from __future__ import annotations

import difflib
import functools
import os
import posixpath
import re
import traceback
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

import jinja2
from jinja2 import meta
from jinja2.environment import TemplateModule
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path
from jinja2.utils import missing

from journeymap.errors import JourneymapError
from journeymap.translation import Joined, Msg, Verbatim
from journeymap.translation.library_messages import reason

#: Where the variables a template receives are documented.
DOCS = "docs/docs-pipeline.md#templates"
JINJA_DOCS = "https://jinja.palletsprojects.com/en/stable/templates/"
_NO_SUCH = re.compile(r"No (filter|test) named '([^']+)'")
_LOOPS = re.compile(r"{%-?\s*(include|extends|import|from)\b")
_EXTENDS = re.compile(r"{%-?\s*extends\b")
#: Jinja2's name for the frame of a template's top-level code (blocks and macros have others).
TOP_LEVEL = "top-level template code"


class TemplateProblem(JourneymapError):
    """A template from ``--template-dir`` cannot be read, compiled or rendered (exit 2)."""


class MissingValue(jinja2.UndefinedError):
    """An undefined value was used; keeps the name looked up and what it was looked up on, for a "did you mean"."""

    def __init__(self, message: str | None, owner: Any, name: str | None) -> None:
        super().__init__(message)
        self.owner = owner
        self.name = name


class StrictNames(jinja2.StrictUndefined):
    """StrictUndefined (a typo is an error, not an empty string) whose error says what was looked up, on what.

    Why the ``exc`` swap: Jinja2 builds the error from the message alone; the
    owner is needed to suggest the field the user meant. Other errors (the
    sandbox's SecurityError) are left as they are.
    """

    __slots__ = ()

    def __init__(
        self,
        hint: str | None = None,
        obj: Any = missing,
        name: str | None = None,
        exc: type[jinja2.TemplateRuntimeError] = jinja2.UndefinedError,
    ) -> None:
        super().__init__(hint, obj, name, exc)
        if exc is jinja2.UndefinedError:
            factory = functools.partial(MissingValue, owner=obj, name=name)
            self._undefined_exception = cast("type[jinja2.TemplateRuntimeError]", factory)


class TemplateFiles(jinja2.FileSystemLoader):
    """A FileSystemLoader that remembers the files it loaded, so a traceback frame can be traced to a template file.

    For the user's directory (``user=True``) a file that is not UTF-8 or cannot
    be read becomes a TemplateProblem naming it; in the built-in directory that
    would be our bug, so the error is left alone.
    """

    def __init__(self, directory: str, user: bool) -> None:
        super().__init__(directory)
        self.directory = directory
        self.user = user
        self.loaded: set[str] = set()

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
        try:
            source, filename, uptodate = super().get_source(environment, template)
        except jinja2.TemplateNotFound:  # an OSError too, but the ChoiceLoader's cue to try the next directory
            raise
        except (UnicodeDecodeError, OSError) as error:
            if not self.user:
                raise
            path = os.path.normpath(posixpath.join(self.directory, *split_template_path(template)))
            raise _unreadable(path, error) from None
        self.loaded.add(filename)
        return source, filename, uptodate


@dataclass(frozen=True)
class Frame:
    """One template frame of a traceback: the file, the line, whether it is the user's, the names in scope,
    and where in the template it runs (Jinja2's label: "top-level template code", "block 'body'", "template")."""

    path: str
    line: int
    user: bool
    names: tuple[str, ...]
    scope: str


@dataclass(frozen=True)
class Scope:
    """The names a failing template line could use: its local names, and the variables the template was given."""

    names: tuple[str, ...]
    variables: tuple[str, ...]

    def received(self) -> str:
        return Verbatim(", ".join(f"`{name}`" for name in self.variables)) if self.variables else Msg("no variables")


def explain(
    error: Exception, env: jinja2.Environment, template: str, variables: Iterable[str]
) -> TemplateProblem | None:
    """The user's problem behind ``error`` from rendering ``template``; None when no user template is involved."""
    user, built_in = _loaders(env)
    if user is None:
        return None
    if isinstance(error, jinja2.TemplateSyntaxError):
        return _syntax(error, env) if error.filename in user.loaded else None
    frames = template_frames(error, user.loaded, built_in.loaded)
    mine = [frame for frame in frames if frame.user]
    if isinstance(error, RecursionError):
        return _recursion(mine) if mine else None
    if not mine:
        return _through_built_in(error, frames, env, template, variables, user, built_in)
    blame, innermost = mine[-1], frames[-1]
    what, hint = describe(error, env, Scope(blame.names, tuple(variables)), user.directory)
    line = blame.line
    if innermost is not blame:
        what = Msg(
            "in the built-in template %(name)s, used from here: %(what)s",
            name=Verbatim(_built_in_name(innermost, built_in)),
            what=what,
        )
        hint = Joined("; ", [_compare(blame.path, user, built_in), hint])
        line = _calling_line(blame, frames[frames.index(blame) + 1])
    return TemplateProblem(Msg("%(where)s: %(what)s", where=Verbatim(f"{blame.path}:{line}"), what=what), hint)


def template_frames(error: BaseException, user: set[str], built_in: set[str]) -> list[Frame]:
    """The frames of ``error``'s traceback that run a template file, outermost first."""
    frames = []
    for frame, line in traceback.walk_tb(error.__traceback__):
        path = frame.f_code.co_filename
        if path in user or path in built_in:
            frames.append(Frame(path, line, path in user, tuple(frame.f_locals), frame.f_code.co_name))
    return frames


def describe(error: Exception, env: jinja2.Environment, scope: Scope, directory: str) -> tuple[str, str]:
    """What went wrong at a template line, and how to fix it."""
    if isinstance(error, SecurityError):
        return (
            Msg("not allowed in a template: %(problem)s", problem=Verbatim(str(error))),
            Msg(
                "templates run in Jinja2's sandbox, which keeps Python internals out of reach; see %(docs)s",
                docs=Verbatim(DOCS),
            ),
        )
    if isinstance(error, jinja2.UndefinedError):
        said = Msg("undefined value: %(problem)s", problem=Verbatim(str(error.message or error)))
        return said, _undefined_hint(error, env, scope)
    if isinstance(error, jinja2.TemplateNotFound):
        wanted = [str(name) for name in error.templates]
        if not wanted:  # {% include [] %}
            return Verbatim(str(error)), Msg("give the template a name, a path relative to --template-dir")
        return (
            Msg(
                "template %(names)s not found in %(directory)s nor among the built-in templates",
                names=Verbatim(" or ".join(repr(name) for name in wanted)),
                directory=Verbatim(directory),
            ),
            Joined(
                "",
                [
                    _other_templates(wanted[-1], env.list_templates()),
                    Msg("template names are paths relative to --template-dir (or to the built-in templates)"),
                ],
            ),
        )
    problem = Verbatim(f"{type(error).__name__}: {error}")
    return problem, Msg(
        "this template receives %(variables)s; see %(docs)s", variables=scope.received(), docs=Verbatim(DOCS)
    )


def did_you_mean(name: str | None, candidates: Iterable[str], cutoff: float = 0.75) -> str | None:
    """The closest candidate to a misspelt ``name``, if one is close enough to be worth suggesting."""
    if not name:
        return None
    close = difflib.get_close_matches(name, sorted(set(candidates) - {name}), n=1, cutoff=cutoff)
    return close[0] if close else None


def fields(owner: Any) -> list[str]:
    """The names a template can look up on ``owner``: keys of a dict, exports of an imported template."""
    if isinstance(owner, dict):
        return [key for key in owner if isinstance(key, str)]
    if isinstance(owner, TemplateModule):
        return [name for name in vars(owner) if not name.startswith("_")]
    return [name for name in dir(owner) if not name.startswith("_")]


def not_utf8(path: str, data: bytes) -> TemplateProblem:
    """``path:line:`` of the first byte of ``data`` that is not UTF-8."""
    try:
        data.decode("utf-8")
        start = len(data)
    except UnicodeDecodeError as error:
        start = error.start
    line = data.count(b"\n", 0, start) + 1
    column = start - data.rfind(b"\n", 0, start)
    byte = Msg("byte %(byte)s", byte=Verbatim(f"0x{data[start]:02x}")) if start < len(data) else Msg("a byte")
    return TemplateProblem(
        Msg(
            "%(where)s: the template is not valid UTF-8 (%(byte)s at column %(column)s)",
            where=Verbatim(f"{path}:{line}"),
            byte=byte,
            column=column,
        ),
        Msg("save the file as UTF-8 in your editor (journeymap reads templates as UTF-8 only)"),
    )


def _unreadable(path: str, error: UnicodeDecodeError | OSError) -> TemplateProblem:
    if isinstance(error, UnicodeDecodeError):
        try:
            with open(path, "rb") as file:
                return not_utf8(path, file.read())
        except OSError as again:
            error = again
    return TemplateProblem(
        Msg("%(path)s: cannot read the template: %(reason)s", path=Verbatim(path), reason=reason(error)),
        Msg("check that the file exists and is readable"),
    )


def _loaders(env: jinja2.Environment) -> tuple[TemplateFiles | None, TemplateFiles]:
    """The user's loader (None without --template-dir) and the built-in one, from the environment's ChoiceLoader."""
    loaders = [loader for loader in getattr(env.loader, "loaders", []) if isinstance(loader, TemplateFiles)]
    user = next((loader for loader in loaders if loader.user), None)
    built_in = next(loader for loader in loaders if not loader.user)
    return user, built_in


def _syntax(error: jinja2.TemplateSyntaxError, env: jinja2.Environment) -> TemplateProblem:
    message = error.message or str(error)
    hint: str = Msg(
        "check the {%% ... %%} and {{ ... }} tags on this line, and that every block is closed "
        "({%% endif %%}, {%% endfor %%}, {%% endblock %%}); see %(docs)s",
        docs=Verbatim(JINJA_DOCS),
    )
    unknown = _NO_SUCH.search(message)
    if unknown:
        kind, name = unknown.groups()
        known = env.filters if kind == "filter" else env.tests
        listed = (
            Msg("the filters are Jinja2's own and those listed in %(docs)s", docs=Verbatim(DOCS))
            if kind == "filter"
            else Msg("the tests are Jinja2's own and those listed in %(docs)s", docs=Verbatim(DOCS))
        )
        hint = Joined("", [_did_you_mean(name, known), listed])
    where = Verbatim(f"{error.filename}:{error.lineno}")
    return TemplateProblem(Msg("%(where)s: syntax error: %(message)s", where=where, message=Verbatim(message)), hint)


def _undefined_hint(error: jinja2.UndefinedError, env: jinja2.Environment, scope: Scope) -> str:
    owner = getattr(error, "owner", missing)
    candidates = [*scope.names, *scope.variables, *env.globals] if owner is missing else fields(owner)
    receives = Msg(
        "this template receives %(variables)s (see %(docs)s for their fields); "
        "write `x is defined` or `x|default('')` where a value may be missing",
        variables=scope.received(),
        docs=Verbatim(DOCS),
    )
    return Joined("", [_did_you_mean(getattr(error, "name", None), candidates), receives])


def _other_templates(wanted: str, known: list[str]) -> str:
    """A close file name in the same folder, else the folder's templates.

    Why compare file names without folder and extension: ``html/`` and
    ``.html.j2`` shared by every name would make any two names look close.
    """
    folder, _, base = wanted.rpartition("/")
    there = {name.rpartition("/")[2]: name for name in known if name.rpartition("/")[0] == folder}
    stems = {name.split(".")[0]: full for name, full in there.items()}
    close = did_you_mean(base.split(".")[0], stems)
    if close:
        return Msg("did you mean '%(match)s'? ", match=Verbatim(stems[close]))
    listed = Verbatim(", ".join(sorted(there.values()))) if there else Msg("none")
    return Msg("the templates in '%(folder)s/' are: %(listed)s; ", folder=Verbatim(folder or "."), listed=listed)


def _did_you_mean(name: str | None, candidates: Iterable[str]) -> str:
    close = did_you_mean(name, candidates)
    return Msg("did you mean '%(match)s'? ", match=Verbatim(close)) if close else ""


def _recursion(mine: list[Frame]) -> TemplateProblem:
    """Point at the line that loops: of the user's lines the stack repeats most, the one with an include-like tag.

    Why not just the most repeated frame: Jinja2 maps the frame of a template
    that extends another to its last top-level line, so an ``{% extends %}``
    loop would be reported on an unrelated ``{% set %}``.
    """
    counts = Counter((frame.path, frame.line) for frame in mine)
    most = max(counts.values())
    looping = [where for where, count in counts.items() if count == most]
    path, line = next((where for where in looping if _LOOPS.search(_line_text(*where))), looping[0])
    if not _LOOPS.search(_line_text(path, line)):
        line = _extends_line(path) or line
    return TemplateProblem(
        Msg("%(where)s: templates include, extend or call each other without end", where=Verbatim(f"{path}:{line}")),
        Msg(
            "the {% include %}, {% extends %}, {% import %} or macro call on this line leads back to itself; "
            "break the loop"
        ),
    )


def _calling_line(caller: Frame, called: Frame) -> int:
    """The line of ``caller`` that runs ``called``.

    Jinja2 reports the top-level code of a template that extends another at
    its last top-level line; when that code runs the parent template's top
    level, the line that does it is the ``{% extends %}``.
    """
    if caller.scope == called.scope == TOP_LEVEL and not _LOOPS.search(_line_text(caller.path, caller.line)):
        return _extends_line(caller.path) or caller.line
    return caller.line


def _extends_line(path: str) -> int | None:
    return next((number for number, text in enumerate(_lines(path), 1) if _EXTENDS.search(text)), None)


def _lines(path: str) -> list[str]:
    try:
        with open(path, encoding="utf-8", errors="replace") as file:
            return file.read().splitlines()
    except OSError:
        return []


def _line_text(path: str, line: int) -> str:
    lines = _lines(path)
    return lines[line - 1] if 0 < line <= len(lines) else ""


def _through_built_in(
    error: Exception,
    frames: list[Frame],
    env: jinja2.Environment,
    template: str,
    variables: Iterable[str],
    user: TemplateFiles,
    built_in: TemplateFiles,
) -> TemplateProblem | None:
    """A built-in template failed while using one of the user's (say, an overridden macros file lacking a macro).

    Without any user template among those ``template`` uses, the failure is ours: None.
    """
    overrides = _overrides(env, template, user)
    if not overrides or not frames:
        return None
    innermost = frames[-1]
    what, hint = describe(error, env, Scope(innermost.names, tuple(variables)), user.directory)
    name = _built_in_name(innermost, built_in)
    return TemplateProblem(
        Msg(
            "%(files)s: the built-in template %(name)s failed using your template: %(what)s",
            files=Verbatim(", ".join(overrides)),
            name=Verbatim(name),
            what=what,
        ),
        Joined("; ", [_compare(overrides[0], user, built_in), hint]),
    )


def _overrides(env: jinja2.Environment, template: str, user: TemplateFiles) -> list[str]:
    """The user's files among the templates ``template`` includes, extends or imports, directly or not."""
    seen: set[str] = set()
    todo = [template]
    found = []
    while todo:
        name = todo.pop()
        if name in seen or env.loader is None:
            continue
        seen.add(name)
        try:
            source, filename, _ = env.loader.get_source(env, name)
            todo += [used for used in meta.find_referenced_templates(env.parse(source)) if used]
        except (jinja2.TemplateError, JourneymapError):
            continue
        if filename in user.loaded:
            found.append(filename)
    return sorted(found)


def _compare(path: str, user: TemplateFiles, built_in: TemplateFiles) -> str:
    """Point at the built-in template a user's file replaces: it shows what the others expect of it."""
    original = os.path.join(built_in.directory, os.path.relpath(path, user.directory))
    if not os.path.isfile(original):
        return Msg("the built-in templates expect what journeymap's own templates provide")
    return Msg(
        "the built-in templates expect what the file you replaced provides: compare yours with %(original)s",
        original=Verbatim(original),
    )


def _built_in_name(frame: Frame, built_in: TemplateFiles) -> str:
    return f"{os.path.relpath(frame.path, built_in.directory).replace(os.sep, '/')}:{frame.line}"
