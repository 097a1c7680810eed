"""Issue #17 through ``journeymap measure`` on the bundled telecom exports with planted bad rows: every
independent problem of a source in one run, where the bad rows are, and counts that agree with their verb.

Row numbers count data rows from 1 after the header (line n + 1 of these CSV files, which have no quoted line
breaks); the tests plant the bad values at rows they choose, so the expected numbers are known without
journeymap, and every count is checked against DuckDB run by hand on the same files.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from journeymap.measuring import duckdb_engine
from tests.conftest import EXAMPLES, run_cli

SURVEYS, TICKETS = "telecom-surveys.csv", "telecom-tickets.csv"


def copy_example(folder: Path, definitions: str | None = None) -> Path:
    """The telecom journey and its exports in ``folder``; the definitions as bundled, or ``definitions``."""
    data = folder / "data"
    data.mkdir()
    shutil.copy(EXAMPLES / "telecom-support.yaml", folder)
    for export in (SURVEYS, TICKETS):
        shutil.copy(EXAMPLES / "data" / export, data)
    path = data / "telecom-support.measures.yaml"
    path.write_text(definitions or (EXAMPLES / "data" / path.name).read_text(encoding="utf-8"), encoding="utf-8")
    return path


def plant(path: Path, column: str, value: str, rows: list[int]) -> None:
    """Write ``value`` into ``column`` of the given data rows (row 1 is the line after the header)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    at = lines[0].split(",").index(column)
    for row in rows:
        cells = lines[row].split(",")
        cells[at] = value
        lines[row] = ",".join(cells)
    path.write_text("\n".join(lines), encoding="utf-8")


def rows_of(path: Path, condition: str) -> list[int]:
    """Data row numbers where ``condition`` holds (a DuckDB expression over the file read as text)."""
    query = f"SELECT row_number() OVER () AS n, * FROM read_csv('{path}', all_varchar = true)"
    return [row[0] for row in duckdb.sql(f"SELECT n FROM ({query}) WHERE {condition} ORDER BY n").fetchall()]


def count(path: Path, condition: str) -> int:
    """The rows where ``condition`` holds, counted by DuckDB on the file read as text."""
    found = duckdb.sql(f"SELECT count(*) FROM read_csv('{path}', all_varchar = true) WHERE {condition}").fetchall()
    return int(found[0][0])


def diagnostics(stderr: str, code: str) -> list[str]:
    return [line.split(f"[{code}] ", 1)[1] for line in stderr.splitlines() if f"[{code}] " in line]


def test_every_problem_of_the_exports_in_one_run(tmp_path: Path) -> None:
    """Dates that do not parse used to withhold the dated measures before their answers were checked: answers
    off the scale, text in a number column, negative waits and flags that are not flags appeared only once
    the dates were fixed. Now one run says them all, with their rows, and still withholds every value."""
    path = copy_example(tmp_path)
    surveys, tickets = path.parent / SURVEYS, path.parent / TICKETS
    chat = rows_of(surveys, "touchpoint = 'live-chat-agent' AND nps IS NOT NULL")
    phone = rows_of(surveys, "touchpoint = 'phone-agent-tier1' AND csat IS NOT NULL")
    plant(surveys, "answered_at", "31/12/2024", [17, 2402])
    plant(surveys, "nps", "11", chat[3:6])
    plant(surveys, "csat", "n/a", phone[:1])
    waits = rows_of(tickets, "touchpoint = 'live-chat-agent'")
    plant(tickets, "wait_seconds", "-40", waits[-2:])
    plant(tickets, "first_contact_resolved", "maybe", waits[:7])
    before = {p: p.read_bytes() for p in (surveys, tickets)}

    done = run_cli("measure", path, "-o", tmp_path / "out.json")

    assert done.code == 1, done.stderr
    assert diagnostics(done.stderr, "JM607") == [
        "2 rows of source 'surveys' have a date in column 'answered_at' that does not parse (e.g. '31/12/2024'): "
        "telecom-surveys.csv rows 17, 2402"
    ]
    chat_rows = count(surveys, "touchpoint = 'live-chat-agent'")
    assert (
        f"3 answers in column 'nps' of source 'surveys' for live-chat-agent.nps are not whole numbers from 0 to 10 "
        f"(lowest 11, highest 11), of {chat_rows} rows: telecom-surveys.csv rows {', '.join(map(str, chat[3:6]))}; "
        "the value is not computed"
    ) in diagnostics(done.stderr, "JM605")
    phone_rows = count(surveys, "touchpoint = 'phone-agent-tier1'")
    assert (
        diagnostics(done.stderr, "JM604")
        == [  # in the order of the definitions
            "7 values of column 'first_contact_resolved' of source 'tickets' in live-chat-agent.fcr are not "
            f"true/false (e.g. 'maybe'), of {len(waits)} rows: telecom-tickets.csv rows "
            f"{', '.join(map(str, waits[:5]))} and 2 more; the value is not computed",
            "1 value of column 'csat' of source 'surveys' in phone-agent-tier1.csat is not a number (e.g. 'n/a'), "
            f"of {phone_rows} rows: telecom-surveys.csv row {phone[0]}; the value is not computed",
        ]
    )
    assert (
        "2 durations from column 'wait_seconds' of source 'tickets' in live-chat-agent.waiting_time are negative "
        f"(lowest -40), of {len(waits)} rows: telecom-tickets.csv rows {waits[-2]}, {waits[-1]}"
    ) in " ".join(diagnostics(done.stderr, "JM605"))

    snapshot = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    chat_nps = snapshot["measures"]["live-chat-agent"]["nps"]
    assert (chat_nps["status"], chat_nps["problems"]) == ("withheld", ["JM605", "JM607"])
    assert snapshot["measures"]["support-chatbot"]["ces"]["problems"] == ["JM607"]  # clean answers, dates withheld
    assert snapshot["measures"]["technician-visit"]["resolution_time"]["status"] == "measured"
    assert {p: p.read_bytes() for p in (surveys, tickets)} == before  # the exports are only read


def test_a_misspelt_date_column_and_answers_off_the_scale_in_one_run(tmp_path: Path) -> None:
    """Without a date no measure can be placed in its quarter, but its answers are still checked (over all its
    touchpoint's rows) and a missing answers column is still named."""
    definitions = (EXAMPLES / "data" / "telecom-support.measures.yaml").read_text(encoding="utf-8")
    definitions = definitions.replace("date: answered_at", "date: answerd_at").replace(
        "answers: ces,", "answers: effort,"
    )
    path = copy_example(tmp_path, definitions)
    surveys = path.parent / SURVEYS
    chat = rows_of(surveys, "touchpoint = 'live-chat-agent' AND csat IS NOT NULL")
    plant(surveys, "csat", "6", chat[:2])

    done = run_cli("measure", path, "-o", tmp_path / "out.json")

    assert done.code == 1
    missing = diagnostics(done.stderr, "JM603")
    assert missing[0].startswith("column 'answerd_at' (date) is not in source 'surveys'")
    assert missing[1].startswith("column 'effort' (support-chatbot.ces answers) is not in source 'surveys'")
    chat_rows = count(surveys, "touchpoint = 'live-chat-agent'")
    assert diagnostics(done.stderr, "JM605") == [
        "2 answers in column 'csat' of source 'surveys' for live-chat-agent.csat are not whole numbers from 1 to 5 "
        f"(lowest 6, highest 6), of {chat_rows} rows: "
        f"telecom-surveys.csv rows {chat[0]}, {chat[1]}; the value is not computed"
    ]
    measures = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["measures"]
    assert measures["live-chat-agent"]["csat"]["problems"] == ["JM603", "JM605"]
    assert measures["live-chat-agent"]["nps"]["problems"] == ["JM603"]  # clean, but no quarter can be told
    assert measures["live-chat-agent"]["fcr"]["status"] == "measured"  # the tickets' dates are fine


def test_a_filter_that_cannot_be_read_an_empty_one_and_bad_answers_in_one_run(tmp_path: Path) -> None:
    definitions = """\
version: 1
journey: ../telecom-support.yaml
sources:
  surveys: {files: telecom-surveys.csv, date: answered_at, touchpoint: touchpoint, persona: segment}
measures:
  live-chat-agent:
    csat: {source: surveys, answers: csat, where: {respondent_id: {between: [one, 900]}}}
    nps: {source: surveys, answers: nps, where: {channel: fax}}
  phone-agent-tier1:
    csat: {source: surveys, answers: csat, where: {chanel: phone}}
"""
    path = copy_example(tmp_path, definitions)
    surveys = path.parent / SURVEYS
    chat = rows_of(surveys, "touchpoint = 'live-chat-agent' AND csat IS NOT NULL")
    phone = rows_of(surveys, "touchpoint = 'phone-agent-tier1' AND csat IS NOT NULL")
    plant(surveys, "csat", "9", [chat[0], phone[0]])

    done = run_cli("measure", path, "-o", tmp_path / "out.json")

    assert done.code == 1
    assert "compares it with 'one', which is not a number" in diagnostics(done.stderr, "JM604")[0]
    assert "column 'chanel' (phone-agent-tier1.csat where) is not in source 'surveys'" in done.stderr
    chat_rows = count(surveys, "touchpoint = 'live-chat-agent'")
    assert diagnostics(done.stderr, "JM606") == [
        "no rows of source 'surveys' match live-chat-agent.nps: the `where` filter on 'channel' leaves none of its "
        f"{chat_rows} rows"
    ]
    located = [d.split("rows: ")[1] for d in diagnostics(done.stderr, "JM605")]
    assert located == [f"telecom-surveys.csv row {chat[0]}; the value is not computed"] + [
        f"telecom-surveys.csv row {phone[0]}; the value is not computed"
    ]
    measures = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["measures"]
    assert [m["status"] for t in measures.values() for m in t.values()] == ["withheld"] * 3


@pytest.mark.parametrize("file_format", ["csv", "parquet", "json"])
def test_rows_in_several_files_are_numbered_per_file(tmp_path: Path, file_format: str) -> None:
    """A glob of monthly exports: each file's rows from 1, files in the order read, then how many more (CSV and
    JSON rows are numbered through the files, Parquet's per file)."""
    rows = ["id,answered_at,touchpoint,nps"]
    rows += [f"{i},2024-01-{1 + i % 28:02d},checkout,{11 if i in (3, 8) else 7}" for i in range(1, 11)]
    (tmp_path / "a.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    rows = ["id,answered_at,touchpoint,nps"]
    rows += [f"{i},2024-02-{i:02d},checkout,{-1 if i in (1, 2, 4, 5, 9) else 8}" for i in range(1, 11)]
    (tmp_path / "b.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    if file_format != "csv":
        for name in ("a", "b"):
            duckdb.sql(f"COPY (FROM read_csv('{tmp_path / name}.csv')) TO '{tmp_path / name}.{file_format}'")
            (tmp_path / f"{name}.csv").unlink()
    definitions = tmp_path / "j.measures.yaml"
    definitions.write_text(
        f"version: 1\nsources:\n  surveys: {{files: '*.{file_format}', date: answered_at, touchpoint: touchpoint}}\n"
        "measures:\n  checkout:\n    nps: {source: surveys, answers: nps, invalid: skip}\n",
        encoding="utf-8",
    )
    done = run_cli("measure", definitions, "-o", tmp_path / "out.json")
    assert done.code == 0, done.stderr
    assert diagnostics(done.stderr, "JM611") == [
        "7 answers in column 'nps' of source 'surveys' for checkout.nps are not whole numbers from 0 to 10 "
        f"(lowest -1, highest 11), of 20 rows: a.{file_format} rows 3, 8; b.{file_format} rows 1, 2, 4 and 2 more; "
        "they are left out (`invalid: skip`)"
    ]


def test_csv_rows_are_data_rows_whatever_the_threads_and_line_breaks_in_quotes(tmp_path: Path) -> None:
    """A quoted comment spanning lines is one row; DuckDB reads the 200,000 rows on several threads and
    the numbers still name the rows the test planted."""
    planted = {7, 64_123, 150_001, 199_998}
    lines = ["id,answered_at,touchpoint,comment,csat"]
    lines.append('1,2024-01-01,checkout,"first line\nsecond line",4')
    lines += [f"{i},2024-01-01,checkout,ok,{0 if i in planted else 4}" for i in range(2, 200_001)]
    (tmp_path / "s.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    definitions = tmp_path / "j.measures.yaml"
    definitions.write_text(
        "version: 1\nsources:\n  s: {files: s.csv, touchpoint: touchpoint}\n"
        "measures:\n  checkout:\n    csat: {source: s, answers: csat}\n",
        encoding="utf-8",
    )
    done = run_cli("measure", definitions, "--threads", "2", "-o", tmp_path / "out.json")
    assert diagnostics(done.stderr, "JM605") == [
        "4 answers in column 'csat' of source 's' for checkout.csat are not whole numbers from 1 to 5 "
        "(lowest 0, highest 0), of 200,000 rows: s.csv rows 7, 64123, 150001, 199998; the value is not computed"
    ]


ONE_OR_TWO = """\
id,answered_at,touchpoint,nps,csat
1,2024-01-05,checkout,NPS1,5
2,DATE2,checkout,NPS2,4
3,2024-01-07,checkout,7,
4,2024-01-08,delivery,8,
"""


@pytest.mark.parametrize(("bad", "words"), [(1, ("1 answer", "is not a whole number")), (2, ("2 answers", "are"))])
def test_a_count_agrees_with_its_noun_and_verb(tmp_path: Path, bad: int, words: tuple[str, str]) -> None:
    """ "1 rows ... are" was the old English: the count is the sentence's subject, so both agree."""
    surveys = ONE_OR_TWO.replace("NPS1", "12").replace("NPS2", "13" if bad == 2 else "9")
    surveys = surveys.replace("DATE2", "soon" if bad == 2 else "")
    (tmp_path / "s.csv").write_text(surveys, encoding="utf-8")
    definitions = tmp_path / "j.measures.yaml"
    definitions.write_text(
        "version: 1\nsince: 2024-01-01\nsources:\n  s: {files: s.csv, date: answered_at, touchpoint: touchpoint}\n"
        "measures:\n  checkout:\n    nps: {source: s, answers: nps, invalid: skip, since: 2023-01-01}\n"
        "  delivery:\n    csat: {source: s, answers: csat}\n",
        encoding="utf-8",
    )
    done = run_cli("measure", definitions, "-o", tmp_path / "out.json")
    said = diagnostics(done.stderr, "JM611")[0]
    assert said.startswith(f"{words[0]} in column 'nps' of source 's' for checkout.nps {words[1]}")
    assert said.endswith("it is left out (`invalid: skip`)" if bad == 1 else "they are left out (`invalid: skip`)")
    assert diagnostics(done.stderr, "JM606") == [
        "1 row matches delivery.csat, but it has no value in column 'csat' of source 's'"
    ]
    if bad == 1:
        assert diagnostics(done.stderr, "JM608") == [
            "1 row of source 's' has no date in column 'answered_at'; it is left out of every measure limited by "
            "since, until or period: s.csv row 2"
        ]
    else:
        assert diagnostics(done.stderr, "JM607")[0].startswith("1 row of source 's' has a date in column")


@pytest.mark.parametrize(
    ("bad", "arabic"),
    [
        (1, "١ إجابة في العمود 'csat' من المصدر 's' لـ checkout.csat ليست عددًا صحيحًا"),
        (2, "إجابتان في العمود 'csat' من المصدر 's' لـ checkout.csat ليستا عددين صحيحين"),
        (3, "٣ إجابات في العمود 'csat' من المصدر 's' لـ checkout.csat ليست أعدادًا صحيحة"),
        (11, "١١ إجابة في العمود 'csat' من المصدر 's' لـ checkout.csat ليست أعدادًا صحيحة"),
        (100, "١٠٠ إجابة في العمود 'csat' من المصدر 's' لـ checkout.csat ليست أعدادًا صحيحة"),
    ],
)
def test_arabic_takes_the_form_of_each_count(tmp_path: Path, bad: int, arabic: str) -> None:
    lines = ["id,touchpoint,csat"] + [f"{i},checkout,{9 if i <= bad else 4}" for i in range(1, 111)]
    (tmp_path / "s.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    definitions = tmp_path / "j.measures.yaml"
    definitions.write_text(
        "version: 1\nsources:\n  s: {files: s.csv, touchpoint: touchpoint}\n"
        "measures:\n  checkout:\n    csat: {source: s, answers: csat}\n",
        encoding="utf-8",
    )
    said = run_cli("measure", "--lang", "ar", definitions, "-o", tmp_path / "out.json").stderr
    assert arabic in said
    assert "من أصل ١١٠ صفوف: s.csv " in said  # 110 ends in 10: the 3-10 form
    more = {1: "الصف ١؛", 2: "الصفّان ١، ٢؛", 3: "الصفوف ١، ٢، ٣؛"}.get(bad, "الصفوف ١، ٢، ٣، ٤، ٥ و")
    assert f"s.csv {more}" in said
    if bad == 11:
        assert "و٦ صفوف أخرى؛" in said
    if bad == 100:
        assert "و٩٥ صفًّا آخر؛" in said


def test_a_clean_run_never_looks_for_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Finding rows is a scan of its own: it runs only when a check failed, so a clean run costs nothing more."""
    path = copy_example(tmp_path)

    def refuse(*_: object) -> object:
        raise AssertionError("a clean source was read again to locate rows")

    monkeypatch.setattr(duckdb_engine.Engine, "locate", refuse)
    done = run_cli("measure", path, "-o", tmp_path / "out.json")
    assert done.code == 0, done.stderr


def test_a_table_behind_a_connection_is_counted_without_rows(tmp_path: Path) -> None:
    """A warehouse table has no row order to number: the diagnostic counts and gives an example, as before;
    the same rows as a file say where they are."""
    lines = ["id,touchpoint,csat"] + [f"{i},checkout,{9 if i in (2, 5) else 4}" for i in range(1, 21)]
    (tmp_path / "s.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with duckdb.connect(str(tmp_path / "cx.duckdb")) as connection:
        connection.execute(f"CREATE TABLE answers AS FROM read_csv('{tmp_path / 's.csv'}')")
    said = {}
    for name, source in (
        ("table", f"connection: 'duckdb:///{tmp_path}/cx.duckdb', table: answers"),
        ("file", "files: s.csv"),
    ):
        definitions = tmp_path / f"{name}.measures.yaml"
        definitions.write_text(
            f"version: 1\nsources:\n  s: {{{source}, touchpoint: touchpoint}}\n"
            "measures:\n  checkout:\n    csat: {source: s, answers: csat}\n",
            encoding="utf-8",
        )
        said[name] = diagnostics(run_cli("measure", definitions, "-o", tmp_path / f"{name}.json").stderr, "JM605")
    common = (
        "2 answers in column 'csat' of source 's' for checkout.csat are not whole numbers from 1 to 5 "
        "(lowest 9, highest 9), of 20 rows"
    )
    assert said == {
        "table": [f"{common}; the value is not computed"],
        "file": [f"{common}: s.csv rows 2, 5; the value is not computed"],
    }


def test_a_missing_persona_column_and_bad_answers_in_one_run(tmp_path: Path) -> None:
    """Without its persona column no value of the source is given, but its answers are checked all the same."""
    definitions = (EXAMPLES / "data" / "telecom-support.measures.yaml").read_text(encoding="utf-8")
    path = copy_example(
        tmp_path,
        definitions.replace("touchpoint, persona: segment}\n  tickets", "touchpoint, persona: segmnt}\n  tickets"),
    )
    surveys = path.parent / SURVEYS
    phone = rows_of(surveys, "touchpoint = 'phone-agent-tier1' AND csat IS NOT NULL")
    plant(surveys, "csat", "0", phone[-1:])

    done = run_cli("measure", path, "-o", tmp_path / "out.json")

    assert done.code == 1
    assert diagnostics(done.stderr, "JM603")[0].startswith("column 'segmnt' (persona) is not in source 'surveys'")
    phone_rows = count(surveys, "touchpoint = 'phone-agent-tier1'")
    assert diagnostics(done.stderr, "JM605") == [
        "1 answer in column 'csat' of source 'surveys' for phone-agent-tier1.csat is not a whole number from 1 to 5 "
        f"(lowest 0, highest 0), of {phone_rows} rows: telecom-surveys.csv row {phone[-1]}; the value is not computed"
    ]
    measures = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["measures"]
    assert measures["phone-agent-tier1"]["csat"]["problems"] == ["JM603", "JM605"]
    assert measures["support-chatbot"]["ces"]["problems"] == ["JM603"]
    assert measures["phone-agent-tier1"]["fcr"]["status"] == "measured"  # the tickets name their segment
