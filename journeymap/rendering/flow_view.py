"""The flow view: the touchpoint graph, one cluster per stage, laid out by ``dot``.

Edges come from ``next`` (or journey order); channel switches are dashed and
labelled, lost context is red, moments of truth have a thick gold border,
dead ends and unreachable touchpoints are called out in red and grey.
"""

from __future__ import annotations

from collections.abc import Mapping

from journeymap import flow
from journeymap.errors import JourneymapError
from journeymap.model import Journey, Touchpoint
from journeymap.rendering import labels
from journeymap.rendering.dot import quote
from journeymap.rendering.text import html_escape, wrap
from journeymap.rendering.theme import Theme
from journeymap.translation import N_, for_journey

#: From this many visible touchpoints the flow is laid out with bounded effort (docs/render.md#big-flows).
FAST_LAYOUT_FROM = 200
#: Network-simplex passes per node (Graphviz ``nslimit``/``nslimit1``) for a big flow: 0.1 keeps the
#: placement near-linear (2,000 touchpoints: 21 s -> 1.5 s) and, on a chain of touchpoints, as straight.
FAST_NSLIMIT = 0.1
#: Above this many visible touchpoints no layout of the flow is acceptable: refused (JM731).
FLOW_LIMIT = 2_000


class FlowTooLarge(JourneymapError):
    """The flow has more touchpoints than Graphviz can lay out and draw usefully (JM731, exit 2)."""

    code = "JM731"


def check_flow_size(journey: Journey, persona: str | None, limit: int | None = None) -> None:
    """Refuse a flow view over ``limit`` (default FLOW_LIMIT) visible touchpoints, before anything is scored.

    Why refuse: ``dot``'s crossing minimisation grows with the square of the touchpoints (4,000: about
    10 s, 10,000: minutes), and the picture, one touchpoint after another, would be over a million
    points wide: no viewer shows that legibly. The map, a persona's flow or the DOT source still work.
    """
    count = len(flow.visible(journey, persona))
    most = FLOW_LIMIT if limit is None else limit
    if count > most:
        whose = f" for persona '{persona}'" if persona else ""
        raise FlowTooLarge(
            f"the flow view of journey '{journey.id}' has {count:,} touchpoints{whose}, more than the "
            f"{most:,} a flow can be laid out and read with (the layout grows with the square of the "
            "touchpoints); nothing was drawn",
            "draw the map view (leave out --view flow), one persona's flow (--persona ID), "
            "or the flow's Graphviz source (--format dot)",
        )


SHAPES = {"digital": "box", "human": "ellipse", "physical": "box3d"}
FLOW_WORDS = {
    "switch": N_("channel switch"),
    "lost": N_("context lost"),
    "dead": N_("dead end"),
    "unreachable": N_("unreachable"),
}


def flow_dot(
    journey: Journey,
    theme: Theme,
    persona: str | None,
    friction: Mapping[str, float | None] | None,
    stages: frozenset[str] | None = None,
) -> str:
    """DOT text for the flow view; ``stages``: only those stages' clusters and the moves between them
    (reachability and dead ends are still the whole journey's)."""
    t = for_journey(journey)
    words = {key: t(word) for key, word in FLOW_WORDS.items()}
    names = {tp.id: f"t{i}" for i, tp in enumerate(flow.visible(journey, persona))}
    reachable = flow.reachable(journey, persona)
    font, muted = quote(theme.font), quote(theme.muted)
    dead = flow.dead_ends(journey, persona)
    out = [
        "digraph flow {",
        f"  graph [rankdir={'RL' if journey.info.rtl else 'LR'}, bgcolor={quote(theme.background)}, "
        f"fontname={quote(theme.font)}, fontcolor={quote(theme.title)}, labelloc=t, fontsize=18, "
        f"nodesep=0.35, ranksep=0.6, newrank=true, label=<<B>{html_escape(journey.info.title) or ' '}</B>>];",
        f'  node [fontname={font}, fontsize=11, style="filled,rounded", fillcolor={quote(theme.cell_fill)}];',
        f"  edge [fontname={font}, fontsize=9, color={muted}, fontcolor={muted}];",
    ]
    if len(names) >= FAST_LAYOUT_FROM:
        out[1] = out[1][: -len("];")] + f", nslimit={FAST_NSLIMIT}, nslimit1={FAST_NSLIMIT}];"
    groups = flow.steps(journey, persona)
    shown = {tp.id for stage in journey.stages if stages is None or stage.id in stages for tp in stage.touchpoints}
    for s, stage in enumerate(journey.stages):
        if stages is not None and stage.id not in stages:
            continue
        ids = {tp.id for tp in stage.touchpoints}
        out += [
            f"  subgraph cluster_{s} {{",
            f'    label=<<B>{html_escape(stage.name) or " "}</B>>; style="rounded,filled"; '
            f"fillcolor={quote(theme.lane_fill)}; color={quote(theme.grid)}; fontsize=13;",
        ]
        for g, group in enumerate(group for group in groups if group[0].id in ids):
            nodes = [
                _node(journey, tp, names[tp.id], theme, tp.id in dead, tp.id not in reachable, words, friction)
                for tp in group
            ]
            out += _step(journey, theme, f"{s}_{g}", nodes, [names[tp.id] for tp in group])
        out.append("  }")
    for edge in flow.edges(journey, persona):
        if edge.tail.id not in shown or edge.head.id not in shown:
            continue
        out.append("  " + _edge(edge, names, theme, words))
    out.append("}")
    return "\n".join(out) + "\n"


def _step(journey: Journey, theme: Theme, key: str, nodes: list[str], names: list[str]) -> list[str]:
    """A step's nodes; two or more go in a dashed box labelled "one of 3", side by side at one rank.

    Why: the touchpoints of a step are alternatives (or parallel contacts), not a sequence; one rank
    and one frame say so, and the edges (from ``flow.edges``) fan in and out of each of them.
    """
    if len(nodes) == 1:
        return ["    " + nodes[0]]
    one_of = labels.words(journey)["one_of"].format(n=labels.digits(journey, len(nodes)))
    return [
        f"    subgraph cluster_step_{key} {{",
        f'      label=<{html_escape(one_of)}>; style="dashed,rounded"; color={quote(theme.muted)}; '
        f'fontcolor={quote(theme.muted)}; fontsize=9; penwidth=1; class="step";',
        # dot stacks a rank of a sideways layout bottom-up: named last first, and chained last to first
        # by invisible edges (dot heeds one or the other, depending on the edges around), they read
        # top-down in journey order
        f"      {{ rank=same; {'; '.join(reversed(names))}; }}",
        f"      {' -> '.join(reversed(names))} [style=invis];",
        *("      " + node for node in nodes),
        "    }",
    ]


def _node(
    journey: Journey,
    tp: Touchpoint,
    name: str,
    theme: Theme,
    dead: bool,
    unreachable: bool,
    words: dict[str, str],
    friction: Mapping[str, float | None] | None,
) -> str:
    channel = journey.channel(tp.channel)
    kind = channel.kind if channel else "digital"
    label, _ = labels.touchpoint_label(journey, tp, theme, 24)
    score = friction.get(tp.id) if friction is not None else None
    border = theme.heat_color(score)
    width = 3.0 if tp.moment_of_truth is not None else 1.5
    if tp.moment_of_truth is not None:
        border = theme.moment
    notes = []
    if dead:
        notes.append(words["dead"])
    if unreachable:
        notes.append(words["unreachable"])
    attributes = [
        f"shape={SHAPES[kind]}",
        *(['margin="0.12,0.1"'] if kind == "physical" else []),  # the 3-D box's top face must not cover the badge
        f"label=<{label}>",
        f"color={quote(border)}",
        f"penwidth={width:.1f}",
        f"tooltip={quote(tp.name)}",
    ]
    if notes:
        note = html_escape(" · ".join(notes))
        attributes.append(f'xlabel=<<FONT COLOR="{theme.heat[-1]}" POINT-SIZE="9"><B>{note}</B></FONT>>')
    if unreachable:
        attributes.append(f"fillcolor={quote(theme.lane_fill)}")
        attributes.append('style="filled,rounded,dashed"')
    return f"{name} [{', '.join(attributes)}];"


def _edge(edge: flow.Edge, names: dict[str, str], theme: Theme, words: dict[str, str]) -> str:
    parts: list[str] = []
    transition = edge.transition
    if transition is not None and transition.label:
        parts.append(" ".join(wrap(transition.label, 28, 2)))
    if transition is not None and transition.share is not None:
        parts.append(transition.share.text)
    attributes = []
    lost = transition is not None and transition.context_carried is False
    if edge.channel_switch:
        parts.append("⇄ " + words["switch"])
        attributes.append('style="dashed"')
    if lost:
        parts.append("✗ " + words["lost"])
        attributes += [f"color={quote(theme.heat[-1])}", f"fontcolor={quote(theme.heat[-1])}", "penwidth=2"]
    if parts:
        attributes.append(f"label=<{'<BR/>'.join(html_escape(p) for p in parts)}>")
    return f"{names[edge.tail.id]} -> {names[edge.head.id]} [{', '.join(attributes)}];"
