"""The notifications routes through the gateway, with the whole network: inbox, preferences, webhooks, the
operators' ledger and the unsubscribe link — and the partners' and centres' news reaching the right inbox."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
from nameko.containers import ServiceContainer

from lowe_centres.service import CentresService
from lowe_events.service import EventsService
from lowe_gateway.service import GatewayService
from lowe_notifications.service import NotificationsService
from lowe_partners.service import PartnersService
from tests.fixtures.services import free_port
from tests.integration.test_notifications_delivery import SmtpCatcher, fast
from tests.support import wait_for

UNKNOWN_ID = "5f0c7b9e-2d41-4c3a-9e8b-7a6d5c4b3a21"
PARTNER = {"name": "Fundacja Cyfrowa", "sector": "public", "email": "biuro@fundacja.pl", "voivodeship": "26"}
CENTRE = {"name": "LOWE Bodzentyn", "voivodeship": "26", "municipality": "Bodzentyn", "email": "lowe@bodzentyn.pl"}


class Api:
    def __init__(self, url: str) -> None:
        self.url = url

    def call(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        return requests.request(method, self.url + path, timeout=10, **kwargs)

    def ok(self, method: str, path: str, status: int = 200, **kwargs: Any) -> Any:
        response = self.call(method, path, **kwargs)
        assert response.status_code == status, response.text
        return response.json() if response.content else None

    def error(self, method: str, path: str, status: int, **kwargs: Any) -> dict[str, Any]:
        response = self.call(method, path, **kwargs)
        assert response.status_code == status, response.text
        error: dict[str, Any] = response.json()["error"]
        return error


@pytest.fixture
def smtp(tmp_path: Path) -> Iterator[SmtpCatcher]:
    catcher = SmtpCatcher(tmp_path, free_port()).start()
    yield catcher
    catcher.stop()


@pytest.fixture
def api(start_service: Callable[..., ServiceContainer], smtp: SmtpCatcher) -> Api:
    for service_cls in (PartnersService, CentresService, EventsService):
        start_service(service_cls)
    start_service(NotificationsService, **fast(smtp.port))
    port = free_port()
    start_service(GatewayService, WEB_SERVER_ADDRESS=f"127.0.0.1:{port}")
    return Api(f"http://127.0.0.1:{port}")


@pytest.fixture
def matched(api: Api) -> dict[str, Any]:
    """A centre subscribed to courses; a verified partner published one; the centre was told."""
    centre = api.ok("POST", "/api/v1/centres", 201, json=CENTRE)
    api.ok("POST", f"/api/v1/centres/{centre['id']}/subscriptions", 201, json={"name": "Kursy", "kinds": ["course"]})
    partner = api.ok("POST", "/api/v1/partners", 201, json=PARTNER)
    api.ok("POST", f"/api/v1/partners/{partner['id']}/verify")
    body = {
        "partner_id": partner["id"],
        "kind": "course",
        "title": "Komputer bez tajemnic",
        "description": "Kurs dla seniorów",
        "topics": ["digital_skills"],
        "target_groups": ["seniors"],
        "regions": ["26"],
    }
    opportunity = api.ok("POST", "/api/v1/opportunities", 201, json=body)
    api.ok("POST", f"/api/v1/opportunities/{opportunity['id']}/publish")
    inbox = f"/api/v1/centres/{centre['id']}/notifications"
    wait_for(lambda: api.ok("GET", inbox)["notifications"], timeout=15, what="the centre's notification")
    return {"centre": centre, "partner": partner, "opportunity": opportunity}


def test_a_match_reaches_the_centres_inbox_and_its_email_looked_up_from_the_centres_service(
    api: Api, matched: dict[str, Any], smtp: SmtpCatcher
) -> None:
    centre = matched["centre"]
    inbox = api.ok("GET", f"/api/v1/centres/{centre['id']}/notifications")

    [entry] = inbox["notifications"]
    assert (entry["type"], entry["title"], inbox["unread"]) == (
        "opportunity_matched",
        "Nowa oferta (kurs): Komputer bez tajemnic",
        1,
    )
    messages = wait_for(lambda: [m for m in smtp.messages() if m["To"] == CENTRE["email"]], what="the centre's e-mail")
    assert messages[0]["Subject"] == entry["title"]
    preferences = api.ok("GET", f"/api/v1/centres/{centre['id']}/notification-preferences")
    assert (preferences["email"], preferences["email_source"]) == (CENTRE["email"], "lookup")


def test_the_inbox_pages_filters_and_marks_read_for_its_owner_only(api: Api, matched: dict[str, Any]) -> None:
    centre, partner = matched["centre"], matched["partner"]
    path = f"/api/v1/centres/{centre['id']}/notifications"
    [entry] = api.ok("GET", path)["notifications"]

    assert api.ok("GET", path, params={"type": "opportunity_withdrawn"})["notifications"] == []
    error = api.error("POST", f"/api/v1/partners/{partner['id']}/notifications/{entry['id']}/read", 404)
    assert error["fields"] == {"notification_id": entry["id"]}
    read = api.ok("POST", f"{path}/{entry['id']}/read")
    assert read["read_at"] is not None
    assert api.ok("GET", path, params={"unread": "true"}) == {"notifications": [], "unread": 0}
    assert api.error("GET", path, 400, params={"limit": 0})["fields"] == {
        "limit": ["Must be greater than or equal to 1 and less than or equal to 100."]
    }
    assert list(api.error("GET", path, 400, params={"cursor": "nonsense"})["fields"]) == ["cursor"]
    assert api.error("GET", f"/api/v1/centres/{UNKNOWN_ID}/notifications", 404)["fields"] == {"centre_id": UNKNOWN_ID}


def test_the_partner_is_told_of_its_verification_and_of_a_centres_interest(api: Api, matched: dict[str, Any]) -> None:
    partner, centre = matched["partner"], matched["centre"]
    path = f"/api/v1/partners/{partner['id']}/notifications"

    api.ok("POST", f"/api/v1/centres/{centre['id']}/feed/{_entry(api, centre)}/interest", 201, json={"places": 2})

    titles = wait_for(
        lambda: [n["title"] for n in api.ok("GET", path)["notifications"] if n["type"] == "interest_expressed"],
        what="the interest",
    )
    assert titles == ["Nowe zgłoszenie: Komputer bez tajemnic"]
    types = [n["type"] for n in api.ok("GET", path)["notifications"]]
    assert types == ["interest_expressed", "partner_verified"]
    page = api.ok("GET", path, params={"limit": 1})
    second = api.ok("GET", path, params={"limit": 1, "cursor": page["next_cursor"]})
    assert [n["type"] for n in page["notifications"] + second["notifications"]] == types
    assert "next_cursor" not in second


def _entry(api: Api, centre: dict[str, Any]) -> str:
    feed = api.ok("GET", f"/api/v1/centres/{centre['id']}/feed")
    return str(feed["items"][0]["id"])


def test_a_withdrawal_is_told_to_the_centres_it_reached(api: Api, matched: dict[str, Any]) -> None:
    centre, opportunity = matched["centre"], matched["opportunity"]
    api.ok("POST", f"/api/v1/opportunities/{opportunity['id']}/withdraw")

    path = f"/api/v1/centres/{centre['id']}/notifications"
    found = wait_for(lambda: api.ok("GET", path, params={"type": "opportunity_withdrawn"})["notifications"], what="it")
    assert found[0]["title"] == "Oferta wycofana: Komputer bez tajemnic"


def test_preferences_are_validated_and_kept(api: Api, matched: dict[str, Any]) -> None:
    path = f"/api/v1/centres/{matched['centre']['id']}/notification-preferences"

    bad = api.error("PUT", path, 400, json={"types": {"opportunity_matched": {"channels": ["fax"]}}, "colour": 1})
    assert set(bad["fields"]) == {"types", "colour"}
    assert list(api.error("PUT", path, 400, json={"digest_hour": 24})["fields"]) == ["digest_hour"]
    wanted = {"channels": ["in_app", "email"], "mode": "daily_digest", "language": "en"}
    saved = api.ok("PUT", path, json={"language": "en", "digest_hour": 18, "types": {"opportunity_matched": wanted}})

    assert (saved["language"], saved["digest_hour"]) == ("en", 18)
    assert saved["types"] == {"opportunity_matched": wanted}
    assert api.ok("GET", path) == saved


def test_webhooks_are_registered_listed_and_removed(api: Api, matched: dict[str, Any]) -> None:
    path = f"/api/v1/partners/{matched['partner']['id']}/webhooks"

    created = api.ok("POST", path, 201, json={"url": "http://127.0.0.1:9/hook", "types": ["interest_expressed"]})
    assert created["secret"].startswith("whsec_")
    [listed] = api.ok("GET", path)["items"]
    assert "secret" not in listed and listed["types"] == ["interest_expressed"]
    assert list(api.error("POST", path, 400, json={"url": "http://192.168.0.10/"})["fields"]) == ["url"]
    assert list(api.error("POST", path, 400, json={"url": "x", "types": ["nope"]})["fields"]) == ["types"]

    assert api.call("DELETE", f"{path}/{created['id']}").status_code == 204
    assert api.error("DELETE", f"{path}/{created['id']}", 404)["fields"] == {"endpoint_id": created["id"]}
    other = f"/api/v1/centres/{matched['centre']['id']}/webhooks/{created['id']}"
    assert api.call("DELETE", other).status_code == 404


def test_the_operators_ledger_filters_and_redrives(api: Api, matched: dict[str, Any]) -> None:
    centre = matched["centre"]
    wait_for(
        lambda: api.ok("GET", "/api/v1/deliveries", params={"channel": "email", "status": "sent"})["items"], what="x"
    )

    mine = api.ok("GET", "/api/v1/deliveries", params={"recipient_id": centre["id"]})["items"]
    assert {(d["channel"], d["type"]) for d in mine} == {
        ("in_app", "opportunity_matched"),
        ("email", "opportunity_matched"),
    }
    assert list(api.error("GET", "/api/v1/deliveries", 400, params={"status": "lost"})["fields"]) == ["status"]
    sent = next(d for d in mine if d["channel"] == "in_app")
    assert api.error("POST", f"/api/v1/deliveries/{sent['id']}/redrive", 409)["fields"] == {"delivery_id": sent["id"]}
    assert api.error("POST", f"/api/v1/deliveries/{UNKNOWN_ID}/redrive", 404)["fields"] == {"delivery_id": UNKNOWN_ID}


def test_the_unsubscribe_link_in_an_email_works_once_clicked(
    api: Api, matched: dict[str, Any], smtp: SmtpCatcher
) -> None:
    [message] = wait_for(lambda: [m for m in smtp.messages() if m["To"] == CENTRE["email"]], what="the e-mail")
    token = message["List-Unsubscribe"].strip("<>").split("token=", 1)[1]

    done = api.ok("POST", "/api/v1/unsubscribe", params={"token": token}, data="List-Unsubscribe=One-Click")

    assert done == {
        "recipient_id": matched["centre"]["id"],
        "channel": "email",
        "unsubscribed": ["opportunity_matched"],
    }
    prefs = api.ok("GET", f"/api/v1/centres/{matched['centre']['id']}/notification-preferences")
    assert prefs["types"]["opportunity_matched"]["channels"] == ["in_app", "webhook"]
    assert list(api.error("GET", "/api/v1/unsubscribe", 400, params={"token": token + "x"})["fields"]) == ["token"]
    assert list(api.error("POST", "/api/v1/unsubscribe", 400, params={"token": ""})["fields"]) == ["token"]


def test_opening_the_unsubscribe_link_asks_first_and_changes_nothing(
    api: Api, matched: dict[str, Any], smtp: SmtpCatcher
) -> None:
    [message] = wait_for(lambda: [m for m in smtp.messages() if m["To"] == CENTRE["email"]], what="the e-mail")
    link = message["List-Unsubscribe"].strip("<>")
    token = link.split("token=", 1)[1]

    page = api.call("GET", "/api/v1/unsubscribe", params={"token": token})

    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    assert '<form method="post" action="/api/v1/unsubscribe?token=' in page.text
    prefs = api.ok("GET", f"/api/v1/centres/{matched['centre']['id']}/notification-preferences")
    assert prefs["types"] == {}


def test_a_claimed_opportunitys_deadline_warning_waits_in_the_ledger_for_3_days_before(api: Api) -> None:
    centre = api.ok("POST", "/api/v1/centres", 201, json=CENTRE)
    api.ok("POST", f"/api/v1/centres/{centre['id']}/subscriptions", 201, json={"name": "Kursy", "kinds": ["course"]})
    partner = api.ok("POST", "/api/v1/partners", 201, json=PARTNER)
    api.ok("POST", f"/api/v1/partners/{partner['id']}/verify")
    apply_by = (datetime.now(UTC) + timedelta(days=10)).replace(microsecond=0)
    body = {
        "partner_id": partner["id"],
        "kind": "course",
        "title": "Kurs z terminem",
        "description": "Zapisy do końca miesiąca",
        "topics": ["digital_skills"],
        "target_groups": ["seniors"],
        "regions": ["26"],
        "apply_by": apply_by.isoformat(),
    }
    opportunity = api.ok("POST", "/api/v1/opportunities", 201, json=body)
    api.ok("POST", f"/api/v1/opportunities/{opportunity['id']}/publish")
    wait_for(lambda: api.ok("GET", f"/api/v1/centres/{centre['id']}/feed")["items"], what="the match")

    api.ok("POST", f"/api/v1/centres/{centre['id']}/feed/{_entry(api, centre)}/interest", 201, json={})

    def warnings() -> list[dict[str, Any]]:
        found = api.ok("GET", "/api/v1/deliveries", params={"type": "deadline_closing", "recipient_id": centre["id"]})
        return list(found["items"])

    scheduled = wait_for(lambda: len(warnings()) == 2 and warnings(), what="the deadline warnings")
    assert {(w["channel"], w["status"]) for w in scheduled} == {("in_app", "queued"), ("email", "queued")}
    assert {datetime.fromisoformat(w["next_attempt_at"]) for w in scheduled} == {apply_by - timedelta(days=3)}
    inbox = api.ok("GET", f"/api/v1/centres/{centre['id']}/notifications", params={"type": "deadline_closing"})
    assert inbox["notifications"] == []  # not before it is due

    api.ok("POST", f"/api/v1/opportunities/{opportunity['id']}/withdraw")
    wait_for(lambda: {w["status"] for w in warnings()} == {"failed"}, what="the warnings dropped")
