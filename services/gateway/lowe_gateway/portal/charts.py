"""Bar charts as SVG drawn on the server (pygal), safe to put inside a page whose CSP allows no inline script or
style: pygal's script, its `<style>` and its tooltip (which only a script would show) are taken out, and the
chart is coloured with SVG presentation attributes instead (which CSP leaves alone). Every chart comes with a data
table on its page."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from xml.etree import ElementTree

import pygal
from markupsafe import Markup
from pygal.etree import etree as pygal_etree
from pygal.style import Style

pygal_etree.to_etree()  # xml.etree, even where lxml is installed: the same output, and the tree this module edits
DROPPED_TAGS = frozenset({"script", "style"})
BAR_COLOUR = "#0172ad"  # Pico's primary blue: 4.5:1 and more against white
GUIDE_COLOUR = "#8891a4"
FONT_SIZE = 14
CHART_STYLE = Style(  # only its font sizes count (its colours were in the stylesheet left out): pygal lays out by them
    font_family="sans-serif",
    label_font_size=FONT_SIZE,
    major_label_font_size=FONT_SIZE,
    value_font_size=FONT_SIZE,
    value_label_font_size=FONT_SIZE,
)
TOOLTIP_CLASSES = frozenset({"tooltip", "tooltip-overlay"})
SVG_NAMESPACE = "http://www.w3.org/2000/svg"
ElementTree.register_namespace("", SVG_NAMESPACE)
ElementTree.register_namespace("xlink", "http://www.w3.org/1999/xlink")


@dataclass(frozen=True)
class Bar:
    label: str
    value: float


def bar_chart(
    bars: Sequence[Bar], labelled_by: str, format_number: Callable[[float], str], horizontal: bool = False
) -> Markup:
    """An `<svg role="img">` named by the element `labelled_by` (the figure's caption), one bar per item (from the
    top when `horizontal`), its figures written the page's way (`format_number`)."""
    kind = pygal.HorizontalBar if horizontal else pygal.Bar
    chart = kind(
        width=760,
        height=max(220, 40 * len(bars) + 80) if horizontal else 360,
        style=CHART_STYLE,
        js=[],
        css=[],
        show_legend=False,
        print_values=True,
        print_values_position="top",
        disable_xml_declaration=True,
        x_label_rotation=0 if horizontal else -30,
        truncate_label=-1,
        margin=16,
        no_data_text="-",
        value_formatter=format_number,
    )
    shown = list(reversed(bars)) if horizontal else list(bars)  # pygal stacks a horizontal chart from the bottom
    chart.x_labels = [bar.label for bar in shown]
    chart.add("", [bar.value for bar in shown])
    tree = chart.render_tree()
    _strip_scripted_parts(tree)
    _paint(tree, label_axis="y" if horizontal else "x")
    for generic_title in [child for child in tree if _tag(child) == "title"]:
        tree.remove(generic_title)  # "Pygal": the caption names the chart
    tree.attrib.pop("id", None)
    tree.set("role", "img")
    tree.set("aria-labelledby", labelled_by)
    tree.set("focusable", "false")
    return Markup(ElementTree.tostring(tree, encoding="unicode"))


def _strip_scripted_parts(element: ElementTree.Element) -> None:
    for child in list(element):
        if _dropped(child):
            element.remove(child)
        else:
            _strip_scripted_parts(child)


def _dropped(element: ElementTree.Element) -> bool:
    """pygal's script, style and tooltip, and its comments (credits)."""
    if not isinstance(element.tag, str):
        return True
    return _tag(element) in DROPPED_TAGS or bool(TOOLTIP_CLASSES & _classes(element))


def _classes(element: ElementTree.Element) -> set[str]:
    return set(element.get("class", "").split())


def _tag(element: ElementTree.Element) -> str:
    """The local name (`text`), with or without the SVG namespace; "" for a comment."""
    return element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""


def _anchor(on_y_axis: bool, text: ElementTree.Element) -> str:
    if on_y_axis:
        return "end"
    if text.get("transform"):  # a slanted label hangs from its tick
        return "end" if "backwards" in _classes(text) else "start"
    return "middle"


def _paint(svg: ElementTree.Element, label_axis: str) -> None:
    """What pygal's stylesheet did, as attributes: transparent backgrounds, coloured bars, dashed guides across
    the values (none across the labels), text in the page's own colour and anchored as pygal anchors it."""
    for axis in (element for element in svg.iter() if "axis" in _classes(element)):
        for element in axis.iter():
            if _tag(element) == "text":
                element.set("text-anchor", _anchor("y" in _classes(axis), element))
            elif _tag(element) == "path" and label_axis in _classes(axis) and "always_show" not in _classes(axis):
                element.set("stroke", "none")
    for element in svg.iter():
        tag, classes = _tag(element), _classes(element)
        if tag == "rect" and "background" in classes:
            element.set("fill", "none")
        elif tag == "rect" and "rect" in classes:
            element.set("fill", BAR_COLOUR)
        elif tag == "path" and "line" in classes and element.get("stroke") != "none":
            element.set("fill", "none")
            element.set("stroke", GUIDE_COLOUR)
            if "guide" in classes and "major" not in classes:
                element.set("stroke-dasharray", "4,4")
        elif tag == "text":
            element.set("fill", "currentColor")
            element.set("font-size", str(FONT_SIZE))
