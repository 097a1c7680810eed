"""Colours and fonts for the light, dark and print themes.

Heat colours run green -> amber -> red with friction (ColorBrewer RdYlGn,
reversed); persona curves use the Okabe-Ito palette, which stays distinct
for colour-blind readers.
"""

from __future__ import annotations

from dataclasses import dataclass

THEMES = ("light", "dark", "print")


@dataclass(frozen=True)
class Theme:
    name: str
    background: str
    text: str
    muted: str
    grid: str
    lane_fill: str
    cell_fill: str
    title: str
    heat: tuple[str, ...]
    heat_fill: tuple[str, ...]
    personas: tuple[str, ...]
    kinds: dict[str, str]
    moment: str
    met: str  # text of a met target: darker than the heat green, so 10pt text stays readable (WCAG AA)
    missed: str  # text of a missed target
    #: Badge colours (fill, text, border) of a compared map's touchpoints: new, changed, renamed, removed.
    changes: dict[str, tuple[str, str, str]]
    font: str = "Noto Sans"

    def heat_color(self, friction: float | None, fill: bool = False) -> str:
        """Colour for a friction score 0-100 (None: unknown, neutral)."""
        if friction is None:
            return self.cell_fill if fill else self.grid
        palette = self.heat_fill if fill else self.heat
        index = min(int(friction / (100 / len(palette))), len(palette) - 1)
        return palette[index]

    def persona_color(self, index: int) -> str:
        return self.personas[index % len(self.personas)]


_OKABE_ITO = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")

LIGHT = Theme(
    name="light",
    background="#FFFFFF",
    text="#1F2328",
    muted="#57606A",
    grid="#D0D7DE",
    lane_fill="#F3F4F6",
    cell_fill="#FFFFFF",
    title="#0B1F33",
    heat=("#1A9850", "#91CF60", "#E6B800", "#F46D43", "#D73027"),
    heat_fill=("#E3F4E8", "#EFF8E2", "#FFF6D6", "#FDE5DC", "#F9D9D7"),
    personas=_OKABE_ITO,
    kinds={"digital": "#2F6DB5", "human": "#8E44AD", "physical": "#8D6E63"},
    moment="#B8860B",
    met="#116329",
    missed="#B42318",
    changes={
        "added": ("#1A7F37", "#FFFFFF", "#1A7F37"),
        "changed": ("#9A6700", "#FFFFFF", "#9A6700"),
        "renamed": ("#0969DA", "#FFFFFF", "#0969DA"),
        "removed": ("#6E7781", "#FFFFFF", "#6E7781"),
    },
)

DARK = Theme(
    name="dark",
    background="#16181D",
    text="#E6E8EB",
    muted="#A0A7B1",
    grid="#3A3F47",
    lane_fill="#20242B",
    cell_fill="#1B1E24",
    title="#F5F7FA",
    heat=("#4CC38A", "#A6D96A", "#F2C94C", "#F2994A", "#EB5757"),
    heat_fill=("#1E3A2C", "#2A3A22", "#3D3519", "#3F2A1B", "#432121"),
    personas=("#56B4E9", "#F08A4B", "#3DDC97", "#E58FC7", "#F5C542", "#9AD0F5", "#FFFFFF"),
    kinds={"digital": "#6EA8FE", "human": "#C39BD3", "physical": "#BCAAA4"},
    moment="#F5C542",
    met="#4CC38A",
    missed="#FF7B72",
    changes={
        "added": ("#3FB950", "#0D1117", "#3FB950"),
        "changed": ("#E3B341", "#0D1117", "#E3B341"),
        "renamed": ("#79C0FF", "#0D1117", "#79C0FF"),
        "removed": ("#8B949E", "#0D1117", "#8B949E"),
    },
)

PRINT = Theme(
    name="print",
    background="#FFFFFF",
    text="#000000",
    muted="#333333",
    grid="#999999",
    lane_fill="#EEEEEE",
    cell_fill="#FFFFFF",
    title="#000000",
    heat=("#BBBBBB", "#999999", "#666666", "#333333", "#000000"),
    heat_fill=("#FFFFFF", "#F7F7F7", "#EEEEEE", "#E2E2E2", "#D6D6D6"),
    personas=("#000000", "#555555", "#888888", "#222222", "#777777", "#AAAAAA", "#444444"),
    kinds={"digital": "#000000", "human": "#000000", "physical": "#000000"},
    moment="#000000",
    met="#000000",
    missed="#000000",
    changes={
        "added": ("#000000", "#FFFFFF", "#000000"),
        "changed": ("#000000", "#FFFFFF", "#000000"),
        "renamed": ("#000000", "#FFFFFF", "#000000"),
        "removed": ("#FFFFFF", "#000000", "#000000"),
    },
)

BY_NAME = {theme.name: theme for theme in (LIGHT, DARK, PRINT)}

#: Glyphs shown before the channel name: one per touchpoint kind.
KIND_GLYPHS = {"digital": "◉", "human": "●", "physical": "■"}
#: Line styles per persona, so curves differ in print too.
DASHES = ("solid", "dashed", "dotted", "bold")
#: Emotion point shapes per persona on a compared map (whose line styles tell the states apart), with the
#: legend glyph of each: personas still differ in print, where their colours are greys.
SHAPES = (("circle", "●"), ("square", "■"), ("diamond", "◆"), ("triangle", "▲"))
