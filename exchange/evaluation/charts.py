"""The dashboard's charts as SVG, drawn on the server by pygal: no script runs on the page and no
file comes from outside. Each chart has a title, and the page shows the same figures as a table
(`impact.html`), so a screen reader and a printout lose nothing."""

from __future__ import annotations

import re

import pygal
from pygal.style import Style

_STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#1f2933",
    foreground_strong="#1f2933",
    foreground_subtle="#52606d",
    colors=("#1d6fa3", "#2f855a", "#b7791f", "#9b2c2c", "#6b46c1"),
    font_family="system-ui, sans-serif",
    title_font_size=18,
    label_font_size=13,
    major_label_font_size=13,
    value_font_size=12,
)
_SCRIPT = re.compile(r"<script\b.*?</script>", re.S)
_STAMP = re.compile(r"<!--.*?-->", re.S)


def bar(title: str, labels: list[str], values: list[float], *, horizontal: bool = False) -> str:
    """One series of bars; an empty chart says so in its title's place rather than drawing nothing."""
    kind = pygal.HorizontalBar if horizontal else pygal.Bar
    chart = kind(
        style=_STYLE,
        title=title,
        show_legend=False,
        js=[],
        disable_xml_declaration=True,
        print_values=True,
        width=720,
        height=360,
        explicit_size=True,
        no_data_text="–",
        x_label_rotation=0,
    )
    chart.x_labels = labels
    chart.add(title, values)
    svg = chart.render(is_unicode=True)
    return _STAMP.sub("", _SCRIPT.sub("", svg))  # no script (nothing runs), no generator stamp with the day


def grouped_bar(title: str, labels: list[str], series: dict[str, list[float | None]], *, top: float) -> str:
    """Several series side by side (before and after, say), on a fixed scale from 0 to `top`; a
    missing value (None) draws no bar. The page shows the same figures as a table."""
    chart = pygal.HorizontalBar(
        style=_STYLE,
        title=title,
        show_legend=True,
        legend_at_bottom=True,
        js=[],
        disable_xml_declaration=True,
        print_values=True,
        width=720,
        height=360,
        explicit_size=True,
        no_data_text="–",
        range=(0, top),
        truncate_label=-1,
    )
    chart.x_labels = labels
    for name, values in series.items():
        chart.add(name, values)
    svg = chart.render(is_unicode=True)
    return _STAMP.sub("", _SCRIPT.sub("", svg))
