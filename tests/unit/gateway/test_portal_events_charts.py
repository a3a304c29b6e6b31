"""The reports' charts: SVG a page with a `self`-only CSP can show, with the page's number format and labels."""

from __future__ import annotations

import re

from lowe_gateway.portal.charts import Bar, bar_chart


def polish(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def test_a_chart_has_no_script_no_style_and_is_named_by_its_caption() -> None:
    svg = str(bar_chart([Bar("Seniorzy", 3), Bar("Migranci", 5.5)], "chart-groups", polish, horizontal=True))

    assert svg.startswith("<svg") and 'role="img"' in svg and 'aria-labelledby="chart-groups"' in svg
    assert "<script" not in svg and "<style" not in svg and "style=" not in svg
    assert "tooltip" not in svg.replace("tooltip-trigger", "") and "<!--" not in svg
    assert "Pygal" not in svg and 'id="chart-' not in svg


def test_values_are_written_the_pages_way_and_bars_are_coloured_by_attributes() -> None:
    svg = str(bar_chart([Bar("sty 2026", 2.5), Bar("lut 2026", 0)], "chart-months", polish))

    assert re.search(r'class="value"[^>]*>2,5<', svg)
    assert 'fill="#0172ad"' in svg and 'fill="currentColor"' in svg


def test_labels_are_escaped() -> None:
    svg = str(bar_chart([Bar("<b>x</b> & y", 1)], "c", polish))

    assert "<b>" not in svg and "&lt;b&gt;x&lt;/b&gt; &amp; y" in svg


def test_a_chart_without_figures_still_draws() -> None:
    assert str(bar_chart([], "c", polish)).startswith("<svg")
