"""A map of the future state that shows the current state too (``render --compare``).

One truth: which touchpoint became which (new, removed, renamed, changed) and every friction before
and after come from one ``journeymap.comparing.Comparison``. Nothing here matches touchpoints again;
this module only places what the comparison found: a removed touchpoint gets a greyed column where it
stood in the current state, a badge marks each other change, and friction reads "84 → 46".
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from journeymap.model import Journey, Stage, Touchpoint
from journeymap.rendering.labels import FSI, PDI, direction_mark, line_height, words
from journeymap.rendering.text import html_escape, wrap
from journeymap.rendering.theme import Theme
from journeymap.shown import arrow, friction_whole
from journeymap.translation import Numerals, digits, for_journey

if TYPE_CHECKING:
    from journeymap.comparing import Comparison, GroupDiff, TouchpointDiff

#: One column of the map: its stage, its touchpoint (None: an empty stage), and whether only the current
#: state has it (a removed touchpoint, drawn greyed where it stood).
Slot = tuple[Stage, Touchpoint | None, bool]

#: Height of the badge row above a compared touchpoint's label, and the air under it, in points.
BADGE_ROW = line_height(8) + 6
BADGE_GAP = 4.0


@dataclass(frozen=True)
class Changes:
    """The current state, the future state the map draws, and the comparison between them."""

    current: Journey
    future: Journey
    comparison: Comparison

    @cached_property
    def after(self) -> dict[str, TouchpointDiff]:
        """Future touchpoint id -> how it differs from the current state (added, renamed, changed, unchanged)."""
        return {d.id: d for d in self.comparison.touchpoints if d.status != "removed"}

    @cached_property
    def removed(self) -> dict[str, TouchpointDiff]:
        """Current touchpoint id -> its diff, for the touchpoints the future state no longer has."""
        return {d.id: d for d in self.comparison.touchpoints if d.status == "removed"}

    @cached_property
    def new_id(self) -> dict[str, str]:
        """Current touchpoint id -> the future touchpoint it became, as the comparison matched them."""
        return {(d.was or d.id): d.id for d in self.comparison.touchpoints if d.status not in ("added", "removed")}

    @cached_property
    def stages(self) -> dict[str, GroupDiff]:
        return {group.id: group for group in self.comparison.stages}

    @cached_property
    def stage_new_id(self) -> dict[str, str]:
        """Current stage id -> the future stage it became, when the comparison found it renamed (``was:``)."""
        return {rename.was: rename.id for rename in self.comparison.stage_renames}

    @cached_property
    def current_stage_ids(self) -> frozenset[str]:
        """The current state's stages under the ids the future state gives them (a renamed stage is no new one)."""
        return frozenset(self.stage_new_id.get(stage.id, stage.id) for stage in self.current.stages)

    @cached_property
    def future_stage_ids(self) -> frozenset[str]:
        return frozenset(stage.id for stage in self.future.stages)

    def place(self, slots: list[Slot], persona: str | None) -> list[Slot]:
        """The future state's columns plus a greyed column for each removed touchpoint, where it stood.

        A removed touchpoint follows the column of the touchpoint before it in the current state when
        that one is in the same stage, else it opens its stage; a stage only the current state has comes
        after the stage of the touchpoint before it (at the start when there is none).
        """
        placed = list(slots)
        future_stages = {stage.id for stage, _, _ in slots}
        cursor = -1
        for stage, tp in self.current.touchpoints():
            if persona is not None and not tp.serves(persona):
                continue
            if tp.id in self.new_id:
                cursor = next((i for i, s in enumerate(placed) if _is(s, self.new_id[tp.id])), cursor)
                continue
            if tp.id not in self.removed:
                continue
            future_id = self.stage_new_id.get(stage.id, stage.id)
            if future_id in future_stages:
                at, host = self._in_future_stage(placed, cursor, future_id)
                placed.insert(at, (host, tp, True))
            else:
                at = self._after_stage(placed, cursor, stage)
                placed.insert(at, (stage, tp, True))
            cursor = at
        return placed

    @staticmethod
    def _in_future_stage(placed: list[Slot], cursor: int, stage_id: str) -> tuple[int, Stage]:
        if cursor >= 0 and placed[cursor][0].id == stage_id:
            return cursor + 1, placed[cursor][0]
        first = next(i for i, s in enumerate(placed) if s[0].id == stage_id)
        host = placed[first][0]
        if placed[first][1] is None:  # the stage shows no future touchpoint: the removed one takes its place
            placed.pop(first)
        return first, host

    @staticmethod
    def _after_stage(placed: list[Slot], cursor: int, stage: Stage) -> int:
        if cursor < 0:
            return 0
        if placed[cursor][0] is stage:
            return cursor + 1
        at = cursor + 1
        while at < len(placed) and placed[at][0] is placed[cursor][0]:
            at += 1
        return at

    def status(self, stage: Stage) -> str | None:
        """``added`` for a stage only the future state has, ``removed`` for one only the current state has
        (stages are matched by id or by a rename, as the comparison matches them)."""
        if stage.id not in self.future_stage_ids:
            return "removed"
        if stage.id not in self.current_stage_ids:
            return "added"
        return None

    def stage_detail(self, stage: Stage, said: dict[str, str]) -> str | None:
        """The stage header's second line: ``friction 84 → 46``, ``new stage · friction 40``; escaped."""
        group = self.stages.get(stage.id)
        if group is None:
            return None
        status = self.status(stage)
        rtl, numerals = self.future.info.rtl, for_journey(self.future).numerals
        friction = html_escape(said["friction"])
        if status == "added":
            line = f"{html_escape(said['stage_added'])} · {friction} {pair(None, group.after, rtl, numerals)}"
        elif status == "removed":
            line = f"{html_escape(said['stage_removed'])} · {friction} {pair(group.before, None, rtl, numerals)}"
        else:
            line = f"{friction} {pair(group.before, group.after, rtl, numerals)}"
        return direction_mark(self.future) + line.rstrip()

    def old_name(self, diff: TouchpointDiff) -> str:
        """What a renamed touchpoint was called (its old id when only the id changed)."""
        name = next((c.before for c in diff.changes if c.what == "name" and c.before), None)
        return name or diff.was or diff.id


def _is(slot: Slot, tp_id: str) -> bool:
    return slot[1] is not None and not slot[2] and slot[1].id == tp_id


def pair(before: float | None, after: float | None, rtl: bool = False, numerals: Numerals = "latin") -> str:
    """Friction before and after as the map prints it (``84 → 46``; one value when the other state has none).

    On a right-to-left map the arrow points left (``84 ← 46``): the pair reads in the map's direction,
    before first, as a metric cell's value / target does. Each number is a bidi isolate; the line that
    holds the pair must start with the map's direction mark (``labels.direction_mark``).
    """

    def shown(value: float | None) -> str:
        return "–" if value is None else f"{FSI}{digits(friction_whole(value), numerals)}{PDI}"

    if before is None and after is None:
        return ""
    if before is None or after is None:
        return shown(after if before is None else before)
    return f"{shown(before)} {arrow(rtl)} {shown(after)}"


def badged(
    journey: Journey, diff: TouchpointDiff, body: str, height: float, theme: Theme, width: int, old: str = ""
) -> tuple[str, float]:
    """A touchpoint label under a badge (NEW, CHANGED, RENAMED, REMOVED) and its friction before and after.

    ``old`` is the name a renamed touchpoint had ("was: ..."). Returns the label and its height in points;
    an unchanged touchpoint keeps its label as it is.
    """
    if diff.status not in theme.changes:
        return body, height
    said = words(journey)
    fill, ink, border = theme.changes[diff.status]
    badge = (
        f'<TD BGCOLOR="{fill}" COLOR="{border}" BORDER="1" STYLE="rounded" CELLPADDING="2">'
        f'<FONT POINT-SIZE="8" COLOR="{ink}"><B>&#160;{html_escape(said[diff.status])}&#160;</B></FONT></TD>'
    )
    friction = pair(*diff.friction, journey.info.rtl, for_journey(journey).numerals)
    cells = [badge]
    if friction:
        note = f"{direction_mark(journey)}{html_escape(said['friction'])} {friction}"
        cells.append(f'<TD CELLPADDING="2"><FONT POINT-SIZE="9" COLOR="{theme.muted}">&#160;{note}&#160;</FONT></TD>')
    if journey.info.rtl:
        cells.reverse()
    span = len(cells) + 2
    # Empty cells either side take the row's spare width: the badge keeps its own size, centred.
    rows = [
        f"<TR><TD></TD>{''.join(cells)}<TD></TD></TR>",
        f'<TR><TD COLSPAN="{span}"><FONT POINT-SIZE="{BADGE_GAP:.0f}"> </FONT></TD></TR>',
        f'<TR><TD COLSPAN="{span}">{body}</TD></TR>',
    ]
    height += BADGE_ROW + line_height(BADGE_GAP)
    if old:
        lines = wrap(f"{said['was']}: {old}", int(width * 10.5 / 9), max_lines=2)
        mark = direction_mark(journey)
        was = "<BR/>".join(f'<FONT POINT-SIZE="9" COLOR="{theme.muted}">{mark}{html_escape(x)}</FONT>' for x in lines)
        rows.append(f'<TR><TD COLSPAN="{span}">{was}</TD></TR>')
        height += len(lines) * line_height(9)
    return f'<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="0">{"".join(rows)}</TABLE>', height


def state_word(state: str, said: dict[str, str]) -> str:
    """A state as the map names it: ``current``/``future`` in the map's language, a snapshot date as written."""
    return said.get(state, state) if state in ("current", "future") else state


__all__ = ["BADGE_ROW", "Changes", "Slot", "badged", "pair", "state_word"]
