"""The notifications routes through the gateway, with the whole network: inbox, preferences and webhooks (each the
calling organisation's own, with its key), the operators' ledger (`/api/v1/admin/deliveries`) and the unsubscribe link
(no key) — and the partners' and centres' news reaching the right inbox."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
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
from tests.integration.gateway_helpers import operator_key
from tests.integration.test_notifications_delivery import SmtpCatcher, fast
from tests.support import wait_for

UNKNOWN_ID = "5f0c7b9e-2d41-4c3a-9e8b-7a6d5c4b3a21"
PARTNER = {"name": "Fundacja Cyfrowa", "sector": "public", "email": "biuro@fundacja.pl", "voivodeship": "26"}
CENTRE = {"name": "LOWE Bodzentyn", "voivodeship": "26", "municipality": "Bodzentyn", "email": "lowe@bodzentyn.pl"}


@dataclass(frozen=True)
class Api:
    """The gateway as one key sees it (an operator's by default); `as_(key)` with another."""

    url: str
    key: str = ""

    def as_(self, key: str) -> Api:
        return replace(self, key=key)

    def call(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        headers = {"Authorization": f"Bearer {self.key}"} if self.key else {}
        return requests.request(method, self.url + path, headers=headers, timeout=10, **kwargs)

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
def api(start_service: Callable[..., ServiceContainer], database_url: Callable[[str], str], smtp: SmtpCatcher) -> Api:
    for service_cls in (PartnersService, CentresService, EventsService):
        start_service(service_cls)
    start_service(NotificationsService, **fast(smtp.port))
    port = free_port()
    start_service(GatewayService, WEB_SERVER_ADDRESS=f"127.0.0.1:{port}", DATABASE_URL=database_url("gateway"))
    return Api(f"http://127.0.0.1:{port}", operator_key(database_url("gateway")))


def registered(api: Api, path: str, body: dict[str, Any]) -> tuple[dict[str, Any], Api]:
    """A partner or centre an operator registered, and the gateway as its first key sees it."""
    organisation = api.ok("POST", path, 201, json=body)
    return organisation, api.as_(organisation["api_key"]["key"])


OPPORTUNITY = {
    "kind": "course",
    "title": "Komputer bez tajemnic",
    "description": "Kurs dla seniorów",
    "topics": ["digital_skills"],
    "target_groups": ["seniors"],
    "regions": ["26"],
}


@pytest.fixture
def matched(api: Api) -> dict[str, Any]:
    """A centre subscribed to courses; a verified partner published one; the centre was told."""
    centre, as_centre = registered(api, "/api/v1/centres", CENTRE)
    as_centre.ok(
        "POST", f"/api/v1/centres/{centre['id']}/subscriptions", 201, json={"name": "Kursy", "kinds": ["course"]}
    )
    partner, as_partner = registered(api, "/api/v1/partners", PARTNER)
    api.ok("POST", f"/api/v1/partners/{partner['id']}/verify")
    opportunity = as_partner.ok("POST", "/api/v1/opportunities", 201, json=OPPORTUNITY)
    as_partner.ok("POST", f"/api/v1/opportunities/{opportunity['id']}/publish")
    wait_for(lambda: as_centre.ok("GET", INBOX)["notifications"], timeout=15, what="the centre's notification")
    return {
        "centre": centre,
        "partner": partner,
        "opportunity": opportunity,
        "as_centre": as_centre,
        "as_partner": as_partner,
    }


INBOX = "/api/v1/notifications"
PREFERENCES = "/api/v1/notification-preferences"
WEBHOOKS = "/api/v1/webhooks"
LEDGER = "/api/v1/admin/deliveries"


def test_a_match_reaches_the_centres_inbox_and_its_email_looked_up_from_the_centres_service(
    matched: dict[str, Any], smtp: SmtpCatcher
) -> None:
    as_centre = matched["as_centre"]
    inbox = as_centre.ok("GET", INBOX)

    [entry] = inbox["notifications"]
    assert (entry["type"], entry["title"], inbox["unread"]) == (
        "opportunity_matched",
        "Nowa oferta (kurs): Komputer bez tajemnic",
        1,
    )
    messages = wait_for(lambda: [m for m in smtp.messages() if m["To"] == CENTRE["email"]], what="the centre's e-mail")
    assert messages[0]["Subject"] == entry["title"]
    preferences = as_centre.ok("GET", PREFERENCES)
    assert (preferences["recipient_id"], preferences["email"], preferences["email_source"]) == (
        matched["centre"]["id"],
        CENTRE["email"],
        "lookup",
    )


def test_the_inbox_is_read_in_the_language_asked_and_kept_in_the_organisations(matched: dict[str, Any]) -> None:
    as_centre = matched["as_centre"]

    [english] = as_centre.ok("GET", INBOX, params={"language": "en"})["notifications"]
    [stored] = as_centre.ok("GET", INBOX)["notifications"]

    assert english["id"] == stored["id"] and english["title"] == "New course: Komputer bez tajemnic"
    assert stored["title"] == "Nowa oferta (kurs): Komputer bez tajemnic"
    assert "Komputer bez tajemnic" in english["body"] and english["body"] != stored["body"]
    assert as_centre.error("GET", INBOX, 400, params={"language": "de"})["fields"].keys() == {"language"}


def test_the_inbox_pages_filters_and_marks_read_for_its_owner_only(api: Api, matched: dict[str, Any]) -> None:
    as_centre, as_partner = matched["as_centre"], matched["as_partner"]
    [entry] = as_centre.ok("GET", INBOX)["notifications"]

    assert as_centre.ok("GET", INBOX, params={"type": "opportunity_withdrawn"})["notifications"] == []
    error = as_partner.error("POST", f"{INBOX}/{entry['id']}/read", 404)  # the partner's inbox holds no such thing
    assert error["fields"] == {"notification_id": entry["id"]}
    read = as_centre.ok("POST", f"{INBOX}/{entry['id']}/read")
    assert read["read_at"] is not None
    assert as_centre.ok("GET", INBOX, params={"unread": "true"}) == {"notifications": [], "unread": 0}
    assert as_centre.error("GET", INBOX, 400, params={"page_size": 0})["fields"] == {
        "page_size": ["Must be greater than or equal to 1 and less than or equal to 100."]
    }
    assert list(as_centre.error("GET", INBOX, 400, params={"page_size": 101})["fields"]) == ["page_size"]
    assert list(as_centre.error("GET", INBOX, 400, params={"cursor": "nonsense"})["fields"]) == ["cursor"]
    assert api.error("GET", INBOX, 403)["code"] == "forbidden"  # an operator's key has no inbox
    assert as_centre.error("POST", f"{INBOX}/{UNKNOWN_ID}/read", 404)["fields"] == {"notification_id": UNKNOWN_ID}


def test_the_partner_is_told_of_its_verification_and_of_a_centres_interest(matched: dict[str, Any]) -> None:
    centre, as_centre, as_partner = matched["centre"], matched["as_centre"], matched["as_partner"]

    interest = {"opportunity_id": matched["opportunity"]["id"], "places": 2}
    as_centre.ok("POST", f"/api/v1/centres/{centre['id']}/interests", 201, json=interest)

    titles = wait_for(
        lambda: [n["title"] for n in as_partner.ok("GET", INBOX)["notifications"] if n["type"] == "interest_expressed"],
        what="the interest",
    )
    assert titles == ["Nowe zgłoszenie: Komputer bez tajemnic"]
    types = [n["type"] for n in as_partner.ok("GET", INBOX)["notifications"]]
    assert types == ["interest_expressed", "partner_verified"]
    page = as_partner.ok("GET", INBOX, params={"page_size": 1})
    second = as_partner.ok("GET", INBOX, params={"page_size": 1, "cursor": page["next_cursor"]})
    assert [n["type"] for n in page["notifications"] + second["notifications"]] == types
    assert "next_cursor" not in second


def test_a_withdrawal_is_told_to_the_centres_it_reached(matched: dict[str, Any]) -> None:
    as_centre, opportunity = matched["as_centre"], matched["opportunity"]
    matched["as_partner"].ok("POST", f"/api/v1/opportunities/{opportunity['id']}/withdraw")

    found = wait_for(
        lambda: as_centre.ok("GET", INBOX, params={"type": "opportunity_withdrawn"})["notifications"], what="it"
    )
    assert found[0]["title"] == "Oferta wycofana: Komputer bez tajemnic"


def test_preferences_are_validated_and_kept(matched: dict[str, Any]) -> None:
    as_centre = matched["as_centre"]

    bad = as_centre.error(
        "PUT", PREFERENCES, 400, json={"types": {"opportunity_matched": {"channels": ["fax"]}}, "colour": 1}
    )
    assert set(bad["fields"]) == {"types", "colour"}
    assert list(as_centre.error("PUT", PREFERENCES, 400, json={"digest_hour": 24})["fields"]) == ["digest_hour"]
    wanted = {"channels": ["in_app", "email"], "mode": "daily_digest", "language": "en"}
    saved = as_centre.ok(
        "PUT", PREFERENCES, json={"language": "en", "digest_hour": 18, "types": {"opportunity_matched": wanted}}
    )

    assert (saved["language"], saved["digest_hour"]) == ("en", 18)
    assert saved["types"] == {"opportunity_matched": wanted}
    assert as_centre.ok("GET", PREFERENCES) == saved
    assert matched["as_partner"].ok("GET", PREFERENCES)["types"] == {}  # the partner's are its own


def test_webhooks_are_registered_listed_and_removed(api: Api, matched: dict[str, Any]) -> None:
    as_partner, as_centre = matched["as_partner"], matched["as_centre"]

    body = {"url": "http://127.0.0.1:9/hook", "types": ["interest_expressed"]}
    created = as_partner.ok("POST", WEBHOOKS, 201, json=body)
    assert created["secret"].startswith("whsec_")
    [listed] = as_partner.ok("GET", WEBHOOKS)["items"]
    assert "secret" not in listed and listed["types"] == ["interest_expressed"]
    assert as_centre.ok("GET", WEBHOOKS)["items"] == []  # the centre's are its own
    assert list(as_partner.error("POST", WEBHOOKS, 400, json={"url": "http://192.168.0.10/"})["fields"]) == ["url"]
    assert list(as_partner.error("POST", WEBHOOKS, 400, json={"url": "x", "types": ["nope"]})["fields"]) == ["types"]
    assert api.error("POST", WEBHOOKS, 403, json=body)["code"] == "forbidden"  # an operator's key owns none

    assert as_centre.call("DELETE", f"{WEBHOOKS}/{created['id']}").status_code == 404  # another organisation's
    assert as_partner.call("DELETE", f"{WEBHOOKS}/{created['id']}").status_code == 204
    assert as_partner.error("DELETE", f"{WEBHOOKS}/{created['id']}", 404)["fields"] == {"endpoint_id": created["id"]}
    assert [webhook["active"] for webhook in as_partner.ok("GET", WEBHOOKS)["items"]] == [False]


def test_the_operators_ledger_filters_and_redrives(api: Api, matched: dict[str, Any]) -> None:
    centre = matched["centre"]
    wait_for(lambda: api.ok("GET", LEDGER, params={"channel": "email", "status": "sent"})["items"], what="x")

    mine = api.ok("GET", LEDGER, params={"recipient_id": centre["id"]})["items"]
    assert {(d["channel"], d["type"]) for d in mine} == {
        ("in_app", "opportunity_matched"),
        ("email", "opportunity_matched"),
    }
    assert list(api.error("GET", LEDGER, 400, params={"status": "lost"})["fields"]) == ["status"]
    assert list(api.error("GET", LEDGER, 400, params={"page_size": 101})["fields"]) == ["page_size"]
    first = api.ok("GET", LEDGER, params={"page_size": 1})
    assert len(first["items"]) == 1 and first["next_cursor"]
    second = api.ok("GET", LEDGER, params={"page_size": 1, "cursor": first["next_cursor"]})
    assert second["items"][0]["id"] != first["items"][0]["id"]
    sent = next(d for d in mine if d["channel"] == "in_app")
    assert api.error("POST", f"{LEDGER}/{sent['id']}/redrive", 409)["fields"] == {"delivery_id": sent["id"]}
    assert api.error("POST", f"{LEDGER}/{UNKNOWN_ID}/redrive", 404)["fields"] == {"delivery_id": UNKNOWN_ID}
    for organisation in (matched["as_centre"], matched["as_partner"]):  # operators only
        assert organisation.error("GET", LEDGER, 403)["code"] == "forbidden"
        assert organisation.error("POST", f"{LEDGER}/{sent['id']}/redrive", 403)["code"] == "forbidden"


def test_an_operator_redrives_a_failed_email_once_the_address_is_known(api: Api, smtp: SmtpCatcher) -> None:
    """A centre with no e-mail address: its e-mail fails; once it gives one, the operator re-drives it and it goes."""
    centre, as_centre = registered(api, "/api/v1/centres", {**CENTRE, "email": None, "name": "LOWE Bez Adresu"})
    as_centre.ok(
        "POST", f"/api/v1/centres/{centre['id']}/subscriptions", 201, json={"name": "Kursy", "kinds": ["course"]}
    )
    partner, as_partner = registered(api, "/api/v1/partners", PARTNER)
    api.ok("POST", f"/api/v1/partners/{partner['id']}/verify")
    opportunity = as_partner.ok("POST", "/api/v1/opportunities", 201, json=OPPORTUNITY)
    as_partner.ok("POST", f"/api/v1/opportunities/{opportunity['id']}/publish")

    def failed() -> list[dict[str, Any]]:
        params = {"recipient_id": centre["id"], "channel": "email", "status": "failed"}
        return list(api.ok("GET", LEDGER, params=params)["items"])

    [delivery] = wait_for(failed, timeout=15, what="the centre's e-mail to fail")
    as_centre.ok("PUT", PREFERENCES, json={"email": "nowy@bodzentyn.pl"})

    redriven = api.ok("POST", f"{LEDGER}/{delivery['id']}/redrive")

    assert (redriven["id"], redriven["status"]) == (delivery["id"], "queued")
    [message] = wait_for(
        lambda: [m for m in smtp.messages() if m["To"] == "nowy@bodzentyn.pl"], timeout=15, what="the re-driven e-mail"
    )
    assert message["Subject"] == "Nowa oferta (kurs): Komputer bez tajemnic"
    sent = api.ok("GET", LEDGER, params={"recipient_id": centre["id"], "channel": "email"})["items"]
    assert [(d["id"], d["status"]) for d in sent] == [(delivery["id"], "sent")]


def test_the_unsubscribe_link_in_an_email_works_once_clicked(
    api: Api, matched: dict[str, Any], smtp: SmtpCatcher
) -> None:
    [message] = wait_for(lambda: [m for m in smtp.messages() if m["To"] == CENTRE["email"]], what="the e-mail")
    token = message["List-Unsubscribe"].strip("<>").split("token=", 1)[1]
    anonymous = api.as_("")  # the mail client has no key

    done = anonymous.ok("POST", "/api/v1/unsubscribe", params={"token": token}, data="List-Unsubscribe=One-Click")

    assert done == {
        "recipient_id": matched["centre"]["id"],
        "channel": "email",
        "unsubscribed": ["opportunity_matched"],
    }
    prefs = matched["as_centre"].ok("GET", PREFERENCES)
    assert prefs["types"]["opportunity_matched"]["channels"] == ["in_app", "webhook"]
    assert list(anonymous.error("GET", "/api/v1/unsubscribe", 400, params={"token": token + "x"})["fields"]) == [
        "token"
    ]
    assert list(anonymous.error("POST", "/api/v1/unsubscribe", 400, params={"token": ""})["fields"]) == ["token"]


def test_opening_the_unsubscribe_link_asks_first_and_changes_nothing(
    api: Api, matched: dict[str, Any], smtp: SmtpCatcher
) -> None:
    [message] = wait_for(lambda: [m for m in smtp.messages() if m["To"] == CENTRE["email"]], what="the e-mail")
    link = message["List-Unsubscribe"].strip("<>")
    token = link.split("token=", 1)[1]

    page = api.as_("").call("GET", "/api/v1/unsubscribe", params={"token": token})

    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    assert '<form method="post" action="/api/v1/unsubscribe?token=' in page.text
    prefs = matched["as_centre"].ok("GET", PREFERENCES)
    assert prefs["types"] == {}


def test_a_claimed_opportunitys_deadline_warning_waits_in_the_ledger_for_3_days_before(api: Api) -> None:
    centre, as_centre = registered(api, "/api/v1/centres", CENTRE)
    as_centre.ok(
        "POST", f"/api/v1/centres/{centre['id']}/subscriptions", 201, json={"name": "Kursy", "kinds": ["course"]}
    )
    partner, as_partner = registered(api, "/api/v1/partners", PARTNER)
    api.ok("POST", f"/api/v1/partners/{partner['id']}/verify")
    apply_by = (datetime.now(UTC) + timedelta(days=10)).replace(microsecond=0)
    body = {
        **OPPORTUNITY,
        "title": "Kurs z terminem",
        "description": "Zapisy do końca miesiąca",
        "apply_by": apply_by.isoformat(),
    }
    opportunity = as_partner.ok("POST", "/api/v1/opportunities", 201, json=body)
    as_partner.ok("POST", f"/api/v1/opportunities/{opportunity['id']}/publish")
    wait_for(lambda: as_centre.ok("GET", f"/api/v1/centres/{centre['id']}/feed")["items"], what="the match")

    as_centre.ok("POST", f"/api/v1/centres/{centre['id']}/interests", 201, json={"opportunity_id": opportunity["id"]})

    def warnings() -> list[dict[str, Any]]:
        found = api.ok("GET", LEDGER, params={"type": "deadline_closing", "recipient_id": centre["id"]})
        return list(found["items"])

    scheduled = wait_for(lambda: len(warnings()) == 2 and warnings(), what="the deadline warnings")
    assert {(w["channel"], w["status"]) for w in scheduled} == {("in_app", "queued"), ("email", "queued")}
    assert {datetime.fromisoformat(w["next_attempt_at"]) for w in scheduled} == {apply_by - timedelta(days=3)}
    inbox = as_centre.ok("GET", INBOX, params={"type": "deadline_closing"})
    assert inbox["notifications"] == []  # not before it is due

    as_partner.ok("POST", f"/api/v1/opportunities/{opportunity['id']}/withdraw")
    wait_for(lambda: {w["status"] for w in warnings()} == {"failed"}, what="the warnings dropped")
