"""The operators' network map: per voivodeship, how many centres and open opportunities there are, a shade by
count, and where on the vendored outlines (`static/poland-voivodeships.json`, licence beside it) to write them."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from math import ceil
from typing import Any

from lowe_backbone.contracts.vocabulary import VOIVODESHIPS

SHADES = 4  # shade 0 is "none"; 1..SHADES grow with the count
SHADE_BY = ("opportunities", "centres")
_COMMAND = re.compile(r"([MmLlZz])([^MmLlZz]*)")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


@dataclass(frozen=True)
class RegionShape:
    code: str
    path: str
    label_x: float
    label_y: float


@dataclass(frozen=True)
class MapShapes:
    width: int
    height: int
    regions: tuple[RegionShape, ...]


@dataclass(frozen=True)
class RegionFigures:
    code: str
    centres: int
    opportunities: int
    shade: int


@dataclass(frozen=True)
class NetworkFigures:
    regions: tuple[RegionFigures, ...]  # every voivodeship, in TERYT order
    nationwide: int  # open opportunities held nationwide (no voivodeship named)
    centres: int
    opportunities: int  # open ones, each counted once
    shade_by: str

    def region(self, code: str) -> RegionFigures:
        return next(region for region in self.regions if region.code == code)


def rings(path: str) -> list[list[tuple[float, float]]]:
    """The closed outlines of an SVG path made of moves, lines (absolute or relative) and closes."""
    found: list[list[tuple[float, float]]] = []
    x = y = 0.0
    for command, arguments in _COMMAND.findall(path):
        numbers = [float(n) for n in _NUMBER.findall(arguments)]
        pairs = list(zip(numbers[::2], numbers[1::2], strict=False))
        if command in "Zz":
            continue
        for index, (dx, dy) in enumerate(pairs):
            relative = command.islower()
            x, y = (x + dx, y + dy) if relative else (dx, dy)
            if command in "Mm" and index == 0:
                found.append([])
            found[-1].append((x, y))
    return [ring for ring in found if len(ring) >= 3]


def _area_and_centroid(ring: list[tuple[float, float]]) -> tuple[float, float, float]:
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    area /= 2
    if area == 0:
        return 0.0, ring[0][0], ring[0][1]
    return abs(area), cx / (6 * area), cy / (6 * area)


def label_point(path: str) -> tuple[float, float]:
    """The centroid of the largest outline (an island or an exclave does not pull the label off the mainland)."""
    _, x, y = max((_area_and_centroid(ring) for ring in rings(path)), key=lambda found: found[0])
    return round(x, 1), round(y, 1)


@cache
def map_shapes() -> MapShapes:
    data = json.loads(files("lowe_gateway.portal").joinpath("static", "poland-voivodeships.json").read_text("utf-8"))
    regions = tuple(
        RegionShape(code, data["regions"][code], *label_point(data["regions"][code])) for code in VOIVODESHIPS
    )
    return MapShapes(int(data["width"]), int(data["height"]), regions)


def shade(count: int, highest: int) -> int:
    """0 for none; otherwise 1..SHADES in proportion to the highest count on the map."""
    if count <= 0 or highest <= 0:
        return 0
    return max(1, min(SHADES, ceil(count * SHADES / highest)))


def network_figures(
    centres: Mapping[str, Any], opportunities: Mapping[str, Any], shade_by: str = SHADE_BY[0]
) -> NetworkFigures:
    """From the services' counts: `centres.count_centres_by_voivodeship` and `partners.count_open_opportunities`
    (where one held in two voivodeships counts in both, and once in the total)."""
    centre_counts: Mapping[str, int] = centres["voivodeships"]
    opportunity_counts: Mapping[str, int] = opportunities["voivodeships"]
    by = opportunity_counts if shade_by == "opportunities" else centre_counts
    highest = max((by.get(code, 0) for code in VOIVODESHIPS), default=0)
    regions = tuple(
        RegionFigures(
            code, centre_counts.get(code, 0), opportunity_counts.get(code, 0), shade(by.get(code, 0), highest)
        )
        for code in VOIVODESHIPS
    )
    return NetworkFigures(regions, opportunities["nationwide"], centres["total"], opportunities["total"], shade_by)
