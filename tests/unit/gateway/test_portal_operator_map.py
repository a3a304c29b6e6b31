"""The operators' network map: counting per voivodeship, shading, label points on the vendored outlines, and the
page drawing every voivodeship with its figures in both languages."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from lowe_backbone.contracts.vocabulary import VOIVODESHIPS
from lowe_gateway.accounts.model import Account, PortalSession
from lowe_gateway.identity.keys import OPERATOR
from lowe_gateway.portal.i18n import environment
from lowe_gateway.portal.network_map import SHADES, label_point, map_shapes, network_figures, rings, shade
from lowe_gateway.portal.visits import Visit


def published(*regions: str, status: str = "published") -> dict[str, object]:
    return {"status": status, "regions": list(regions), "nationwide": not regions}


def test_centres_are_counted_in_their_voivodeship() -> None:
    figures = network_figures([{"voivodeship": "14"}, {"voivodeship": "14"}, {"voivodeship": "02"}], [])

    assert figures.region("14").centres == 2 and figures.region("02").centres == 1
    assert figures.region("12").centres == 0 and figures.centres == 3


def test_an_opportunity_counts_in_every_voivodeship_it_names_and_once_in_all() -> None:
    figures = network_figures([], [published("14", "12"), published("14")])

    assert figures.region("14").opportunities == 2 and figures.region("12").opportunities == 1
    assert figures.opportunities == 2 and figures.nationwide == 0


def test_nationwide_opportunities_are_counted_apart_from_the_voivodeships() -> None:
    figures = network_figures([], [published(), published("30")])

    assert figures.nationwide == 1 and figures.opportunities == 2
    assert sum(region.opportunities for region in figures.regions) == 1


def test_only_published_opportunities_are_open() -> None:
    others = [published("14", status=status) for status in ("draft", "closed", "withdrawn")]

    figures = network_figures([], others)

    assert figures.opportunities == 0 and figures.region("14").opportunities == 0


def test_every_voivodeship_has_figures_in_teryt_order() -> None:
    assert [region.code for region in network_figures([], []).regions] == list(VOIVODESHIPS)


@pytest.mark.parametrize(
    ("count", "highest", "expected"), [(0, 10, 0), (1, 10, 1), (5, 10, 2), (10, 10, SHADES), (3, 0, 0)]
)
def test_the_shade_grows_with_the_count_up_to_the_highest(count: int, highest: int, expected: int) -> None:
    assert shade(count, highest) == expected


def test_the_shade_follows_the_chosen_figure() -> None:
    centres = [{"voivodeship": "02"}] * 4
    opportunities = [published("14")]

    by_opportunities = network_figures(centres, opportunities, "opportunities")
    by_centres = network_figures(centres, opportunities, "centres")

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
    figures = network_figures([{"voivodeship": "14"}] * 3, [published("14"), published()])

    html = (
        environment(language)
        .get_template("operator_network.html")
        .render(visit=visit(language), lang=language, organisation_name=None, network=figures, shapes=map_shapes())
    )

    assert html.count("<path ") == 16 and 'role="img"' in html
    assert f"<title>{masovia}: " in html and '<th scope="row">' + masovia + "</th>" in html
    assert ">3 / 1</text>" in html and nationwide in html
    assert "<script" not in html and "style=" not in html
