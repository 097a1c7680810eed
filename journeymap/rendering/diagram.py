"""A neutral diagram model: boxes and lines at fixed positions, in points.

Why pinned positions: a journey map is a grid (stages as columns, lanes as
rows) with an emotion curve drawn across it. Graphviz's layout engines are
built to place nodes themselves; here we place every box ourselves and let
``neato -n2`` draw them exactly there, so columns line up, text never
overlaps, and right-to-left journeys are a mirror of the same layout.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Box:
    """A rectangle with an HTML-like label, top-left at (x, y), y growing down."""

    id: str
    x: float
    y: float
    width: float
    height: float
    label: str  # an HTML-like label body, already escaped
    fill: str = "none"
    border: str = "none"
    penwidth: float = 1.0
    rounded: bool = False
    tooltip: str = ""
    css_class: str = ""
    top: bool = False  # label at the top of the box instead of centred
    dashed: bool = False  # a dashed border (what the current state had and the future state drops)


@dataclass(frozen=True)
class Dot:
    """A small filled mark (a point on the emotion curve): a circle unless ``shape`` says otherwise.

    ``fill`` empty means filled with ``color``; another colour (the background) draws a hollow mark.
    """

    id: str
    x: float
    y: float
    color: str
    size: float = 9.0
    tooltip: str = ""
    shape: str = "circle"
    fill: str = ""
    penwidth: float = 1.0
    css_class: str = "emotion-point"


@dataclass(frozen=True)
class Line:
    """A straight segment between two dots (or two invisible anchors)."""

    tail: str
    head: str
    color: str
    width: float = 2.0
    style: str = "solid"


@dataclass
class Diagram:
    """Everything to draw, plus the canvas size and the document title."""

    width: float
    height: float
    background: str
    font: str
    title: str
    boxes: list[Box] = field(default_factory=list)
    dots: list[Dot] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    anchors: list[tuple[str, float, float]] = field(default_factory=list)
    #: Draw at exactly this size in points (a page of a paged PDF), scaling the whole diagram; None: as is.
    page: tuple[float, float] | None = None

    def mirror(self) -> Diagram:
        """The same diagram read right to left (for Arabic, Hebrew, Persian...)."""
        flipped = Diagram(self.width, self.height, self.background, self.font, self.title, page=self.page)
        flipped.boxes = [_mirror_box(b, self.width) for b in self.boxes]
        flipped.dots = [replace(d, x=self.width - d.x) for d in self.dots]
        flipped.lines = list(self.lines)
        flipped.anchors = [(name, self.width - x, y) for name, x, y in self.anchors]
        return flipped


def _mirror_box(box: Box, width: float) -> Box:
    return replace(box, x=width - box.x - box.width)
