"""Diagram model -> DOT text for ``neato -n2`` (positions pinned, in points).

Escaping happens here and in the label builders: node names are our own
(``n0``, ``n1``...), user text only ever appears inside HTML-like labels
(escaped by ``text.html_escape``) or quoted attributes (``quote``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from journeymap.rendering.diagram import Box, Diagram, Dot
from journeymap.rendering.text import clean

POINTS_PER_INCH = 72.0


@lru_cache(maxsize=1024)
def quote_word(text: str) -> str:
    """``quote`` for the few values every node repeats (colours, styles, classes): made once each."""
    return quote(text)


def quote(text: str) -> str:
    """A DOT double-quoted string: one line, no control characters, ``\\`` ``"`` and ``&`` escaped.

    Why ``&``: Graphviz decodes HTML entities in strings, so ``&#1;`` in a name
    would otherwise reach the SVG as a raw control character.
    """
    cleaned = clean(text).replace("&", "&amp;")
    return '"' + cleaned.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_dot(diagram: Diagram) -> str:
    """The whole diagram as a DOT graph that ``neato -n2`` draws as-is."""
    lines = _head(diagram)
    lines += [_box(box, diagram.height) for box in diagram.boxes]
    lines += [_anchor(name, x, y, diagram.height) for name, x, y in diagram.anchors]
    lines += [_dot(dot, diagram.height) for dot in diagram.dots]
    lines += _edges(diagram)
    lines.append("}")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Part:
    """One of the DOT graphs a big diagram is drawn from in parallel (see ``to_dot_parts``).

    ``first``: the name of the first node this part draws (its SVG is taken from that node's comment on).
    """

    dot: str
    first: str


def to_dot_parts(diagram: Diagram, parts: int) -> list[Part]:
    """The diagram as ``parts`` DOT graphs whose SVGs, cut at each part's first node, join into ``to_dot``'s SVG.

    Why: Graphviz draws on one core, and on a 1,000-touchpoint map it is half of the time a user waits
    (most of it laying out the labels' text). Every part declares every node, in the same order and
    at the same place and size, so each gets the same bounding box, numbering and edge clipping; it
    draws the labels of its own run of nodes only, and the others are invisible (Graphviz writes no
    more than a comment for them). The first part also draws the edges, which ``outputorder=edgesfirst``
    puts before every node. Parts are cut where the estimated work of Graphviz is balanced (``_cost``).
    """
    height = diagram.height
    full = [_box(box, height) for box in diagram.boxes]
    full += [_anchor(name, x, y, height) for name, x, y in diagram.anchors]
    full += [_dot(dot, height) for dot in diagram.dots]
    hidden = [_hidden(box.id, "box", box.width, box.height, box.x + box.width / 2, box.y + box.height / 2, height)
              for box in diagram.boxes]  # fmt: skip
    hidden += full[len(diagram.boxes) : len(diagram.boxes) + len(diagram.anchors)]  # anchors are invisible anyway
    hidden += [_hidden(dot.id, dot.shape, dot.size, dot.size, dot.x, dot.y, height) for dot in diagram.dots]
    names = [box.id for box in diagram.boxes] + [name for name, _, _ in diagram.anchors]
    names += [dot.id for dot in diagram.dots]
    edges = _edges(diagram)
    costs = [_cost(box.label) for box in diagram.boxes] + [POINT_COST] * (len(full) - len(diagram.boxes))
    cuts = _balanced_cuts(costs, parts)
    head = _head(diagram)
    result = []
    for first, last in pairwise([0, *cuts, len(full)]):
        body = hidden[:first] + full[first:last] + hidden[last:]
        result.append(Part("\n".join([*head, *body, *(edges if first == 0 else []), "}"]) + "\n", names[first]))
    return result


#: What Graphviz spends on a box, on each text span of its label (a line, or a run of one font in it: one
#: text layout each) and on a point (an emotion point or an anchor: no label), in units of four characters
#: of label markup. Fitted at 1,000 touchpoints so that two parts take the same time (within 5%); the
#: edges cost little.
NODE_COST = 50
SPAN_COST = 100
POINT_COST = 20


def _cost(label: str) -> int:
    """About what Graphviz spends on a box with this label (see ``NODE_COST``)."""
    return NODE_COST + len(label) // 4 + SPAN_COST * (label.count("<BR") + label.count("</FONT>"))


def _balanced_cuts(costs: list[int], parts: int) -> list[int]:
    """Where to start parts 2..n so that each part costs about the same: a node goes to the part its middle
    falls in. No part is empty."""
    share = sum(costs) / parts
    cuts: list[int] = []
    spent = 0.0
    for index, cost in enumerate(costs):
        if index > 0 and len(cuts) < parts - 1 and spent + cost / 2 >= share * (len(cuts) + 1):
            cuts.append(index)
        spent += cost
    return cuts


def _hidden(name: str, shape: str, width: float, height: float, x: float, y: float, canvas: float) -> str:
    """A node another part draws: the same shape, size and place (bounding box and edge clipping), no label."""
    size = f"width={width / POINTS_PER_INCH:.3f}, height={height / POINTS_PER_INCH:.3f}"
    return f"  {name} [shape={shape}, style=invis, {size}, pos={_pos(x, y, canvas)}];"


def _head(diagram: Diagram) -> list[str]:
    pad = '"0.25"'
    if diagram.page is not None:  # scaled to the page exactly: the page is the canvas, its margins inside
        width, height = (side / POINTS_PER_INCH for side in diagram.page)
        pad = f'"0", size="{width:.4f},{height:.4f}!"'
    return [
        "digraph journeymap {",
        f"  graph [layout=neato, splines=line, outputorder=edgesfirst, bgcolor={quote_word(diagram.background)},",
        f'         pad={pad}, margin=0, label="", tooltip={quote(diagram.title)},',
        f'         bb="0,0,{diagram.width:.1f},{diagram.height:.1f}"];',
        f'  node [fontname={quote_word(diagram.font)}, fontsize=11, margin=0, fixedsize=true, label=""];',
        "  edge [arrowhead=none];",
    ]


def _edges(diagram: Diagram) -> list[str]:
    return [
        f"  {line.tail} -> {line.head} [color={quote_word(line.color)}, penwidth={line.width:.1f}, "
        f"style={quote_word(line.style)}];"
        for line in diagram.lines
    ]


def _pos(x: float, y: float, height: float) -> str:
    return f'"{x:.1f},{height - y:.1f}!"'


def _box(box: Box, height: float) -> str:
    style = ["filled" if box.fill != "none" else "", "rounded" if box.rounded else "", "dashed" if box.dashed else ""]
    attributes = [
        "shape=box",
        f"style={quote_word(','.join(s for s in style if s) or 'solid')}",
        f"width={box.width / POINTS_PER_INCH:.3f}",
        f"height={box.height / POINTS_PER_INCH:.3f}",
        f"pos={_pos(box.x + box.width / 2, box.y + box.height / 2, height)}",
        f"fillcolor={quote_word(box.fill if box.fill != 'none' else 'transparent')}",
        f"color={quote_word(box.border if box.border != 'none' else 'transparent')}",
        f"penwidth={box.penwidth:.1f}",
        f"label=<{box.label}>",
    ]
    if box.top:
        attributes.append("labelloc=t")
    if box.tooltip:
        attributes.append(f"tooltip={quote(box.tooltip)}")
    if box.css_class:
        attributes.append(f"class={quote_word(box.css_class)}")
    return f"  {box.id} [{', '.join(attributes)}];"


def _anchor(name: str, x: float, y: float, height: float) -> str:
    return f"  {name} [shape=point, width=0.01, height=0.01, style=invis, pos={_pos(x, y, height)}];"


def _dot(dot: Dot, height: float) -> str:
    size = dot.size / POINTS_PER_INCH
    pen = f"penwidth={dot.penwidth:.1f}, " if dot.penwidth != 1.0 else ""
    return (
        f"  {dot.id} [shape={dot.shape}, style=filled, width={size:.3f}, height={size:.3f}, "
        f"fillcolor={quote_word(dot.fill or dot.color)}, color={quote_word(dot.color)}, "
        f"{pen}pos={_pos(dot.x, dot.y, height)}, "
        f"tooltip={quote(dot.tooltip)}, class={quote_word(dot.css_class)}];"
    )
