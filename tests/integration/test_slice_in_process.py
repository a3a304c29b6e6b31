"""The walking skeleton through the real gateway, services, broker and databases, in one test process: an operator
registers a partner and a centre, each then acts with the key its registration answered."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import requests

from tests.integration.gateway_helpers import operator_key
from tests.support import wait_for

PARTNER = {
    "name": "Powiatowy Urząd Pracy w Kielcach",
    "sector": "public",
    "email": "pup@example.pl",
    "voivodeship": "26",
}
CENTRE = {"name": "LOWE Bodzentyn", "voivodeship": "26", "municipality": "Bodzentyn"}


def test_published_opportunity_reaches_the_subscribed_centres_feed_and_inbox(
    gateway_url: str, database_url: Callable[[str], str]
) -> None:
    operator = operator_key(database_url("gateway"))

    def call(method: str, path: str, key: str, body: Any = None) -> requests.Response:
        headers = {"Authorization": f"Bearer {key}"}
        return requests.request(method, f"{gateway_url}{path}", json=body, headers=headers, timeout=10)

    partner = call("POST", "/api/v1/partners", operator, PARTNER).json()
    verified = call("POST", f"/api/v1/partners/{partner['id']}/verify", operator)
    assert verified.status_code == 200 and verified.json()["status"] == "verified"
    centre = call("POST", "/api/v1/centres", operator, CENTRE).json()
    as_partner, as_centre = partner["api_key"]["key"], centre["api_key"]["key"]
    subscribed = call(
        "POST",
        f"/api/v1/centres/{centre['id']}/subscriptions",
        as_centre,
        {"name": "Cyfrowe", "topics": ["digital_skills"], "kinds": ["course"]},
    )
    assert subscribed.status_code == 201
    opportunity = call(
        "POST",
        "/api/v1/opportunities",
        as_partner,
        {
            "kind": "course",
            "title": "Komputer bez tajemnic",
            "description": "Kurs dla seniorów",
            "topics": ["digital_skills", "culture"],
            "target_groups": ["seniors"],
            "regions": ["26"],
        },
    ).json()
    assert opportunity["partner_id"] == partner["id"]

    published = call("POST", f"/api/v1/opportunities/{opportunity['id']}/publish", as_partner)
    assert published.status_code == 200

    feed = wait_for(
        lambda: call("GET", f"/api/v1/centres/{centre['id']}/feed", as_centre).json()["items"],
        timeout=5,
        what="the feed entry",
    )
    assert [item["opportunity"]["id"] for item in feed] == [opportunity["id"]]
    assert feed[0]["reasons"] == {
        "kind": "course",
        "topics": ["digital_skills"],
        "region": "26",
        "subscriptions": ["Cyfrowe"],
    }
    inbox = wait_for(
        lambda: call("GET", "/api/v1/notifications", as_centre).json()["notifications"],
        timeout=5,
        what="the notification",
    )
    assert inbox[0]["data"]["opportunity_id"] == opportunity["id"]
