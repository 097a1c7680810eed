"""The one table of stable diagnostic codes.

A code is ``JM`` plus three digits, grouped by pipeline stage: 0xx load,
1xx schema, 2xx semantic, 3xx and up for audit families, 6xx measure,
7xx render. Codes are never reused or renumbered; each also has a
kebab-case name that names the problem.
"""

from __future__ import annotations

from dataclasses import dataclass

from journeymap.diagnostics import Severity

DOCS_BASE = "https://journeymap.readthedocs.io/en/latest"


@dataclass(frozen=True)
class Code:
    code: str
    name: str
    stage: str
    severity: Severity
    summary: str


def _code(code: str, name: str, stage: str, summary: str, severity: Severity = Severity.ERROR) -> Code:
    return Code(code, name, stage, severity, summary)


ERR, WARN, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


def _audit(code: str, name: str, summary: str, severity: Severity) -> Code:
    return Code(code, name, "audit", severity, summary)


_ALL = [
    # load: the file cannot be read or is not acceptable YAML
    _code("JM001", "unreadable-input", "load", "The file or directory cannot be read."),
    _code("JM002", "file-too-large", "load", "The file is larger than the size limit."),
    _code("JM003", "invalid-encoding", "load", "The file is not UTF-8 text."),
    _code("JM004", "yaml-syntax", "load", "The file is not well-formed YAML."),
    _code("JM005", "duplicate-key", "load", "A mapping has the same key twice."),
    _code("JM006", "unsupported-tag", "load", "A YAML tag outside the standard set."),
    _code("JM007", "alias-expansion-too-large", "load", "Aliases expand to too much data."),
    _code("JM008", "nesting-too-deep", "load", "Collections are nested too deeply."),
    _code("JM009", "empty-document", "load", "The file holds no YAML document."),
    _code("JM010", "multiple-documents", "load", "The file holds more than one YAML document."),
    _code("JM011", "not-a-mapping", "load", "The top level is not a mapping of keys."),
    _code("JM012", "complex-key", "load", "A mapping key is a list or mapping."),
    _code("JM013", "number-too-large", "load", "A number has too many digits."),
    _code("JM014", "no-input-files", "load", "A path matched no YAML files."),
    _code("JM015", "invalid-merge-key", "load", "A `<<` merge key whose value is not a mapping."),
    _code("JM016", "tag-value-mismatch", "load", "A value does not match its explicit tag, e.g. `!!int abc`."),
    # schema: the document does not follow format v1
    _code("JM100", "unknown-key", "schema", "A key that format v1 does not define."),
    _code("JM101", "missing-field", "schema", "A required field is absent."),
    _code("JM102", "wrong-type", "schema", "A value has the wrong type."),
    _code("JM103", "invalid-value", "schema", "A value is not one of the allowed choices."),
    _code("JM104", "out-of-range", "schema", "A number is outside its allowed range."),
    _code("JM105", "invalid-unit", "schema", "A percentage, duration or score is malformed."),
    _code("JM106", "unsupported-version", "schema", "The format version is not supported."),
    _code("JM107", "invalid-id", "schema", "An id has characters ids cannot have."),
    _code("JM108", "empty-collection", "schema", "A list or text that must not be empty is empty or blank."),
    _code("JM109", "invalid-survey-responses", "schema", "Raw survey responses do not fit the scale."),
    # semantic: the document is well-formed but does not hold together
    _code("JM200", "duplicate-id", "semantic", "Two items share an id."),
    _code("JM201", "unknown-persona", "semantic", "A reference to a persona that is not defined."),
    _code("JM202", "unknown-channel", "semantic", "A channel that is neither built in nor defined."),
    _code("JM203", "unknown-touchpoint", "semantic", "`next` points at a touchpoint that does not exist."),
    _code("JM204", "target-without-metric", "semantic", "A target for a metric that is not measured."),
    _code("JM205", "persona-without-touchpoints", "semantic", "A persona takes part in no touchpoint."),
    _code("JM206", "persona-shares-exceed-total", "semantic", "Persona shares add up to more than 100%."),
    _code("JM207", "metric-out-of-scale", "semantic", "A metric value lies outside its scale."),
    _code("JM208", "emotion-for-absent-persona", "semantic", "An emotion for a persona not at the touchpoint."),
    _code("JM209", "channel-redefined", "semantic", "A custom channel reuses a built-in channel id."),
    _code("JM210", "transition-shares-exceed-total", "semantic", "Paths out of a touchpoint exceed 100%."),
    _code("JM211", "persona-library-missing", "semantic", "A persona named by id with no usable persona library."),
    _code("JM212", "bare-one-percent", "semantic", "A percentage written as a bare 1 reads as 100%.", WARN),
    _code("JM213", "csat-looks-like-a-mean", "semantic", "A CSAT between 1 and 5 without % looks like a mean.", WARN),
    _code("JM214", "full-target-on-failure-rate", "semantic", "A 100% target on a lower-is-better rate.", WARN),
    _code("JM215", "list-item-split-at-comma", "semantic", "A comma in a flow list split one item in two.", WARN),
    # audit 30x coverage: the map leaves out stages or touchpoints customers need
    _audit("JM300", "stage-without-touchpoints", "A stage lists no touchpoints.", WARN),
    _audit("JM301", "canonical-stage-missing", "A canonical buying stage is absent from the journey.", INFO),
    _audit("JM302", "no-proactive-contact-after-purchase", "Nothing after the purchase reaches out first.", WARN),
    _audit("JM303", "no-satisfaction-measure-after-purchase", "No CSAT, NPS or CES is measured after purchase.", WARN),
    _audit("JM304", "no-self-service-in-support", "Service and support offers no self-service option.", WARN),
    _audit("JM305", "preferred-channel-unused", "A persona's preferred channel is never offered to them.", INFO),
    _audit("JM306", "no-human-in-support", "Service and support offers no human channel.", WARN),
    # audit 31x measurement and accountability: what is not measured or owned cannot be managed
    _audit("JM310", "moment-of-truth-without-metric", "A moment of truth measures nothing.", WARN),
    _audit("JM311", "touchpoint-without-owner", "No team is accountable for a touchpoint.", WARN),
    _audit("JM312", "support-without-time-target", "A live request channel promises no waiting time.", WARN),
    _audit("JM313", "key-metric-without-target", "A key outcome metric is measured without a target.", INFO),
    _audit("JM314", "human-touchpoint-without-knowledge-base", "People answer customers with no knowledge base.", INFO),
    # audit 32x performance against targets and norms
    _audit("JM320", "metric-misses-target", "A measured metric misses its own target.", WARN),
    _audit("JM321", "low-first-contact-resolution", "FCR is below the norm and has no target of its own.", WARN),
    _audit("JM322", "low-satisfaction", "CSAT or NPS is below the norm and has no target of its own.", WARN),
    _audit("JM323", "high-customer-effort", "CES says the step is hard and it has no target of its own.", WARN),
    _audit("JM324", "slow-response", "Waiting or response time exceeds the norm, with no target.", WARN),
    _audit("JM325", "high-abandonment", "Abandonment is above its channel's norm and has no target of its own.", WARN),
    _audit("JM326", "delay-without-proactive-notice", "A late step has no proactive notice before it.", WARN),
    # audit 33x experience: emotions and pain along the way
    _audit("JM330", "emotion-drop", "Emotion falls sharply from one touchpoint to the next.", WARN),
    _audit("JM331", "negative-moment-without-opportunity", "A negative moment of truth has no opportunity.", WARN),
    _audit("JM332", "churn-risk-path", "A persona's path has three or more bad experiences.", WARN),
    _audit("JM333", "journey-ends-negative", "A path ends on a negative emotion.", WARN),
    _audit("JM334", "pain-point-without-opportunity", "Pain points are listed with no opportunity.", INFO),
    _audit("JM335", "emotion-contradicts-metrics", "An emotion disagrees with the metrics at its touchpoint.", WARN),
    # audit 34x omnichannel: switching channels and teams
    _audit("JM340", "context-lost-on-switch", "A transition makes the customer start over.", WARN),
    _audit("JM341", "too-many-handoffs", "A stage passes the customer between teams too often.", WARN),
    _audit("JM342", "industry-channel-missing", "No touchpoint uses the channel the industry relies on.", INFO),
    _audit("JM343", "written-support-without-reply-target", "A written request channel promises no reply time.", WARN),
    # audit 35x flow: paths through the journey
    _audit("JM350", "unreachable-touchpoint", "Nothing leads to a touchpoint from where customers come in.", ERR),
    _audit("JM351", "dead-end-touchpoint", "A path stops before the last stage.", WARN),
    _audit("JM352", "cycle-without-exit", "Customers who enter a loop can never leave it.", ERR),
    # audit 39x: the audit's own configuration and suppressions
    _audit("JM390", "invalid-audit-config", "An audit setting names an unknown rule, option or level.", ERR),
    _audit("JM391", "suppression-without-reason", "An inline suppression gives no reason.", ERR),
    _audit("JM392", "unused-suppression", "An inline suppression matches no finding.", WARN),
    # measure 6xx: metrics computed from survey and ticket exports (journeymap measure, docs/measure.md)
    _code("JM600", "source-files-not-found", "measure", "A source's files or globs match no file."),
    _code("JM601", "source-unreadable", "measure", "A data file cannot be read as CSV, Parquet or JSON."),
    _code("JM602", "unknown-source", "measure", "A measure names a source that is not defined."),
    _code("JM603", "column-not-found", "measure", "A column named in the definitions is not in the data."),
    _code("JM604", "column-wrong-type", "measure", "A column holds values of the wrong type."),
    _code("JM605", "values-outside-scale", "measure", "Answers or values lie outside the declared scale."),
    _code("JM606", "no-matching-rows", "measure", "A measure's touchpoint, filter and period match no rows."),
    _code("JM607", "unparseable-dates", "measure", "Dates that do not parse as dates."),
    _code("JM608", "rows-without-date", "measure", "Rows without a date are left out of a window.", WARN),
    _code("JM609", "small-sample", "measure", "A value rests on fewer answers than `min_sample`.", INFO),
    _code("JM610", "measure-does-not-fit-metric", "measure", "A measure computes another kind of value."),
    _code("JM611", "values-left-out", "measure", "Answers off the scale were left out (`invalid: skip`).", WARN),
    # render 7xx: what a picture cannot show, or what Graphviz changed in it (journeymap render, docs/render.md)
    _code("JM700", "flow-too-large", "render", "A flow with more touchpoints than can be laid out; not drawn."),
    _code("JM701", "image-too-large", "render", "A PNG that would be illegible even at the lowest dpi; not drawn."),
    _code("JM702", "image-scaled-down", "render", "A PNG drawn below 96 dpi so that it fits.", WARN),
    _code("JM703", "graphviz-warning", "render", "Graphviz warned while drawing; the picture may differ.", WARN),
]

CODES: dict[str, Code] = {code.code: code for code in _ALL}
BY_NAME: dict[str, Code] = {code.name: code for code in _ALL}


def doc_url(code: str) -> str:
    """Where a code is explained in the docs."""
    entry = CODES[code]
    if entry.stage == "audit":
        return f"{DOCS_BASE}/audit-rules/#{code.lower()}-{entry.name}"
    if entry.stage == "measure":
        return f"{DOCS_BASE}/measure/#{code.lower()}"
    if entry.stage == "render":
        return f"{DOCS_BASE}/render/#{code.lower()}"
    return f"{DOCS_BASE}/diagnostics/#{code.lower()}"
