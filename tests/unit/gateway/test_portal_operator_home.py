"""The operators' home and network map read the network's figures in a fixed number of calls, whatever its size:
each service counts its own, so totals far beyond a few pages of a listing come out whole."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest

from lowe_backbone.contracts.vocabulary import VOIVODESHIPS
from lowe_gateway.portal.home import operator_home
from lowe_gateway.portal.operator_reads import read_network

COUNTS = ["count_centres_by_voivodeship", "count_open_opportunities", "count_partners_by_status"]


class FakeCentres:
    """`size` centres spread over the voivodeships in TERYT order."""

    def __init__(self, size: int) -> None:
        codes = list(VOIVODESHIPS)
        self.voivodeships = Counter(codes[number % len(codes)] for number in range(size))

    def count_centres_by_voivodeship(self) -> dict[str, Any]:
        counts = {code: self.voivodeships[code] for code in VOIVODESHIPS}
        return {"voivodeships": counts, "total": sum(counts.values())}


class FakePartners:
    """`size` partners, every fourth one pending; `size` open opportunities, each in Masovia and Lesser Poland, and
    one in ten nationwide."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.statuses = Counter("pending" if number % 4 == 0 else "verified" for number in range(size))

    def count_partners_by_status(self) -> dict[str, int]:
        return {status: self.statuses[status] for status in ("pending", "verified", "suspended")}

    def count_open_opportunities(self) -> dict[str, Any]:
        nationwide = self.size // 10
        held = self.size - nationwide
        voivodeships = {code: held if code in ("12", "14") else 0 for code in VOIVODESHIPS}
        return {"voivodeships": voivodeships, "nationwide": nationwide, "total": self.size}


class Calls:
    """Makes each call as the gateway's `_call` would, and keeps the names of the methods called."""

    def __init__(self) -> None:
        self.made: list[str] = []

    def __call__(self, method: Callable[..., Any], *args: Any, **_options: Any) -> Any:
        self.made.append(method.__name__)
        return method(*args)


@pytest.mark.parametrize("size", [0, 150, 12_000])
def test_the_home_page_makes_three_calls_however_large_the_network(size: int) -> None:
    calls = Calls()

    home = operator_home(calls, FakePartners(size), FakeCentres(size))

    assert calls.made == COUNTS
    assert home["partner_count"] == size and home["pending_count"] == (size + 3) // 4
    assert home["centre_count"] == size and home["network"].centres == size
    assert home["network"].opportunities == size and home["network"].nationwide == size // 10
    assert home["network"].region("14").opportunities == size - size // 10


def test_the_home_page_shows_each_voivodeships_count_as_the_centres_service_gives_it() -> None:
    centres = FakeCentres(12_000)

    network = operator_home(Calls(), FakePartners(0), centres)["network"]

    assert {region.code: region.centres for region in network.regions} == centres.voivodeships


@pytest.mark.parametrize(
    ("asked", "shaded_by"),
    [
        ("centres", "centres"),
        ("opportunities", "opportunities"),
        (None, "opportunities"),
        ("partners", "opportunities"),
    ],
)
def test_the_network_page_reads_the_two_counts_and_shades_by_the_figure_asked_for(
    asked: str | None, shaded_by: str
) -> None:
    calls = Calls()

    network = read_network(calls, FakePartners(40), FakeCentres(40), asked)

    assert calls.made == COUNTS[:2] and network.shade_by == shaded_by
