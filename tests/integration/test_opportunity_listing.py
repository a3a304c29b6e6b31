"""Listing and searching opportunities over HTTP: filters, and pages that stay stable while new ones arrive."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import requests

from tests.integration.gateway_helpers import Network

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
def catalogue(network: Network) -> dict[str, str]:
    partner = network.verified_partner(
        {"name": "Fundacja Katalog", "sector": "social", "email": "katalog@example.pl", "voivodeship": "26"}
    )
    ids = {}
    for title, (kind, topics, regions, groups, starts_in, publish) in CATALOGUE.items():
        created = network.create(
            "/api/v1/opportunities",
            {
                "partner_id": partner["id"],
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
            assert network.post(f"/api/v1/opportunities/{created['id']}/publish").status_code == 200
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
    network: Network, catalogue: dict[str, str], params: dict[str, Any], expected: set[str]
) -> None:
    assert titles(network, **params) == expected


def test_pages_stay_stable_while_new_opportunities_are_published(network: Network, catalogue: dict[str, str]) -> None:
    partner_id = partner_of(network)
    seen: list[str] = []
    response = network.get("/api/v1/opportunities", params={"partner_id": partner_id, "page_size": 2})
    while True:
        page = response.json()
        assert len(page["items"]) <= 2
        seen += [item["id"] for item in page["items"]]
        if len(seen) == 2:  # something new arrives between pages: it must not shift what follows
            network.create(
                "/api/v1/opportunities",
                {
                    "partner_id": partner_id,
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
    ],
)
def test_a_bad_query_parameter_is_a_400_naming_it(network: Network, params: dict[str, Any], field: str) -> None:
    response = network.get("/api/v1/opportunities", params=params)
    assert response.status_code == 400, response.text
    assert field in response.json()["error"]["fields"]


def test_the_listing_answers_json_with_the_opportunity_shape(network: Network, catalogue: dict[str, str]) -> None:
    response = requests.get(f"{network.url}/api/v1/opportunities", params={"q": "Warsztaty"}, timeout=10)
    [item] = response.json()["items"]
    assert item["id"] == catalogue["Warsztaty rodzicielskie"]
    assert item["starts_at"] == when(50)
    assert (item["status"], item["free"], item["delivery_mode"]) == ("published", True, "on_site")
