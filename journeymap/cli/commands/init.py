"""``journeymap init``: write a starter journey to edit, one that validates and audits with no errors."""

from __future__ import annotations

from journeymap.cli import options
from journeymap.cli.boundary import guarded
from journeymap.cli.command import command as journeymap_command
from journeymap.project import SCHEMA_URL

#: The starter files (journeymap/cli/starters/LANG.yaml): data, not a package. ``{title}``, ``{industry}``
#: and ``{schema}`` in them are filled in.
STARTERS = "starters"
DEFAULTS = {
    "en": ("First purchase", "ecommerce"),
    "ar": ("فتح حساب جارٍ", "banking"),
}


@journeymap_command("init")
@options.init_path
@options.language
@options.industry
@options.title
@options.lang
def command(path: str, language: str | None, industry: str | None, title: str | None, lang: str | None) -> int:
    """Write a starter journey to edit: two personas, the canonical stages, seven touchpoints.

    Every touchpoint has an owner, an emotion, metrics and targets, so the file shows the
    format at work; it validates with no errors and its audit has no errors (the warnings
    are the starter's made-up misses, which your real data will replace). The first line
    points editors at the JSON Schema, for completion and checks while you type.
    An existing file is never replaced (exit code 2).

    Then: edit it, run journeymap validate PATH and journeymap audit PATH,
    draw it with journeymap render PATH. Name journeys *.journey.yaml (or keep
    them in a journeys/ folder) so the pre-commit hooks and the GitHub Action find them.

    Examples:

      journeymap init

      journeymap init journeys/checkout.journey.yaml \\
        --industry retail --title "Checkout"

      journeymap init journeys/account-opening.yaml --language ar

      journeymap init journeys/account-opening.yaml --title "فتح حساب"
    """
    return guarded(lambda: _run(path, _language(language, title), industry, title), lang)


def _language(language: str | None, title: str | None) -> str:
    """``--language`` when given; else Arabic for a title mostly in Arabic script, else English.

    Why: ``--title "فتح حساب"`` alone used to give an English starter (English stages, personas and
    touchpoints, a left-to-right map) under an Arabic title, with no word about ``--language ar``.
    """
    if language is not None:
        return language
    from journeymap.interchange.build import language_of

    if title and language_of([title]) == "ar":
        from journeymap.cli.boundary import say
        from journeymap.translation import Msg

        say(Msg("the title is in Arabic: an Arabic starter, right to left (--language en for an English one)"))
        return "ar"
    return "en"


def starter(language: str = "en", industry: str | None = None, title: str | None = None) -> str:
    """The starter journey's YAML text (comments included); raises UsageError for an unknown industry."""
    import json
    from pathlib import Path
    from typing import get_args

    from journeymap.errors import UsageError
    from journeymap.model.journey import Industry
    from journeymap.translation import Msg, Verbatim

    default_title, default_industry = DEFAULTS[language]
    chosen = (industry or default_industry).strip().lower().replace("-", "_")
    choices = get_args(Industry)
    if chosen not in choices:
        from journeymap.validation.suggest import did_you_mean

        hint = did_you_mean(chosen, list(choices)) or Msg(
            "use one of: %(choices)s", choices=Verbatim(", ".join(choices))
        )
        raise UsageError(Msg("unknown industry %(industry)s", industry=Verbatim(repr(chosen))), hint)
    chosen_title = (title or default_title).strip()
    if not chosen_title:
        raise UsageError(Msg("the title is empty"), Msg('give one, e.g. --title "Checkout"'))
    text = (Path(__file__).resolve().parents[1] / STARTERS / f"{language}.yaml").read_text(encoding="utf-8")
    values = {"schema": SCHEMA_URL, "industry": chosen, "title": json.dumps(chosen_title, ensure_ascii=False)}
    for name, value in values.items():
        text = text.replace("{" + name + "}", value)
    return text


def _run(path: str, language: str, industry: str | None, title: str | None) -> int:
    from journeymap.io import write_atomic

    data = starter(language, industry, title).encode("utf-8")
    if path == "-":
        write_atomic("-", data)
        return 0
    _check_name(path)
    from journeymap.cli.boundary import say
    from journeymap.io import write_new
    from journeymap.translation import Msg, Verbatim

    shown = {"validate": Verbatim(f"journeymap validate {path}"), "audit": Verbatim(f"journeymap audit {path}")}
    write_new(path, data, Msg("%(path)s exists; journeymap init never replaces a file", path=Verbatim(path)))
    say(Msg("wrote %(path)s: edit it, then run `%(validate)s` and `%(audit)s`", path=Verbatim(path), **shown))
    return 0


def _check_name(path: str) -> None:
    """A folder or a name that is not YAML is a usage error before anything is written.

    Why: ``init journeys`` (an existing folder) said the file exists and is never replaced, which is
    true of no file; ``init journey.json`` wrote YAML into a ``.json`` file that ``validate DIR`` never
    finds (it reads ``*.yaml`` and ``*.yml``).
    """
    from pathlib import Path

    from journeymap.errors import UsageError
    from journeymap.translation import Msg, Verbatim

    target = Path(path)
    if target.is_dir():
        example = Verbatim(str(target / "customer.journey.yaml"))
        raise UsageError(
            Msg("%(path)s is a folder", path=Verbatim(path)),
            Msg("give the new journey's file name, e.g. %(example)s", example=example),
        )
    if target.suffix.lower() not in (".yaml", ".yml"):
        raise UsageError(
            Msg("%(path)s: a journey is a YAML file", path=Verbatim(path)),
            Msg("name it *.yaml or *.yml, e.g. %(example)s", example=Verbatim(str(target.with_suffix(".yaml")))),
        )
