"""Measured values on the map and in the report, from snapshots measured as a user would: wholly in the journey's
language, numbers in its digits with their sign first, intervals as two ends, trends with their periods, and
lines that do not run into each other in PNG and PDF."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from journeymap.rendering.labels import STRUT
from journeymap.translation import ALM
from tests.conftest import EXAMPLES, run_cli
from tests.rendering.helpers import svg_root, svg_texts
from tests.rendering.measured_arabic import measured_bank

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` is not installed")
LATIN_DIGIT = re.compile(r"[0-9]")
ARABIC_DIGIT = "[\u0660-\u0669]"
#: The isolates and marks the map puts around numbers and at the start of lines (the Arabic letter mark stays).
BIDI_CONTROLS = re.compile("[\u200e\u200f\u2066-\u2069]")


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return measured_bank(tmp_path_factory.mktemp("bank"))


@pytest.fixture(scope="module")
def telecom(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("telecom")
    shutil.copy(EXAMPLES / "telecom-support.yaml", folder)
    shutil.copytree(EXAMPLES / "data", folder / "data", ignore=shutil.ignore_patterns("bank*", "shop*", "first*"))
    said = run_cli("measure", folder / "data" / "telecom-support.measures.yaml")
    assert said.code == 0, said.output
    return folder / "telecom-support.yaml"


def _svg_texts(journey: Path, out: Path, *options: str) -> list[str]:
    result = run_cli("render", journey, "-f", "svg", "-o", out, *options)
    assert result.code == 0, result.output
    return [BIDI_CONTROLS.sub("", t) for t in svg_texts(svg_root(out.read_bytes()))]


def _evidence(texts: list[str], sample: str) -> list[str]:
    return [t for t in texts if sample in t]


@needs_dot
def test_an_arabic_map_shows_its_measured_values_wholly_in_arabic(bank: Path, tmp_path: Path) -> None:
    texts = _svg_texts(bank, tmp_path / "map.svg")
    joined = "\n".join(texts)
    assert re.search(f"البيانات من {ARABIC_DIGIT}{{4}}-{ARABIC_DIGIT}{{2}}-{ARABIC_DIGIT}{{2}} إلى ", joined), joined
    lines = _evidence(texts, "، ن=")
    assert len(lines) == 4, "every measured value shows its interval and n"
    assert all(line.startswith("من ") and " إلى " in line for line in lines), lines
    trends = [t for t in texts if re.search("[▁▂▃▄▅▆▇█]", t)]
    periods = _evidence(texts, " … ")
    assert trends
    assert periods
    for line in (*lines, *trends, *periods):
        assert not LATIN_DIGIT.search(line), line
        assert not re.search("[A-Za-z]", line), line  # no "to", "pts", "n", "small"
    assert "±" not in joined
    assert any("نقطة" in t for t in trends), trends
    assert any(p.startswith("٢٠٢٥-٠١ … ٢٠٢٥-٠٦") for p in periods), periods


@needs_dot
def test_a_negative_value_reads_as_minus_everywhere(bank: Path, tmp_path: Path) -> None:
    """The call centre's NPS is negative: its minus comes first in reading order on the map and in the report."""
    texts = _svg_texts(bank, tmp_path / "map.svg")
    nps = [t for t in texts if "صافي الترويج" in t and ALM + "-" in t]
    assert nps, [t for t in texts if "صافي" in t]
    assert all(re.search(f"{ALM}-{ARABIC_DIGIT}", t) for t in nps)
    assert not any(re.search(f"{ARABIC_DIGIT}-(?!{ARABIC_DIGIT})", t) for t in texts), "no minus after a number"
    value = re.search(f"{ALM}-{ARABIC_DIGIT}+\u066b{ARABIC_DIGIT}", nps[0])
    assert value is not None
    report = run_cli("report", bank, "-f", "markdown", "-o", "-").stdout
    assert value[0] in report


def test_the_report_header_and_metrics_are_arabic(bank: Path) -> None:
    report = run_cli("report", bank, "-f", "markdown", "-o", "-")
    assert report.code == 0, report.output
    assert re.search(f"من {ARABIC_DIGIT}{{4}}-{ARABIC_DIGIT}{{2}}-{ARABIC_DIGIT}{{2}} إلى ", report.stdout)
    assert " to 2025" not in report.stdout
    assert " pts" not in report.stdout
    assert "· n " not in report.stdout
    assert "ن=١٧١، ٩٥٪ من ٢٩٫٤٪ إلى ٤٣٫٧٪، من ٢٠٢٥-٠١-٠٢ إلى ٢٠٢٥-٠٦-٢٦" in report.stdout


def test_every_output_reads_a_trend_with_its_periods_from_one_function(bank: Path) -> None:
    """The report's metric rows and the map's cells take the trend from ``kpis.metric_row``: line, change, periods."""
    import journeymap
    from journeymap.rendering.kpis import metric_rows

    journey = journeymap.read(str(bank))
    centre = next(tp for _, tp in journey.touchpoints() if tp.id == "call-centre")
    rows = {row.id: row for row in metric_rows(journey, centre.metrics, centre.targets)}
    nps = rows["nps"]
    assert nps.trend is not None
    assert nps.trend_lines
    assert nps.trend == "، ".join(nps.trend_lines)  # the middle dot beside Arabic digits reads as zero
    # the snapshot's own per-period flag: the last two months rest on few answers
    assert nps.trend_lines[-1] == "٢٠٢٥-٠١ … ٢٠٢٥-٠٦، عينة صغيرة: ٢٠٢٥-٠٥، ٢٠٢٥-٠٦"
    assert nps.evidence == f"من {ALM}-٤٩٫٧ إلى {ALM}-٢٥٫٢، ن=١٧١"


def test_score_explain_cites_the_measured_value_in_arabic(bank: Path) -> None:
    said = run_cli("score", bank, "-e", "call-centre", "--lang", "ar")
    assert said.code == 0, said.output
    cited = re.findall(r"\[محسوبة من [^\]]*\]", said.stdout)
    assert cited
    for citation in cited:
        assert not LATIN_DIGIT.search(citation), citation
    assert re.search("تحل محل ٤٥٫٦٪\\s\\(ن=٢٥٠\\)", said.stdout)


@needs_dot
def test_an_english_map_shows_intervals_as_two_ends_and_trends_with_their_periods(
    telecom: Path, tmp_path: Path
) -> None:
    texts = _svg_texts(telecom, tmp_path / "map.svg")
    joined = "\n".join(texts)
    assert "57.7% to 70.0% · n=231" in joined  # one precision for both ends, n= as typed values have it
    assert "±" not in joined
    assert "· n " not in joined
    assert "2024-Q1 … 2024-Q4" in joined
    assert re.search(r"data 2024-01-0\d to 2024-12-\d\d", joined)


def test_small_lines_have_room_for_the_trend_blocks(telecom: Path) -> None:
    """Graphviz spaces a label's lines by their font size; cairo draws the block characters a full em tall. Each
    small line ends with a larger space so PNG and PDF keep the bars off the lines above and below."""
    dot = run_cli("render", telecom, "-f", "dot", "-o", "-").stdout
    small = re.findall(r'<FONT POINT-SIZE="8" COLOR="[^"]+">[^<]*(?:n=|▁|▂|▃|▄|▅|▆|▇|█| … )[^<]*</FONT>(.{0,40})', dot)
    assert small
    assert all(after.startswith(STRUT) for after in small), small[:3]


@needs_dot
def test_a_measured_png_is_drawn(telecom: Path, tmp_path: Path) -> None:
    out = tmp_path / "map.png"
    result = run_cli("render", telecom, "-o", out)
    assert result.code == 0, result.output
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_legend_keeps_clear_of_the_kpis_under_a_date_line(bank: Path) -> None:
    """The title block grows by the date line: the legend under it used to run into the KPI strip."""
    import journeymap
    from journeymap.rendering import BY_NAME, friction_of
    from journeymap.rendering.map_view import MapOptions, build_map

    journey = journeymap.read(str(bank))
    heat = friction_of(journey)
    diagram = build_map(journey, MapOptions(BY_NAME["light"], None, heat.touchpoints, heat.stages))
    legend = [b for b in diagram.boxes if b.css_class == "legend"]
    kpis = [b for b in diagram.boxes if b.css_class == "kpi"]
    assert legend
    assert kpis
    assert max(b.y + b.height for b in legend) <= min(b.y for b in kpis)
