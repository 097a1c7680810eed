"""``journeymap rules``: list the audit catalogue or explain one rule."""

from __future__ import annotations

import sys

import click

from journeymap.cli import options
from journeymap.cli.boundary import guarded
from journeymap.cli.command import command as journeymap_command


@journeymap_command("rules")
@click.argument(
    "rule", required=False, metavar="[RULE]", help="A rule code (JM311) or name (touchpoint-without-owner)."
)
@click.option("--markdown", is_flag=True, help="Print the whole catalogue as Markdown (docs/audit-rules.md).")
@options.lang
def command(rule: str | None, markdown: bool, lang: str | None) -> int:
    """List the audit rules, or explain one with its rationale, options and examples.

    Examples:

      journeymap rules

      journeymap rules JM321

      journeymap rules touchpoint-without-owner

      journeymap rules --markdown > docs/audit-rules.md

      journeymap rules --lang ar JM330
    """
    return guarded(lambda: _run(rule, markdown, lang), lang)


def _run(reference: str | None, markdown: bool, lang: str | None = None) -> int:
    from journeymap.auditing import docs
    from journeymap.auditing.registry import BY_CODE, BY_NAME, find
    from journeymap.cli.outputs import terminal_translator
    from journeymap.errors import UsageError
    from journeymap.translation import Msg, Verbatim
    from journeymap.validation.suggest import did_you_mean

    if reference is None:
        sys.stdout.write(docs.catalogue_markdown() if markdown else docs.catalogue_text(terminal_translator(lang)))
        return 0
    rule = find(reference)
    if rule is None:
        hint = did_you_mean(reference, [*BY_CODE, *BY_NAME]) or Msg("run `journeymap rules` to list them")
        raise UsageError(Msg("no audit rule '%(rule)s'", rule=Verbatim(reference)), hint=hint)
    sys.stdout.write(docs.rule_markdown(rule) if markdown else docs.rule_text(rule, terminal_translator(lang)))
    return 0
