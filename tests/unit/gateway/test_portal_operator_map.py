"""The operators' network map: the services' counts per voivodeship, shading, label points on the vendored outlines,
and the page drawing every voivodeship with its figures in both languages."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest

from lowe_backbone.contracts.vocabulary import VOIVODESHIPS
from lowe_gateway.accounts.model import Account, PortalSession
from lowe_gateway.identity.keys import OPERATOR
from lowe_gateway.portal.i18n import environment
from lowe_gateway.portal.network_map import SHADES, label_point, map_shapes, network_figures, rings, shade
from lowe_gateway.portal.visits import Visit


def centres(counts: dict[str, int]) -> dict[str, Any]:
    """As `centres.count_centres_by_voivodeship` answers."""
    return {"voivodeships": {**dict.fromkeys(VOIVODESHIPS, 0), **counts}, "total": sum(counts.values())}


def opportunities(counts: dict[str, int], nationwide: int = 0, total: int = 0) -> dict[str, Any]:
    """As `partners.count_open_opportunities` answers."""
    return {"voivodeships": {**dict.fromkeys(VOIVODESHIPS, 0), **counts}, "nationwide": nationwide, "total": total}


def test_each_voivodeship_shows_its_centres_and_open_opportunities_as_the_services_count_them() -> None:
    figures = network_figures(centres({"14": 2, "02": 1}), opportunities({"14": 2, "12": 1}, total=2))

    assert (figures.region("14").centres, figures.region("14").opportunities) == (2, 2)
    assert (figures.region("02").centres, figures.region("12").opportunities) == (1, 1)
    assert (figures.region("12").centres, figures.region("02").opportunities) == (0, 0)


def test_the_totals_and_the_nationwide_ones_are_the_services_not_sums_of_the_voivodeships() -> None:
    figures = network_figures(centres({"14": 7_000, "02": 5_000}), opportunities({"14": 2, "12": 1}, 4, total=5))

    assert figures.centres == 12_000 and figures.opportunities == 5 and figures.nationwide == 4


def test_every_voivodeship_has_figures_in_teryt_order_even_one_the_answer_leaves_out() -> None:
    figures = network_figures({"voivodeships": {"14": 3}, "total": 3}, opportunities({}))

    assert [region.code for region in figures.regions] == list(VOIVODESHIPS)
    assert figures.region("02").centres == 0 and figures.region("14").centres == 3


@pytest.mark.parametrize(
    ("count", "highest", "expected"), [(0, 10, 0), (1, 10, 1), (5, 10, 2), (10, 10, SHADES), (3, 0, 0)]
)
def test_the_shade_grows_with_the_count_up_to_the_highest(count: int, highest: int, expected: int) -> None:
    assert shade(count, highest) == expected


def test_the_shade_follows_the_chosen_figure() -> None:
    centre_counts, opportunity_counts = centres({"02": 4}), opportunities({"14": 1}, total=1)

    by_opportunities = network_figures(centre_counts, opportunity_counts, "opportunities")
    by_centres = network_figures(centre_counts, opportunity_counts, "centres")

    assert by_opportunities.region("14").shade == SHADES and by_opportunities.region("02").shade == 0
    assert by_centres.region("02").shade == SHADES and by_centres.region("14").shade == 0


def test_a_path_of_relative_lines_is_read_into_its_outlines() -> None:
    assert rings("M10,10l10,0l0,10l-10,0Z M50,50l1,0l0,1Z") == [
        [(10, 10), (20, 10), (20, 20), (10, 20)],
        [(50, 50), (51, 50), (51, 51)],
    ]


def test_the_label_sits_at_the_centre_of_the_largest_outline() -> None:
    assert label_point("M0,0L10,0L10,10L0,10Z M100,100l1,0l0,1Z") == (5.0, 5.0)


def test_the_vendored_map_has_every_voivodeship_with_its_label_inside_the_map() -> None:
    shapes = map_shapes()

    assert [region.code for region in shapes.regions] == list(VOIVODESHIPS)
    for region in shapes.regions:
        assert region.path.startswith("M")
        assert 0 < region.label_x < shapes.width and 0 < region.label_y < shapes.height


def visit(language: str) -> Visit:
    at = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    account = Account(uuid.uuid4(), "op@example.pl", "Op", OPERATOR, None, language, at, "h")
    return Visit(language, "csrf-token", "127.0.0.1", account, PortalSession("x", account.id, "csrf-token", at, at))


@pytest.mark.parametrize(
    ("language", "masovia", "nationwide"), [("pl", "Mazowieckie", "Ogólnopolskie"), ("en", "Masovian", "Nationwide")]
)
def test_the_network_page_draws_each_voivodeship_with_a_tooltip_and_a_table(
    language: str, masovia: str, nationwide: str
) -> None:
    figures = network_figures(centres({"14": 3}), opportunities({"14": 1}, nationwide=1, total=2))

    html = (
        environment(language)
        .get_template("operator_network.html")
        .render(visit=visit(language), lang=language, organisation_name=None, network=figures, shapes=map_shapes())
    )

    assert html.count("<path ") == 16 and 'role="img"' in html
    assert f"<title>{masovia}: " in html and '<th scope="row">' + masovia + "</th>" in html
    assert ">3 / 1</text>" in html and nationwide in html
    assert "<script" not in html and "style=" not in html
