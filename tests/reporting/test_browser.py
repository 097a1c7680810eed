"""The HTML reports as a browser shows them: headless Debian Chromium driven by Playwright.

Each example's page is opened from disk; it must log no console errors, request
nothing but itself, and the Arabic journey must be laid out right to left.
Screenshots go to tmp_path and, for people to look at, /tmp/report-shots/.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from journeymap.reporting import report
from tests.conftest import require
from tests.reporting.helpers import ARABIC_EXAMPLE, example_inputs

pytestmark = pytest.mark.client

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
SHOTS = Path("/tmp/report-shots")


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("html")
    for name, data in report(example_inputs(findings=True), "html").items():
        (out / name).write_bytes(data)
    return {p.name: p for p in out.iterdir()}


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from playwright import sync_api

    require(
        CHROMIUM.exists(), "Debian's chromium is not installed (apt-get install chromium, or scripts/bootstrap --dev)"
    )
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=str(CHROMIUM),
            args=ARGS,
            headless=True,
            viewport={"width": 1280, "height": 900},
        )
        yield context
        context.close()


def _open(browser: Any, path: Path) -> tuple[Any, list[str], list[str]]:
    page = browser.new_page()
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri(), wait_until="load")
    return page, errors, requests


def _example_pages(pages: dict[str, Path]) -> list[str]:
    return sorted(name for name in pages if name != "index.html")


def test_every_page_loads_cleanly_and_is_screenshotted(browser: Any, pages: dict[str, Path], tmp_path: Path) -> None:
    assert len(_example_pages(pages)) == len(example_inputs())  # a page per journey, current and future states
    SHOTS.mkdir(parents=True, exist_ok=True)
    for name in sorted(pages):
        page, errors, requests = _open(browser, pages[name])
        assert errors == [], f"{name}: console errors {errors}"
        assert requests == [pages[name].as_uri()], f"{name}: requests {requests}"
        assert page.locator("h1").count() == 1
        assert page.locator("main").count() == 1
        shot = tmp_path / f"{pages[name].stem}.png"
        page.screenshot(path=str(shot), full_page=True)
        shutil.copyfile(shot, SHOTS / shot.name)
        page.close()


def test_map_scales_with_the_page(browser: Any, pages: dict[str, Path]) -> None:
    page, _, _ = _open(browser, pages["first-purchase.html"])
    box = page.locator("#map svg").bounding_box()
    assert box is not None
    assert box["width"] > 0
    assert box["height"] > 0
    view = page.evaluate(
        "() => { const v = document.querySelector('#map svg').viewBox.baseVal; return [v.width, v.height]; }"
    )
    assert abs(box["width"] / box["height"] - view[0] / view[1]) < 0.02
    page.close()


def test_arabic_journey_is_laid_out_right_to_left(browser: Any, pages: dict[str, Path]) -> None:
    name = next(n for n in _example_pages(pages) if n.startswith("bank-account-opening"))
    assert ARABIC_EXAMPLE.startswith("bank-account-opening")
    page, _, _ = _open(browser, pages[name])
    assert page.evaluate("() => getComputedStyle(document.documentElement).direction") == "rtl"
    assert page.evaluate("() => document.documentElement.lang") == "ar"
    svg_direction = "() => getComputedStyle(document.querySelector('#map svg')).direction"
    assert page.evaluate(svg_direction) == "ltr", "Graphviz places SVG text for a left-to-right base direction"
    headers = page.locator("#stages thead th")
    first, last = headers.first.bounding_box(), headers.last.bounding_box()
    assert first is not None
    assert last is not None
    assert first["x"] > last["x"], "the first stage-table column should be on the right"
    main = page.locator("main").bounding_box()
    heading = page.locator("#summary-h").bounding_box()
    assert main is not None
    assert heading is not None
    text_right = page.evaluate(
        "() => { const r = document.createRange(); r.selectNodeContents(document.getElementById('summary-h'));"
        " const b = r.getBoundingClientRect(); return [b.left, b.right]; }"
    )
    assert abs(text_right[1] - (heading["x"] + heading["width"])) < 2, "headings should be flush right"
    assert text_right[0] > main["x"] + main["width"] / 2
    page.close()
