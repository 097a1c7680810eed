"""Diagram model -> DOT text for ``neato -n2`` (positions pinned, in points).

Escaping happens here and in the label builders: node names are our own
(``n0``, ``n1``...), user text only ever appears inside HTML-like labels
(escaped by ``text.html_escape``) or quoted attributes (``quote``).
"""

from __future__ import annotations

from journeymap.rendering.diagram import Box, Diagram, Dot
from journeymap.rendering.text import clean

POINTS_PER_INCH = 72.0


def quote(text: str) -> str:
    """A DOT double-quoted string: one line, no control characters, ``\\`` ``"`` and ``&`` escaped.

    Why ``&``: Graphviz decodes HTML entities in strings, so ``&#1;`` in a name
    would otherwise reach the SVG as a raw control character.
    """
    cleaned = clean(text).replace("&", "&amp;")
    return '"' + cleaned.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_dot(diagram: Diagram) -> str:
    """The whole diagram as a DOT graph that ``neato -n2`` draws as-is."""
    pad = '"0.25"'
    if diagram.page is not None:  # scaled to the page exactly: the page is the canvas, its margins inside
        width, height = (side / POINTS_PER_INCH for side in diagram.page)
        pad = f'"0", size="{width:.4f},{height:.4f}!"'
    lines = [
        "digraph journeymap {",
        f"  graph [layout=neato, splines=line, outputorder=edgesfirst, bgcolor={quote(diagram.background)},",
        f'         pad={pad}, margin=0, label="", tooltip={quote(diagram.title)},',
        f'         bb="0,0,{diagram.width:.1f},{diagram.height:.1f}"];',
        f'  node [fontname={quote(diagram.font)}, fontsize=11, margin=0, fixedsize=true, label=""];',
        "  edge [arrowhead=none];",
    ]
    lines += [_box(box, diagram.height) for box in diagram.boxes]
    lines += [_anchor(name, x, y, diagram.height) for name, x, y in diagram.anchors]
    lines += [_dot(dot, diagram.height) for dot in diagram.dots]
    for line in diagram.lines:
        lines.append(
            f"  {line.tail} -> {line.head} [color={quote(line.color)}, penwidth={line.width:.1f}, "
            f"style={quote(line.style)}];"
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


def _pos(x: float, y: float, height: float) -> str:
    return f'"{x:.1f},{height - y:.1f}!"'


def _box(box: Box, height: float) -> str:
    style = ["filled" if box.fill != "none" else "", "rounded" if box.rounded else "", "dashed" if box.dashed else ""]
    attributes = [
        "shape=box",
        f"style={quote(','.join(s for s in style if s) or 'solid')}",
        f"width={box.width / POINTS_PER_INCH:.3f}",
        f"height={box.height / POINTS_PER_INCH:.3f}",
        f"pos={_pos(box.x + box.width / 2, box.y + box.height / 2, height)}",
        f"fillcolor={quote(box.fill if box.fill != 'none' else 'transparent')}",
        f"color={quote(box.border if box.border != 'none' else 'transparent')}",
        f"penwidth={box.penwidth:.1f}",
        f"label=<{box.label}>",
    ]
    if box.top:
        attributes.append("labelloc=t")
    if box.tooltip:
        attributes.append(f"tooltip={quote(box.tooltip)}")
    if box.css_class:
        attributes.append(f"class={quote(box.css_class)}")
    return f"  {box.id} [{', '.join(attributes)}];"


def _anchor(name: str, x: float, y: float, height: float) -> str:
    return f"  {name} [shape=point, width=0.01, height=0.01, style=invis, pos={_pos(x, y, height)}];"


def _dot(dot: Dot, height: float) -> str:
    size = dot.size / POINTS_PER_INCH
    pen = f"penwidth={dot.penwidth:.1f}, " if dot.penwidth != 1.0 else ""
    return (
        f"  {dot.id} [shape={dot.shape}, style=filled, width={size:.3f}, height={size:.3f}, "
        f"fillcolor={quote(dot.fill or dot.color)}, color={quote(dot.color)}, {pen}pos={_pos(dot.x, dot.y, height)}, "
        f"tooltip={quote(dot.tooltip)}, class={quote(dot.css_class)}];"
    )
