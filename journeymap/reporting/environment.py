"""Jinja2 environments shared by the HTML and Markdown presenters, and the one place templates are rendered.

Templates ship in the package (``journeymap/reporting/templates/``); a team's
own directory (``--template-dir``) comes first in a ChoiceLoader, so any
template found there (same relative name, e.g. ``html/page.html.j2``) wins
and the others fall back to the built-in ones.

Why a sandbox: templates from ``--template-dir`` are code, and Jinja2's
SandboxedEnvironment keeps Python internals (``__class__``, ``__globals__``...)
out of their reach at a cost of about a millisecond per page. It is used for
the built-in templates too, so they are tested in the environment users'
templates run in. It is no reason to run templates you do not trust: see
docs/docs-pipeline.md#templates for what it does not protect against.

Why StrictUndefined: a misspelt name (``journey.titel``) should stop the run
with its file and line, not publish a page with a silent gap.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from journeymap import shown
from journeymap.errors import JourneymapError
from journeymap.reporting.problems import StrictNames, TemplateFiles, explain
from journeymap.translation import digits

BUILT_IN = Path(__file__).resolve().parent / "templates"


@functools.lru_cache(maxsize=8)
def environment(template_dir: str | None, autoescape: bool) -> jinja2.Environment:
    """One environment per template directory and mode, reused so templates compile once per process."""
    loaders: list[jinja2.BaseLoader] = []
    if template_dir:
        loaders.append(TemplateFiles(template_dir, user=True))
    loaders.append(TemplateFiles(str(BUILT_IN), user=False))
    env = SandboxedEnvironment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=autoescape,
        undefined=StrictNames,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["score"] = _in_page_digits(format_score)
    env.filters["percent"] = _in_page_digits(format_percent)
    env.filters["tenth"] = _in_page_digits(format_tenth)
    env.filters["signed"] = _in_page_digits(format_signed)
    env.filters["num"] = _in_page_digits(format_number)
    return env


def _in_page_digits(format_value: Callable[[Any], str]) -> Callable[..., str]:
    """A number filter that writes its result in the page's digits (the journey's ``numerals``).

    Why the page context: the same built-in and team templates serve Latin- and Arabic-digit
    journeys; the filter, not each template, knows which.
    """

    @jinja2.pass_context
    def shown(context: jinja2.runtime.Context, value: Any) -> str:
        page = context.get("journey", context.get("portfolio"))
        numerals = page.get("numerals") if isinstance(page, dict) else None
        return digits(format_value(value), numerals or "latin")

    return shown


def format_number(value: Any) -> str:
    """A count or a mean as written (``12``, ``3.5``)."""
    return "–" if value is None else str(value)


def render(env: jinja2.Environment, name: str, **variables: Any) -> str:
    """Render template ``name`` with ``variables``.

    A failure caused by a file from --template-dir becomes a TemplateProblem
    (``path:line: what``, with a hint); any other failure is journeymap's bug
    and propagates unchanged.
    """
    try:
        return env.get_template(name).render(**variables)
    except JourneymapError:
        raise
    except Exception as error:
        problem = explain(error, env, name, variables)
        if problem is None:
            raise
        raise problem from None


def stream(env: jinja2.Environment, name: str, **variables: Any) -> Iterator[str]:
    """Render template ``name`` piece by piece (Jinja2's ``generate``), in pieces of about 64 KB.

    Why: a big journey's page is tens of megabytes; written as it is made, it never has to be
    held whole (and again encoded). Failures are mapped as ``render`` maps them.
    """
    pending: list[str] = []
    size = 0
    try:
        for piece in env.get_template(name).generate(**variables):
            pending.append(piece)
            size += len(piece)
            if size >= _PIECE:
                yield "".join(pending)
                pending, size = [], 0
    except JourneymapError:
        raise
    except Exception as error:
        problem = explain(error, env, name, variables)
        if problem is None:
            raise
        raise problem from None
    yield "".join(pending)


#: Characters gathered before a streamed page is handed on.
_PIECE = 65_536


def format_score(value: float | None) -> str:
    """Friction for reading: a whole number 0-100, or an en dash when unknown."""
    return "–" if value is None else shown.friction_whole(value)


def format_percent(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f}%"


def format_tenth(value: float | None) -> str:
    """A friction compared across states, as ``journeymap compare`` prints it: one decimal, ``–`` when unknown."""
    return "–" if value is None else shown.friction_tenth(value)


def format_signed(value: float | None) -> str:
    """A change with its sign (``-27.8``, ``+1.0``, ``0.0``) as ``journeymap compare`` prints it; ``–`` unknown."""
    return "–" if value is None else shown.signed_tenth(value)
