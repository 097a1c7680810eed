"""Planning an audit: which rules run, at which severity, with which options.

Precedence: built-in defaults < project config < the journey's ``audit:`` <
the command line. ``select`` is replaced by the nearest one given; ``ignore``
lists add up; per-rule levels and options merge key by key. Mistakes in the
journey's section are JM390 diagnostics at their line and column; mistakes in
the project file or on the command line stop the run (usage error, exit 2).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from journeymap.auditing.registry import BY_CODE, RULES, matching
from journeymap.auditing.rule import Rule
from journeymap.diagnostics import Diagnostic, Severity, Span
from journeymap.errors import UsageError
from journeymap.loader.source_map import KeyPath, SourceMap
from journeymap.model import Journey
from journeymap.settings.audit import AuditConfig
from journeymap.translation import Msg, Verbatim
from journeymap.translation.library_messages import problem

#: Where to look up a rule's code or name.
_RULES_HINT = Msg("run `journeymap rules` for codes and names")
LEVELS = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO}


@dataclass(frozen=True)
class Settings:
    """Audit settings from outside the journey: the project config and the command line."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    project: AuditConfig | None = None
    project_path: str | None = None


@dataclass
class Plan:
    """The rules to run, with severity and options each; problems found while planning."""

    rules: dict[str, tuple[Severity, BaseModel]] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)
    ignored: set[str] = field(default_factory=set)


def make_plan(journey: Journey, source_map: SourceMap, settings: Settings) -> Plan:
    """Resolve selection, levels and options; the journey's bad settings become JM390 diagnostics."""
    check_references(settings)
    plan = Plan()
    own = journey.audit
    plan.problems += list(_journey_config_problems(own, source_map))
    select = settings.select or (own.select if own and own.select is not None else None)
    if select is None and settings.project is not None:
        select = settings.project.select
    ignore = [*(settings.project.ignore if settings.project else []), *(own.ignore if own else []), *settings.ignore]
    chosen = set(_expand(select) if select is not None else [rule.code for rule in RULES])
    plan.ignored = set(_expand(ignore, with_meta=True))
    for rule in RULES:  # every rule's options are checked, selected or not, so typos never hide
        level, values = _merged_setting(rule.code, settings.project, own)
        options = _options(rule.code, values, settings, own, source_map, plan)
        if rule.code in chosen and rule.code not in plan.ignored and level != "off":
            plan.rules[rule.code] = (LEVELS[level] if level else rule.severity, options)
    return plan


def _expand(references: Sequence[str], with_meta: bool = False) -> list[str]:
    pool = [rule.code for rule in RULES] + (["JM392"] if with_meta else [])
    return [code for ref in references for code in matching(ref, pool)]


def _merged_setting(
    code: str, project: AuditConfig | None, own: AuditConfig | None
) -> tuple[str | None, dict[str, Any]]:
    level: str | None = None
    options: dict[str, Any] = {}
    for config in (project, own):
        for key, setting in (config.rules if config else {}).items():
            if code in matching(key):
                level = setting.level or level
                options.update(setting.options)
    return level, options


def _options(
    code: str, values: dict[str, Any], settings: Settings, own: AuditConfig | None, source_map: SourceMap, plan: Plan
) -> BaseModel:
    """The rule's Options from merged settings; bad values fall back to defaults with a JM390 diagnostic.

    An option the journey's ``audit:`` set is reported at its line and column;
    one from the project file stops the run with a message naming the file.
    """
    rule = BY_CODE[code]
    try:
        return rule.Options.model_validate(values)
    except ValidationError as error:
        for detail in error.errors():
            option = str(detail["loc"][0]) if detail["loc"] else ""
            message = Msg(
                "options for %(code)s %(name)s: %(problem)s",
                code=Verbatim(code),
                name=Verbatim(rule.name),
                problem=_error_text(detail),
            )
            where = _option_origin(code, option, own)
            if where is None:
                where_text = _project_where(settings)
                raise UsageError(
                    Msg("%(where)s: %(message)s", where=where_text, message=message), _options_hint(rule)
                ) from None
            at_key = detail["type"] == "extra_forbidden"
            span = source_map.key(where) if at_key else source_map.value(where)
            plan.problems.append(Diagnostic("JM390", Severity.ERROR, message, span, _options_hint(rule)))
        return rule.Options()


def _error_text(error: Any) -> str:
    name = Verbatim(".".join(str(p) for p in error["loc"]))
    if error["type"] == "extra_forbidden":
        return Msg("unknown option '%(name)s'", name=name)
    return Msg("'%(name)s': %(problem)s", name=name, problem=problem(error))


def _options_hint(rule: Rule) -> str:
    names = list(rule.Options.model_fields)
    command = Verbatim(f"journeymap rules {rule.code}")
    if not names:
        return Msg(
            "options of %(code)s: none, plus `level`; see `%(command)s`", code=Verbatim(rule.code), command=command
        )
    known = Verbatim(", ".join(names))
    return Msg(
        "options of %(code)s: %(known)s, plus `level`; see `%(command)s`",
        code=Verbatim(rule.code),
        known=known,
        command=command,
    )


def _project_where(settings: Settings) -> str:
    """The project file's path, or words for settings given from Python without one."""
    return Verbatim(settings.project_path) if settings.project_path else Msg("project config")


def _option_origin(code: str, option: str, own: AuditConfig | None) -> KeyPath | None:
    """Where the journey's ``audit:`` sets this option for this rule (None: it came from the project)."""
    for key, setting in (own.rules if own else {}).items():
        if code in matching(key) and option in setting.options:
            return ("audit", "rules", key, option)
    return None


def check_references(settings: Settings) -> None:
    """Unknown rules on the command line or in the project config are usage errors (exit 2)."""
    for ref in [*(settings.select or ()), *settings.ignore]:
        if not _expand([ref], with_meta=True):
            raise UsageError(Msg("no audit rule matches '%(ref)s'", ref=Verbatim(ref)), _RULES_HINT)
    project = settings.project
    if project is None:
        return
    where = _project_where(settings)
    for ref in [*(project.select or []), *project.ignore]:
        if not _expand([ref], with_meta=True):
            said = Msg("%(where)s: [audit] names no known rule: '%(ref)s'", where=where, ref=Verbatim(ref))
            raise UsageError(said, Msg("run `journeymap rules`"))
    for ref in project.rules:
        if not _expand([ref]):
            said = Msg("%(where)s: [audit.rules] names no configurable rule: '%(ref)s'", where=where, ref=Verbatim(ref))
            raise UsageError(said, Msg("run `journeymap rules`"))


def _journey_config_problems(own: AuditConfig | None, source_map: SourceMap) -> Iterator[Diagnostic]:
    if own is None:
        return
    lists = [("select", own.select or []), ("ignore", own.ignore)]
    for key, refs in lists:
        for i, ref in enumerate(refs):
            if not _expand([ref], with_meta=True):
                yield unknown_rule(ref, source_map.value(("audit", key, i)))
    for ref in own.rules:
        if not _expand([ref]):
            yield unknown_rule(ref, source_map.key(("audit", "rules", ref)))


def unknown_rule(ref: str, span: Span) -> Diagnostic:
    from journeymap.validation.suggest import did_you_mean

    names = [*BY_CODE, *(r.name for r in RULES)]
    hint = did_you_mean(ref, names) or _RULES_HINT
    return Diagnostic("JM390", Severity.ERROR, Msg("no audit rule matches '%(ref)s'", ref=Verbatim(ref)), span, hint)
