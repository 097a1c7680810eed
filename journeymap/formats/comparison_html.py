"""A journey comparison as one self-contained HTML page (the same content as the Markdown comment).

Jinja2 with autoescaping: every label is data. Values sit in ``<bdi>`` so a
number keeps its reading order inside a right-to-left journey.
"""

from __future__ import annotations

from importlib import resources

from journeymap.comparing.pairs import ComparisonRun
from journeymap.formats.comparison import change_lines, delta_text, number


def format_html(run: ComparisonRun) -> str:
    from jinja2.sandbox import SandboxedEnvironment

    environment = SandboxedEnvironment(autoescape=True, keep_trailing_newline=True)
    first = run.comparisons[0] if run.comparisons else None
    page = (resources.files("journeymap.formats") / "comparison.html.j2").read_text(encoding="utf-8")
    return environment.from_string(page).render(
        run=run,
        rtl=bool(first and first.rtl),
        lang=first.language if first else "en",
        delta=delta_text,
        num=number,
        lines=change_lines,
    )


__all__ = ["format_html"]
