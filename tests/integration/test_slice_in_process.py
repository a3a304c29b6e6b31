"""The walking skeleton through the real gateway, services, broker and databases, in one test process."""

from __future__ import annotations

import requests

from tests.support import wait_for

PARTNER = {
    "name": "Powiatowy Urząd Pracy w Kielcach",
    "sector": "public",
    "email": "pup@example.pl",
    "voivodeship": "26",
}
CENTRE = {"name": "LOWE Bodzentyn", "voivodeship": "26", "municipality": "Bodzentyn"}


def test_published_opportunity_reaches_the_subscribed_centres_feed_and_inbox(gateway_url: str) -> None:
    partner = requests.post(f"{gateway_url}/api/v1/partners", json=PARTNER, timeout=10).json()
    verified = requests.post(f"{gateway_url}/api/v1/partners/{partner['id']}/verify", timeout=10)
    assert verified.status_code == 200 and verified.json()["status"] == "verified"
    centre = requests.post(f"{gateway_url}/api/v1/centres", json=CENTRE, timeout=10).json()
    subscribed = requests.post(
        f"{gateway_url}/api/v1/centres/{centre['id']}/subscriptions",
        json={"name": "Cyfrowe", "topics": ["digital_skills"], "kinds": ["course"]},
        timeout=10,
    )
    assert subscribed.status_code == 201
    opportunity = requests.post(
        f"{gateway_url}/api/v1/opportunities",
        json={
            "partner_id": partner["id"],
            "kind": "course",
            "title": "Komputer bez tajemnic",
            "description": "Kurs dla seniorów",
            "topics": ["digital_skills", "culture"],
            "target_groups": ["seniors"],
            "regions": ["26"],
        },
        timeout=10,
    ).json()

    published = requests.post(f"{gateway_url}/api/v1/opportunities/{opportunity['id']}/publish", timeout=10)
    assert published.status_code == 200

    feed = wait_for(
        lambda: requests.get(f"{gateway_url}/api/v1/centres/{centre['id']}/feed", timeout=10).json()["items"],
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
        lambda: requests.get(f"{gateway_url}/api/v1/centres/{centre['id']}/notifications", timeout=10).json()[
            "notifications"
        ],
        timeout=5,
        what="the notification",
    )
    assert inbox[0]["data"]["opportunity_id"] == opportunity["id"]
