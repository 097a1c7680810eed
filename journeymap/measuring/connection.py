"""Sources behind a connection URL: which URLs are accepted, and where their credentials come from.

Why checked here, without Ibis: a definitions file is committed and reviewed,
so a password written into it is a leak whatever the run does next; the check
is part of validating the file (JM620-JM623, JM627) and needs no driver.
Credentials come from the environment at run time: ``${NAME}`` anywhere in
the URL is replaced by that variable (JM624 when it is not set), and never
shown (messages and snapshots carry the URL as written).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, urlsplit

from journeymap.diagnostics import Diagnostic, Severity, Span
from journeymap.loader import SourceMap
from journeymap.measuring.spec import Source
from journeymap.translation import Joined, Msg, Verbatim

#: The URL schemes ``ibis.connect`` opens (each an Ibis backend); the docs describe the first five.
SCHEMES = (
    "pyspark",
    "duckdb",
    "bigquery",
    "snowflake",
    "trino",
    "athena",
    "clickhouse",
    "databricks",
    "datafusion",
    "druid",
    "exasol",
    "impala",
    "mssql",
    "mysql",
    "oracle",
    "polars",
    "postgres",
    "postgresql",
    "risingwave",
    "sqlite",
)
#: Query parameters that hold a secret: their value must come from ``${NAME}``.
SECRET_PARAMETERS = frozenset(
    {
        "password",
        "passwd",
        "pwd",
        "token",
        "access_token",
        "secret",
        "private_key",
        "private_key_passphrase",
        "authenticator_token",
        "api_key",
        "apikey",
        "credentials",
        "credentials_info",
    }
)
_VARIABLE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
#: Keys that only mean something for export files.
FILE_KEYS = ("format", "delimiter")


@dataclass(frozen=True)
class Resolved:
    """A connection URL with its variables filled in, and the values to hide from any message."""

    url: str
    secrets: tuple[str, ...]

    def scrub(self, text: str) -> str:
        """``text`` (an error from a driver) with every filled-in value replaced by ***."""
        for secret in sorted(self.secrets, key=len, reverse=True):
            text = text.replace(secret, "***") if len(secret) >= 3 else text
        return text


class MissingVariable(Exception):
    """A ``${NAME}`` in a connection URL names an environment variable that is not set."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def scheme(url: str) -> str:
    """The backend a URL names (``pyspark://`` -> pyspark), lower case; empty without one."""
    match = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*)://", url.strip())
    return match.group(1).lower() if match else ""


def source_checks(name: str, source: Source, source_map: SourceMap) -> Iterator[Diagnostic]:
    """A source gives files or a connection with a table, never both, and no secret in the URL."""
    at = ("sources", name)
    if bool(source.files) == (source.connection is not None):
        message = (
            Msg("source '%(name)s' gives both `files` and `connection`", name=Verbatim(name))
            if source.files
            else Msg("source '%(name)s' gives neither `files` nor `connection`", name=Verbatim(name))
        )
        hint = Msg("read export files with `files:`, or a table with `connection:` and `table:`")
        yield Diagnostic("JM620", Severity.ERROR, message, source_map.value(at), hint)
        return
    if source.connection is None:
        if source.table is not None:
            message = Msg(
                "source '%(name)s' names a `table` but no `connection` to read it through", name=Verbatim(name)
            )
            hint = Msg("add `connection: URL` (e.g. pyspark://), or remove `table`")
            yield Diagnostic("JM621", Severity.ERROR, message, source_map.key((*at, "table")), hint)
        return
    if source.table is None:
        message = Msg("source '%(name)s' has a `connection` but no `table` to read", name=Verbatim(name))
        hint = Msg("add `table: NAME` (a table or view)")
        yield Diagnostic("JM621", Severity.ERROR, message, source_map.value(at), hint)
    yield from _url_checks(name, source.connection, source_map.value((*at, "connection")))
    for key in FILE_KEYS:
        if getattr(source, key) is not None:
            message = Msg(
                "`%(key)s` of source '%(name)s' applies to export files, not to a table behind a connection",
                key=Verbatim(key),
                name=Verbatim(name),
            )
            hint = Msg("remove `%(key)s`", key=Verbatim(key))
            yield Diagnostic("JM627", Severity.ERROR, message, source_map.key((*at, key)), hint)


def _url_checks(name: str, url: str, span: Span) -> Iterator[Diagnostic]:
    found = scheme(url)
    if found not in SCHEMES:
        from journeymap.validation.suggest import did_you_mean  # on the error path only: it loads the model

        message = (
            Msg(
                "connection of source '%(name)s': '%(scheme)s://' is not a backend journeymap can reach",
                name=Verbatim(name),
                scheme=Verbatim(found),
            )
            if found
            else Msg("connection of source '%(name)s': it does not start with BACKEND://", name=Verbatim(name))
        )
        close = did_you_mean(found, SCHEMES, listing=False) if found else None
        hint = (
            Msg("%(close)s e.g. pyspark://, duckdb:///path.db, bigquery://PROJECT/DATASET", close=close)
            if close
            else Msg("e.g. pyspark://, duckdb:///path.db, bigquery://PROJECT/DATASET")
        )
        yield Diagnostic("JM622", Severity.ERROR, message, span, hint)
        return
    parts = urlsplit(url.strip())
    written: list[str] = []
    if _literal(_password(parts.netloc)):
        written.append(Msg("the password in '%(where)s'", where=Verbatim(_masked(parts.netloc))))
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    written += [Verbatim(f"`{k}`") for k, v in pairs if _secret(k) and _literal(v)]
    if written:
        message = Msg(
            "connection of source '%(name)s' writes a secret into the file: %(secrets)s",
            name=Verbatim(name),
            secrets=Joined(", ", written),
        )
        hint = Msg("take it from the environment: ${NAME} in the URL is replaced by the variable NAME when measuring")
        yield Diagnostic("JM623", Severity.ERROR, message, span, hint)


def _password(netloc: str) -> str | None:
    userinfo = netloc.rpartition("@")[0] if "@" in netloc else ""
    return userinfo.partition(":")[2] if ":" in userinfo else None


def _masked(netloc: str) -> str:
    user, _, host = netloc.rpartition("@")
    return f"{user.partition(':')[0]}:***@{host}"


def _secret(key: str) -> bool:
    return key.lower() in SECRET_PARAMETERS


def _literal(value: str | None) -> bool:
    """A value written out, not taken from the environment (blank counts as none)."""
    return bool(value) and not _VARIABLE.fullmatch(value or "")


def resolve(url: str, environ: dict[str, str] | None = None) -> Resolved:
    """The URL with each ``${NAME}`` replaced by the variable (percent-encoded outside the path).

    Why encode: a password holding ``@`` or ``/`` would otherwise change what the URL means.
    """
    environ = dict(os.environ) if environ is None else environ
    secrets: list[str] = []

    def fill(text: str, encode: bool) -> str:
        def one(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in environ:
                raise MissingVariable(name)
            secrets.append(environ[name])
            return quote(environ[name], safe="") if encode else environ[name]

        return _VARIABLE.sub(one, text)

    text = url.strip()
    head, separator, rest = text.partition("://")
    netloc, slash, tail = rest.partition("/")
    if not slash:
        netloc, question, query = netloc.partition("?")
        filled = fill(netloc, True) + question + fill(query, True)
        return Resolved(head + separator + filled, tuple(secrets))
    path, question, query = tail.partition("?")
    filled = fill(netloc, True) + slash + fill(path, False) + question + fill(query, True)
    return Resolved(head + separator + filled, tuple(secrets))


def table_path(name: str) -> tuple[str, tuple[str, ...]]:
    """``analytics.surveys`` -> ("surveys", ("analytics",)): a table and the database or catalog it is in."""
    parts = name.split(".")
    return parts[-1], tuple(parts[:-1])
