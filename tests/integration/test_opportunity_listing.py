"""Listing and searching opportunities over HTTP: filters, and pages that stay stable while new ones arrive."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tests.integration.gateway_helpers import CENTRE, Network

START = datetime.now(UTC).replace(microsecond=0) + timedelta(days=20)


def when(days: int) -> str:
    return (START + timedelta(days=days)).isoformat()


# title: (kind, topics, regions, target groups, starts in days, published)
CATALOGUE: dict[str, tuple[str, list[str], list[str], list[str], int, bool]] = {
    "Kurs komputerowy dla seniorów": ("course", ["digital_skills"], ["26"], ["seniors"], 1, True),
    "Język angielski w pracy": ("course", ["languages", "vocational"], ["14"], ["unemployed"], 5, True),
    "Wolontariat w bibliotece": ("volunteering", ["culture"], [], [], 10, True),
    "Nabór grantów na ekologię": ("funding_call", ["ecology"], ["26", "12"], [], 30, True),
    "Szkolenie dla edukatorów": ("training", ["digital_skills"], [], ["adult_educators"], 40, False),
    "Warsztaty rodzicielskie": ("workshop", ["parenting"], ["12"], ["families_at_risk"], 50, True),
}


@pytest.fixture(scope="module")
def as_partner(network: Network) -> Network:
    return network.partner(
        {"name": "Fundacja Katalog", "sector": "social", "email": "katalog@example.pl", "voivodeship": "26"}
    )[1]


@pytest.fixture(scope="module")
def catalogue(as_partner: Network) -> dict[str, str]:
    ids = {}
    for title, (kind, topics, regions, groups, starts_in, publish) in CATALOGUE.items():
        created = as_partner.create(
            "/api/v1/opportunities",
            {
                "kind": kind,
                "title": title,
                "description": f"{title}: szczegóły.",
                "topics": topics,
                "regions": regions,
                "target_groups": groups,
                "starts_at": when(starts_in),
            },
        )
        if publish:
            assert as_partner.post(f"/api/v1/opportunities/{created['id']}/publish").status_code == 200
        ids[title] = created["id"]
    return ids


def titles(network: Network, **params: Any) -> set[str]:
    response = network.get("/api/v1/opportunities", params={**params, "partner_id": partner_of(network)})
    assert response.status_code == 200, response.text
    return {item["title"] for item in response.json()["items"]}


def partner_of(network: Network) -> str:
    page = network.get("/api/v1/opportunities", params={"q": "Kurs komputerowy"}).json()
    return str(page["items"][0]["partner_id"])


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "course"}, {"Kurs komputerowy dla seniorów", "Język angielski w pracy"}),
        ({"kind": ["volunteering", "workshop"]}, {"Wolontariat w bibliotece", "Warsztaty rodzicielskie"}),
        ({"topic": "digital_skills"}, {"Kurs komputerowy dla seniorów", "Szkolenie dla edukatorów"}),
        ({"target_group": "unemployed"}, {"Język angielski w pracy"}),
        (
            {"region": "12"},
            {
                "Nabór grantów na ekologię",
                "Warsztaty rodzicielskie",
                "Wolontariat w bibliotece",
                "Szkolenie dla edukatorów",
            },
        ),
        ({"status": "draft"}, {"Szkolenie dla edukatorów"}),
        ({"q": "BIBLIOTE"}, {"Wolontariat w bibliotece"}),
        ({"q": "szczegóły", "kind": "funding_call"}, {"Nabór grantów na ekologię"}),
        ({"q": "100%"}, set()),
        (
            {"starts_from": when(5), "starts_until": when(31)},
            {"Język angielski w pracy", "Wolontariat w bibliotece", "Nabór grantów na ekologię"},
        ),
    ],
    ids=[
        "kind",
        "kinds",
        "topic",
        "target-group",
        "region-or-nationwide",
        "status",
        "text",
        "text-and-kind",
        "like-wildcards-are-literal",
        "start-range",
    ],
)
def test_filters_select_exactly_the_matching_opportunities(
    network: Network, as_partner: Network, catalogue: dict[str, str], params: dict[str, Any], expected: set[str]
) -> None:
    assert titles(network, **params) == expected  # an operator's key, which lists drafts too
    assert titles(as_partner, **params) == expected  # the partner lists its own drafts


def test_drafts_are_listed_to_their_partner_and_operators_only(
    network: Network, as_partner: Network, catalogue: dict[str, str]
) -> None:
    draft = "Szkolenie dla edukatorów"
    _, as_centre = network.centre(CENTRE)
    _, as_rival = network.partner(
        {"name": "Fundacja Obca", "sector": "social", "email": "o@example.pl", "voivodeship": "26"}
    )
    assert draft in titles(network) and draft in titles(as_partner)
    for other in (as_centre, as_rival):
        assert titles(other) == set(CATALOGUE) - {draft}
        assert titles(other, status="draft") == set()
        assert other.get(f"/api/v1/opportunities/{catalogue[draft]}").status_code == 404


def test_pages_stay_stable_while_new_opportunities_are_published(
    network: Network, as_partner: Network, catalogue: dict[str, str]
) -> None:
    partner_id = partner_of(network)
    seen: list[str] = []
    response = network.get("/api/v1/opportunities", params={"partner_id": partner_id, "page_size": 2})
    while True:
        page = response.json()
        assert len(page["items"]) <= 2
        seen += [item["id"] for item in page["items"]]
        if len(seen) == 2:  # something new arrives between pages: it must not shift what follows
            as_partner.create(
                "/api/v1/opportunities",
                {
                    "kind": "job",
                    "title": "Nowa oferta pracy",
                    "description": "Praca",
                    "topics": ["vocational"],
                    "regions": ["26"],
                },
            )
        if page["next_cursor"] is None:
            break
        response = network.get(
            "/api/v1/opportunities", params={"partner_id": partner_id, "page_size": 2, "cursor": page["next_cursor"]}
        )
        assert response.status_code == 200, response.text

    assert len(seen) == len(set(seen)) == len(catalogue)
    assert set(seen) == set(catalogue.values())


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"kind": "lecture"}, "kind"),
        ({"page_size": "0"}, "page_size"),
        ({"page_size": "101"}, "page_size"),
        ({"cursor": "not-a-cursor"}, "cursor"),
        ({"starts_from": when(10), "starts_until": when(1)}, "starts_until"),
        ({"colour": "blue"}, "colour"),
        ({"limit": "10"}, "limit"),
        ({"partner_id": "partner-one"}, "partner_id"),
    ],
)
def test_a_bad_query_parameter_is_a_400_naming_it(network: Network, params: dict[str, Any], field: str) -> None:
    response = network.get("/api/v1/opportunities", params=params)
    assert response.status_code == 400, response.text
    assert field in response.json()["error"]["fields"]


def test_the_listing_answers_json_with_the_opportunity_shape(network: Network, catalogue: dict[str, str]) -> None:
    _, as_centre = network.centre(CENTRE)  # any key lists the published ones
    response = as_centre.get("/api/v1/opportunities", params={"q": "Warsztaty"})
    assert (response.status_code, response.headers["Content-Type"]) == (200, "application/json"), response.text
    [item] = response.json()["items"]
    assert item["id"] == catalogue["Warsztaty rodzicielskie"]
    assert item["starts_at"] == when(50)
    assert (item["status"], item["free"], item["delivery_mode"]) == ("published", True, "on_site")
