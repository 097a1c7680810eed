"""Bad definitions and bad data give clear diagnostics at the right line, never a traceback or a wrong number."""

from __future__ import annotations

from pathlib import Path

from journeymap.diagnostics import Diagnostic
from journeymap.measuring import measure
from tests.measuring.helpers import HEAD, SURVEYS, TICKETS, codes, result, run

NPS = "measures:\n  checkout:\n    nps: {source: surveys, answers: nps}\n"


def only(measurement: object, code: str) -> Diagnostic:
    found = [d for d in measurement.diagnostics if d.code == code]  # type: ignore[attr-defined]
    assert len(found) == 1, measurement.diagnostics  # type: ignore[attr-defined]
    return found[0]


def test_missing_file_names_a_close_one(tmp_path: Path) -> None:
    run(tmp_path, NPS)
    (tmp_path / "journey.measures.yaml").write_text(
        HEAD.replace("files: surveys.csv", "files: survey.csv") + NPS, encoding="utf-8"
    )
    measurement = measure(str(tmp_path / "journey.measures.yaml"))
    problem = only(measurement, "JM600")
    assert "'survey.csv' does not exist" in problem.message
    assert problem.hint == "did you mean 'surveys.csv'?"
    assert problem.span.line == 3
    assert result(measurement, "checkout.nps").figure is None


def test_a_glob_that_matches_nothing(tmp_path: Path) -> None:
    (tmp_path / "journey.measures.yaml").write_text(
        HEAD.replace("files: surveys.csv", "files: exports/*.parquet") + NPS, encoding="utf-8"
    )
    assert "matches no file" in only(measure(str(tmp_path / "journey.measures.yaml")), "JM600").message


def test_missing_column_lists_the_columns_there_are(tmp_path: Path) -> None:
    measurement = run(tmp_path, "measures:\n  checkout:\n    nps: {source: surveys, answers: npss}\n")
    problem = only(measurement, "JM603")
    assert "column 'npss' (checkout.nps answers) is not in source 'surveys' (surveys.csv)" in problem.message
    assert problem.hint
    assert problem.hint.startswith("did you mean 'nps'? The columns are: id, answered_at, touchpoint")
    assert (problem.span.line, problem.span.column) == (7, 37)  # the column's name in the YAML
    assert not measurement.ok
    assert result(measurement, "checkout.nps").figure is None


def test_missing_filter_and_date_columns(tmp_path: Path) -> None:
    measurement = run(
        tmp_path,
        "period: month\nmeasures:\n  checkout:\n    nps: {source: surveys, answers: nps, where: {chanel: web}}\n",
    )
    assert codes(measurement) == ["JM603"]
    assert "did you mean 'channel'?" in (only(measurement, "JM603").hint or "")
    surveys = SURVEYS.replace("answered_at", "answered")
    assert "JM603" in codes(run(tmp_path, "period: month\n" + NPS, surveys=surveys))


def test_text_in_a_number_column_is_counted(tmp_path: Path) -> None:
    surveys = SURVEYS.replace(",10,5,7", ",ten,5,7").replace(",8,3,5", ",n/a,3,5")
    measurement = run(tmp_path, NPS, surveys=surveys)
    problem = only(measurement, "JM604")
    assert problem.message.startswith(
        "2 values of column 'nps' of source 'surveys' in checkout.nps are not numbers (e.g. 'n/a'), of 7 rows"
    )
    assert result(measurement, "checkout.nps").figure is None


def test_a_column_of_the_wrong_type(tmp_path: Path) -> None:
    measurement = run(tmp_path, "measures:\n  checkout:\n    nps: {source: surveys, answers: answered_at}\n")
    assert "holds DATE values, where the measure needs numbers" in only(measurement, "JM604").message


def test_a_filter_value_of_the_wrong_kind(tmp_path: Path) -> None:
    measurement = run(tmp_path, "measures:\n  checkout:\n    nps: {source: surveys, answers: nps, where: {id: web}}\n")
    assert "compares it with 'web', which is not a number" in only(measurement, "JM604").message


def test_answers_off_the_scale_are_counted_and_stop_the_value(tmp_path: Path) -> None:
    surveys = SURVEYS.replace(",10,5,7", ",11,5,7").replace(",3,1,2", ",-1,1,2")
    measurement = run(tmp_path, NPS, surveys=surveys)
    problem = only(measurement, "JM605")
    assert (
        "2 answers in column 'nps' of source 'surveys' for checkout.nps are not whole numbers from 0 to 10"
        in problem.message
    )
    assert "(lowest -1, highest 11), of 7 rows" in problem.message
    assert result(measurement, "checkout.nps").figure is None


def test_invalid_skip_leaves_them_out_with_a_warning(tmp_path: Path) -> None:
    surveys = SURVEYS.replace(",10,5,7", ",11,5,7")
    measurement = run(tmp_path, NPS.replace("answers: nps}", "answers: nps, invalid: skip}"), surveys=surveys)
    assert sorted(codes(measurement)) == ["JM609", "JM611"]
    nps = result(measurement, "checkout.nps")
    assert nps.figure
    assert (nps.figure.estimate.n, nps.left_out) == (5, 1)
    assert nps.figure.estimate.value == 0  # 9, 10 promoters; 6, 3 detractors; 8 passive
    assert measurement.ok


def test_answers_off_a_declared_scale(tmp_path: Path) -> None:
    measurement = run(tmp_path, "measures:\n  checkout:\n    ces: {source: surveys, answers: ces, scale: 1-5}\n")
    assert (
        "3 answers in column 'ces' of source 'surveys' for checkout.ces are not whole numbers from 1 to 5 "
        "(lowest 6, highest 7), of 7 rows" in only(measurement, "JM605").message
    )


def test_negative_durations_and_flags_that_are_not_flags(tmp_path: Path) -> None:
    tickets = TICKETS.replace("2024-01-02 09:30:00", "2024-01-01 09:30:00").replace(",true,30,false", ",2,30,false")
    measurement = run(
        tmp_path,
        "measures:\n  phone-support:\n    resolution_time: {source: tickets, mean: {from: opened_at, to: closed_at}}\n"
        "    fcr: {source: tickets, share_of: first_contact_resolved}\n",
        tickets=tickets,
    )
    messages = " ".join(d.message for d in measurement.diagnostics)
    assert (
        "1 duration from 'opened_at' to 'closed_at' of source 'tickets' in phone-support.resolution_time "
        "is negative (lowest -84600), of 7 rows: tickets.csv row 1"
    ) in messages
    assert (
        "1 value of column 'first_contact_resolved' of source 'tickets' in phone-support.fcr is not true/false "
        "(e.g. '2'), of 7 rows: tickets.csv row 1"
    ) in messages


def test_an_unknown_touchpoint_value_suggests_the_right_one(tmp_path: Path) -> None:
    measurement = run(tmp_path, "measures:\n  chekout:\n    nps: {source: surveys, answers: nps}\n")
    problem = only(measurement, "JM606")
    assert problem.message == "no rows of source 'surveys' match chekout.nps: no row has touchpoint = 'chekout'"
    assert problem.hint
    assert problem.hint.startswith("did you mean 'checkout'? values in column 'touchpoint'")


def test_an_empty_filter_or_window_is_an_error_not_a_zero(tmp_path: Path) -> None:
    measurement = run(
        tmp_path,
        "measures:\n  checkout:\n    nps: {source: surveys, answers: nps, where: {channel: phnoe}}\n"
        "    csat: {source: surveys, answers: csat, since: 2025-01-01}\n",
    )
    assert codes(measurement) == ["JM606", "JM606"]
    empty = [d.message for d in measurement.diagnostics if "filter" in d.message]
    assert empty == [
        "no rows of source 'surveys' match checkout.nps: the `where` filter on 'channel' leaves none of its 7 rows"
    ]
    window = [d for d in measurement.diagnostics if "from 2025-01-01" in d.message]
    assert window
    assert window[0].hint == "the data run from 2024-01-05 to 2024-06-30"
    assert all(r.figure is None for r in measurement.results)


def test_a_window_with_no_rows_is_named_even_when_an_undated_row_is_left(tmp_path: Path) -> None:
    """Rows without a date never enter a window: a delivery row with no date must not make the
    window look non-empty and the checkout measure blame its touchpoint value."""
    surveys = SURVEYS + "11,,delivery,web,sara,9,5,7\n"
    measurement = run(tmp_path, "since: 2025-01-01\n" + NPS, surveys=surveys)
    problem = only(measurement, "JM606")
    assert problem.message == "no rows of source 'surveys' match checkout.nps from 2025-01-01 to the last row"
    assert problem.hint == "the data run from 2024-01-05 to 2024-06-30"
    assert result(measurement, "checkout.nps").figure is None


def test_a_value_outside_the_window_is_not_called_unknown(tmp_path: Path) -> None:
    """Checkout has rows, but none in June: the window is the reason, not the touchpoint column."""
    measurement = run(tmp_path, "since: 2024-06-01\n" + NPS)
    problem = only(measurement, "JM606")
    assert problem.message == "no rows of source 'surveys' match checkout.nps from 2024-06-01 to the last row"


def test_a_misspelt_date_column_is_said_even_when_no_window_needs_it(tmp_path: Path) -> None:
    """Without a window nothing depends on the date, so nothing is withheld; but the data's date range
    would silently vanish from the map and the report: a warning names the column and the ones there are."""
    measurement = run(tmp_path, NPS, surveys=SURVEYS.replace("answered_at", "submitted_on"))
    problem = only(measurement, "JM603")
    assert problem.severity.label == "warning"
    assert "column 'answered_at'" in problem.message
    assert measurement.ok
    assert result(measurement, "checkout.nps").figure is not None


def test_dates_that_do_not_parse(tmp_path: Path) -> None:
    surveys = SURVEYS.replace("2024-01-05", "05/01/2024").replace("2024-01-20", "yesterday")
    measurement = run(tmp_path, "period: month\n" + NPS, surveys=surveys)
    problem = only(measurement, "JM607")
    assert problem.message == (
        "2 rows of source 'surveys' have a date in column 'answered_at' that does not parse (e.g. '05/01/2024'): "
        "surveys.csv rows 1, 2"
    )
    assert result(measurement, "checkout.nps").figure is None
    assert "JM607" in result(measurement, "checkout.nps").problems  # the snapshot says why it is withheld


def test_rows_without_a_date_are_left_out_with_a_warning(tmp_path: Path) -> None:
    surveys = SURVEYS.replace("2024-01-05", "")
    measurement = run(tmp_path, "until: 2024-12-31\n" + NPS, surveys=surveys)
    assert only(measurement, "JM608").message == (
        "1 row of source 'surveys' has no date in column 'answered_at'; it is left out of every measure limited "
        "by since, until or period: surveys.csv row 1"
    )
    figure = result(measurement, "checkout.nps").figure
    assert figure
    assert figure.estimate.n == 5


def test_unknown_source_and_a_measure_that_does_not_fit_its_metric(tmp_path: Path) -> None:
    measurement = run(
        tmp_path,
        "measures:\n  checkout:\n    nps: {source: survey, answers: nps}\n"
        "    csat: {source: surveys, mean: csat}\n    my_score: {source: surveys, answers: nps}\n",
    )
    assert codes(measurement) == ["JM602", "JM610", "JM610"]
    assert only(measurement, "JM602").hint == "did you mean 'surveys'?"
    assert not measurement.measured
    assert measurement.results == []


def test_schema_errors_read_like_journey_file_errors(tmp_path: Path) -> None:
    measurement = run(
        tmp_path,
        "measures:\n  checkout:\n    nps: {source: surveys, answer: nps}\n"
        "    csat: {source: surveys, answers: csat, scale: 5-1, target: lots}\n",
    )
    messages = {d.code: d for d in measurement.diagnostics}
    assert messages["JM100"].hint == "did you mean 'answers'?"
    assert "the low end of '5-1' is above its high end" in messages["JM103"].message


def test_a_file_that_is_not_what_its_extension_says(tmp_path: Path) -> None:
    (tmp_path / "broken.parquet").write_bytes(b"PAR1 this is not parquet")
    (tmp_path / "journey.measures.yaml").write_text(
        HEAD.replace("files: surveys.csv", "files: broken.parquet") + NPS, encoding="utf-8"
    )
    problem = only(measure(str(tmp_path / "journey.measures.yaml")), "JM601")
    assert problem.message.startswith("source 'surveys' (broken.parquet) cannot be read as parquet")


def test_a_csv_column_that_turns_to_text_late_is_still_diagnosed(tmp_path: Path) -> None:
    rows = [SURVEYS.splitlines()[0]] + [f"{i},2024-01-05,checkout,web,sara,9,5,7" for i in range(30_000)]
    rows.append("30001,2024-01-05,checkout,web,sara,unknown,5,7")
    measurement = run(tmp_path, NPS, surveys="\n".join(rows) + "\n")
    assert only(measurement, "JM604").message == (
        "1 value of column 'nps' of source 'surveys' in checkout.nps is not a number (e.g. 'unknown'), "
        "of 30,001 rows: surveys.csv row 30001; the value is not computed"
    )


def test_source_files_are_never_modified(tmp_path: Path) -> None:
    run(tmp_path, NPS)
    assert (tmp_path / "surveys.csv").read_text(encoding="utf-8") == SURVEYS
    assert (tmp_path / "tickets.csv").read_text(encoding="utf-8") == TICKETS
