"""DOT -> SVG/PNG/PDF with the Graphviz programs, or a clear error saying how to install them."""

from __future__ import annotations

import shutil
import subprocess

from journeymap.errors import JourneymapError

INSTALL_HINT = (
    "install Graphviz: Debian/Ubuntu `sudo apt-get install graphviz`, macOS `brew install graphviz`, "
    "Windows `winget install graphviz` (or `choco install graphviz`); "
    "`--format dot` and `--format mermaid` work without it"
)

#: Largest PNG side in pixels; cairo cannot allocate much beyond 32,767.
MAX_PNG_PIXELS = 30_000


class GraphvizMissing(JourneymapError):
    """The `dot` program is not installed or not on PATH."""


class GraphvizFailed(JourneymapError):
    """Graphviz ran but could not draw the graph (a bug in the DOT we produced)."""


def run_graphviz(dot_text: str, fmt: str, engine: str, width_points: float = 0.0) -> bytes:
    """Draw DOT text with ``engine`` (``dot`` or ``neato -n2``) into ``fmt`` bytes."""
    program = shutil.which("dot")
    if program is None:
        raise GraphvizMissing("Graphviz is not installed (the `dot` program was not found)", INSTALL_HINT)
    command = [program, f"-K{engine}", f"-T{_device(fmt)}"]
    if engine == "neato":
        command.append("-n2")
    if fmt == "png":
        command.append(f"-Gdpi={_png_dpi(width_points):.0f}")
    completed = subprocess.run(command, input=dot_text.encode("utf-8"), capture_output=True, check=False)
    if completed.returncode != 0:
        message = completed.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GraphvizFailed(
            f"Graphviz could not draw this map: {message[0] if message else 'unknown error'}",
            "this is a journeymap bug; please report it with the journey file",
        )
    return completed.stdout


def _device(fmt: str) -> str:
    return {"svg": "svg", "png": "png:cairo", "pdf": "pdf:cairo"}[fmt]


def _png_dpi(width_points: float) -> float:
    """96 dpi, lowered for very wide maps so the PNG stays within cairo's limits."""
    if width_points <= 0:
        return 96.0
    return max(min(96.0, MAX_PNG_PIXELS / (width_points / 72.0)), 24.0)
