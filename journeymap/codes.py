"""The one table of stable diagnostic codes.

A code is ``JM`` plus three digits, grouped by pipeline stage: 0xx load,
1xx schema, 2xx semantic, 3xx and up for audit families, 6xx measure,
7xx render. Codes are never reused or renumbered; each also has a
kebab-case name that names the problem.
"""

from __future__ import annotations

from dataclasses import dataclass

from journeymap.diagnostics import Severity
from journeymap.project import docs_url


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
    _code("JM216", "no-canonical-stage", "semantic", "No stage is a canonical stage: stage rules check nothing.", WARN),
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
    _audit("JM327", "target-inconclusive", "A measured metric's interval straddles its target.", INFO),
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
    _code("JM612", "measured-touchpoint-unknown", "measure", "A measured touchpoint is not in the journey.", WARN),
    _code("JM613", "snapshot-of-another-journey", "measure", "The snapshot was measured for another journey.", WARN),
    _code("JM614", "snapshot-stale", "measure", "A measure's definition changed since the snapshot was written.", WARN),
    _code("JM615", "snapshot-unreadable", "measure", "The snapshot is not a journeymap snapshot.", WARN),
    _code("JM616", "typed-value-replaced", "measure", "A measured value replaces a typed one.", INFO),
    _code("JM617", "measured-value-withheld", "measure", "The snapshot withheld a value (data problems).", WARN),
    _code("JM618", "snapshot-definitions-missing", "measure", "The snapshot's definitions cannot be checked.", INFO),
    _code("JM619", "measured-small-sample", "measure", "A measured value rests on a small sample.", INFO),
    # measure 62x: sources read through a connection URL with Ibis (docs/measure.md#on-spark-or-a-warehouse)
    _code("JM620", "files-or-connection", "measure", "A source gives both `files` and `connection`, or neither."),
    _code("JM621", "connection-without-table", "measure", "A connection without a `table`, or a table without one."),
    _code("JM622", "unknown-connection", "measure", "A connection URL names no backend that can be opened."),
    _code("JM623", "secret-in-definitions", "measure", "A password, token or key is written into a connection URL."),
    _code("JM624", "variable-not-set", "measure", "A `${NAME}` in a connection URL is not set in the environment."),
    _code("JM625", "backend-not-installed", "measure", "Ibis or the backend's driver is not installed."),
    _code("JM626", "connection-failed", "measure", "The connection cannot be opened or its table is not there."),
    _code("JM627", "file-key-on-connection", "measure", "`format` or `delimiter` on a source behind a connection."),
    _code("JM628", "approximate-quantile", "measure", "A median or p90 is approximate on this backend.", INFO),
    _code("JM629", "backend-query-failed", "measure", "The backend could not run a source's aggregate query."),
    _code(
        "JM630",
        "target-in-definitions",
        "measure",
        "A target beside a measure is not used: targets are the journey's.",
        WARN,
    ),
    # import 7xx: Mermaid journeys and touchpoint tables read into a journey (docs/import-export.md)
    _code("JM700", "not-a-mermaid-journey", "import", "The file holds no Mermaid journey statement."),
    _code("JM701", "mermaid-front-matter", "import", "Front matter was read for its title; the rest is ignored.", WARN),
    _code("JM702", "mermaid-header-missing", "import", "The diagram does not start with `journey`.", WARN),
    _code("JM703", "mermaid-score-out-of-range", "import", "A task score outside 1-5 was clamped to the scale.", WARN),
    _code("JM704", "mermaid-score-not-a-number", "import", "A task score is not a number: no emotion.", WARN),
    _code("JM705", "mermaid-task-without-actors", "import", "A task names no actors: it is for every persona.", WARN),
    _code("JM706", "mermaid-no-tasks", "import", "The diagram has no tasks: a placeholder touchpoint.", WARN),
    _code("JM707", "mermaid-task-outside-section", "import", "Tasks before the first section.", WARN),
    _code("JM708", "mermaid-no-title", "import", "No title: taken from accTitle or the file name.", WARN),
    _code("JM709", "mermaid-text-ignored", "import", "Text Mermaid ignores or rejects was left out.", WARN),
    _code("JM710", "mermaid-markup-in-label", "import", "An HTML line break in a label became a space.", WARN),
    _code("JM711", "mermaid-no-channel", "import", "Mermaid has no channels: one placeholder channel.", WARN),
    _code("JM712", "mermaid-duplicate-name", "import", "A repeated task or section name got a numbered id.", WARN),
    _code("JM713", "table-unreadable", "import", "The table file cannot be read as CSV or XLSX."),
    _code("JM714", "table-empty", "import", "The table has no header or no touchpoint rows."),
    _code("JM715", "table-missing-column", "import", "A required column is missing."),
    _code("JM716", "table-bad-cell", "import", "A cell's value does not fit its column."),
    _code("JM717", "table-unknown-column", "import", "A column journeymap does not know was ignored.", WARN),
    _code("JM718", "table-duplicate-column", "import", "Two columns mean the same field."),
    _code("JM719", "imported-journey-invalid", "import", "The journey built from the input does not validate."),
    _code(
        "JM720", "table-formula-without-value", "import", "A formula cell has no computed value: read as blank.", WARN
    ),
    # render 73x: what an output cannot show as asked (journeymap render, docs/render.md)
    _code(
        "JM730",
        "mermaid-left-to-right",
        "render",
        "A right-to-left journey drawn as Mermaid reads left to right.",
        WARN,
    ),
    _code("JM731", "flow-too-large", "render", "A flow with more touchpoints than can be laid out; not drawn."),
    _code("JM732", "image-too-large", "render", "A PNG that would be illegible even at the lowest dpi; not drawn."),
    _code("JM733", "image-scaled-down", "render", "A PNG drawn below 96 dpi so that it fits.", WARN),
    _code("JM734", "graphviz-warning", "render", "Graphviz warned while drawing; the picture may differ.", WARN),
    # compare
    _code(
        "JM740", "rename-from-unknown", "compare", "A `was:` names no touchpoint (or stage) of the earlier state.", WARN
    ),
]

CODES: dict[str, Code] = {code.code: code for code in _ALL}
BY_NAME: dict[str, Code] = {code.name: code for code in _ALL}


def doc_url(code: str) -> str:
    """Where a code is explained: its heading (audit rules) or anchor in the docs at the release's tag."""
    entry = CODES[code]
    if entry.stage == "audit":
        return docs_url("audit-rules.md", f"{code.lower()}-{entry.name}")
    if entry.stage == "measure":
        return docs_url("measure.md", code.lower())
    if entry.stage == "import":
        return docs_url("import-export.md", code.lower())
    if entry.stage == "render":
        return docs_url("render.md", code.lower())
    if entry.stage == "compare":
        return docs_url("compare.md", code.lower())
    return docs_url("diagnostics.md", code.lower())
