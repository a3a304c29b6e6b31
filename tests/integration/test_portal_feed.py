"""A centre's feed and subscriptions in the web portal, over real HTTP with the real services, broker and databases:
why each entry matched, marking entries, expressing and withdrawing interest, the subscriptions editor, field errors
next to their fields, and no centre reaching another's entries, interests or subscriptions."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from tests.fixtures.broker import VhostAdmin
from tests.integration.gateway_helpers import Network, opportunity_for, running_network
from tests.integration.portal_helpers import CHEAP_ARGON2, Browser, make_account
from tests.support import wait_for

FEED = "/portal/feed"
SUBSCRIPTIONS = "/portal/subscriptions"


@dataclass
class Centre:
    id: str
    api: Network  # the centre's own API key, to check what the pages did
    browser: Browser

    def feed(self, **params: Any) -> list[dict[str, Any]]:
        response = self.api.get(f"/api/v1/centres/{self.id}/feed", params=params)
        assert response.status_code == 200, response.text
        items: list[dict[str, Any]] = response.json()["items"]
        return items

    def entry(self, title: str) -> dict[str, Any]:
        return next(item for item in self.feed() if item["opportunity"]["title"] == title)

    def subscriptions(self) -> list[dict[str, Any]]:
        response = self.api.get(f"/api/v1/centres/{self.id}/subscriptions")
        assert response.status_code == 200, response.text
        items: list[dict[str, Any]] = response.json()["items"]
        return items


@pytest.fixture(scope="module")
def network(vhost_admin: VhostAdmin, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Network]:
    with running_network(vhost_admin, tmp_path_factory.mktemp("portal-feed"), {"gateway": CHEAP_ARGON2}) as running:
        yield running


def signed_in_centre(network: Network, name: str, voivodeship: str, subscription: dict[str, Any]) -> Centre:
    centre, api = network.centre({"name": name, "voivodeship": voivodeship, "municipality": name})
    api.create(f"/api/v1/centres/{centre['id']}/subscriptions", subscription)
    browser = Browser(network.url)
    assert browser.sign_in(make_account(network.databases.url("gateway"), "centre", centre["id"])).status_code == 303
    return Centre(centre["id"], api, browser)


@pytest.fixture(scope="module")
def centres(network: Network) -> tuple[Centre, Centre]:
    """Mazowsze's centre subscribed to digital courses at home, Świętokrzyskie's to everything at home; a partner
    publishes two courses in Mazowieckie (one with ten places) and one in Świętokrzyskie."""
    mazowsze = signed_in_centre(
        network, "LOWE Mazowsze", "14", {"name": "Cyfrowe", "kinds": ["course"], "topics": ["digital_skills"]}
    )
    kielce = signed_in_centre(network, "LOWE Kielce", "26", {"name": "Wszystko u nas"})
    _, partner = network.partner(
        {"name": "Fundacja Cyfrowa", "sector": "social", "email": "f@example.pl", "voivodeship": "14"}
    )
    partner.publish(opportunity_for(title="Excel dla seniorów", regions=["14"], places=10))
    partner.publish(opportunity_for(title="Smartfon na co dzień", regions=["14"]))
    partner.publish(opportunity_for(title="Kurs w Kielcach", regions=["26"]))
    wait_for(lambda: len(mazowsze.feed()) == 2 and len(kielce.feed()) == 1, timeout=20, what="the feeds")
    return mazowsze, kielce


def test_the_feed_shows_each_entry_with_why_it_matched(centres: tuple[Centre, Centre]) -> None:
    mazowsze, _ = centres

    page = mazowsze.browser.get(FEED)

    assert page.status_code == 200 and "text/html" in page.headers["Content-Type"]
    text = " ".join(page.text.split())
    assert "Excel dla seniorów" in text and "Smartfon na co dzień" in text and "Kurs w Kielcach" not in text
    assert "Pasuje do Twojej subskrypcji „Cyfrowe”: region Mazowieckie, tematy: umiejętności cyfrowe." in text
    assert "Kurs · Fundacja Cyfrowa" in text and "Miejsca:</strong> 10" in text and "bez limitu" in text
    assert "LOWE Mazowsze" in text

    def places_of(title: str) -> str:
        article = page.text.split(f'id="entry-{mazowsze.entry(title)["id"]}"')[1].split("</article>")[0]
        found = re.search(r"Miejsca:</strong> ([^<]+)</li>", article)
        return found.group(1) if found else "(none shown)"

    assert places_of("Excel dla seniorów") == "10" and places_of("Smartfon na co dzień") == "bez limitu"


def test_an_entry_is_saved_and_the_feed_filters_by_state(centres: tuple[Centre, Centre]) -> None:
    mazowsze, _ = centres
    entry = mazowsze.entry("Smartfon na co dzień")

    saved = mazowsze.browser.post(
        f"{FEED}/{entry['id']}/state", {"state": "saved", "back": "order=score"}, token_from=FEED
    )

    assert saved.status_code == 303 and saved.headers["Location"] == f"{FEED}?order=score#entry-{entry['id']}"
    assert mazowsze.entry("Smartfon na co dzień")["state"] == "saved"
    only_saved = mazowsze.browser.get(f"{FEED}?state=saved").text
    assert "Smartfon na co dzień" in only_saved and "Excel dla seniorów" not in only_saved
    dismissed = mazowsze.browser.post(f"{FEED}/{entry['id']}/state", {"state": "dismissed"}, token_from=FEED)
    assert dismissed.status_code == 303 and mazowsze.entry("Smartfon na co dzień")["state"] == "dismissed"


def test_interest_is_expressed_with_places_and_a_note_then_withdrawn(centres: tuple[Centre, Centre]) -> None:
    mazowsze, _ = centres
    entry = mazowsze.entry("Excel dla seniorów")
    form = {"opportunity_id": entry["opportunity"]["id"], "places": "2", "message": "Dwie seniorki", "back": ""}

    expressed = mazowsze.browser.post(f"{FEED}/interests", form, token_from=FEED)

    assert expressed.status_code == 303, expressed.text
    interest = wait_for(lambda: mazowsze.entry("Excel dla seniorów")["interest"], what="the interest")
    assert interest["status"] == "requested" and interest["places_requested"] == 2
    assert mazowsze.entry("Excel dla seniorów")["state"] == "claimed"
    assert "Czeka na decyzję partnera (prośba o miejsca: 2)" in mazowsze.browser.get(FEED).text
    again = mazowsze.browser.post(f"{FEED}/interests", form, token_from=FEED)  # from a page open since
    assert again.status_code == 409 and "Ich obecny stan widać poniżej." in again.text

    withdrawn = mazowsze.browser.post(f"{FEED}/interests/{interest['id']}/withdraw", {}, token_from=FEED)

    assert withdrawn.status_code == 303
    wait_for(lambda: mazowsze.entry("Excel dla seniorów")["interest"]["status"] == "withdrawn", what="the withdrawal")
    assert "Zgłoszenie wycofane" in mazowsze.browser.get(FEED).text


def test_a_refused_number_of_places_is_shown_next_to_the_field_with_the_note_kept(
    centres: tuple[Centre, Centre],
) -> None:
    _, kielce = centres
    entry = kielce.entry("Kurs w Kielcach")
    form = {"opportunity_id": entry["opportunity"]["id"], "places": "0", "message": "Dla grupy <A>", "back": ""}

    refused = kielce.browser.post(f"{FEED}/interests", form, token_from=FEED)

    assert refused.status_code == 400 and "text/html" in refused.headers["Content-Type"]
    assert f'<small id="places-{entry["id"]}-error" class="error">Podaj liczbę od 1 do 10 000.</small>' in refused.text
    assert "Dla grupy &lt;A&gt;</textarea>" in refused.text and 'value="0"' in refused.text
    assert kielce.entry("Kurs w Kielcach")["interest"] is None


def test_a_subscription_is_created_edited_paused_resumed_and_deleted(centres: tuple[Centre, Centre]) -> None:
    _, kielce = centres
    browser = kielce.browser
    form = {
        "name": "Języki dla dorosłych",
        "topics": "languages",
        "target_groups": "seniors",
        "area": "regions",
        "regions": "26",
        "keywords": "angielski\nniemiecki",
        "min_days_before_deadline": "7",
        "delivery": "daily_digest",
        "free_only": "1",
    }

    created = browser.post(f"{SUBSCRIPTIONS}/new", form)

    assert created.status_code == 303 and created.headers["Location"] == f"{SUBSCRIPTIONS}?done=created"
    [made] = [item for item in kielce.subscriptions() if item["name"] == "Języki dla dorosłych"]
    assert (made["topics"], made["target_groups"], made["regions"]) == (["languages"], ["seniors"], ["26"])
    assert (made["keywords"], made["min_days_before_deadline"], made["delivery"]) == (
        ["angielski", "niemiecki"],
        7,
        "daily_digest",
    )
    assert made["free_only"] and not made["nationwide"]
    listed = browser.get(f"{SUBSCRIPTIONS}?done=created").text
    assert "Języki dla dorosłych" in listed and "Subskrypcja została zapisana." in listed
    edit = f"{SUBSCRIPTIONS}/{made['id']}/edit"
    assert "angielski\nniemiecki</textarea>" in browser.get(edit).text

    edited = browser.post(edit, {"name": "Języki wszędzie", "area": "nationwide", "kinds": "course"})

    assert edited.status_code == 303
    [changed] = [item for item in kielce.subscriptions() if item["id"] == made["id"]]
    assert (changed["name"], changed["nationwide"], changed["kinds"]) == ("Języki wszędzie", True, ["course"])
    assert changed["keywords"] == [] and changed["delivery"] == "instant" and not changed["free_only"]

    assert browser.post(f"{SUBSCRIPTIONS}/{made['id']}/pause", {}, token_from=SUBSCRIPTIONS).status_code == 303
    assert [item["paused"] for item in kielce.subscriptions() if item["id"] == made["id"]] == [True]
    assert browser.post(f"{SUBSCRIPTIONS}/{made['id']}/resume", {}, token_from=SUBSCRIPTIONS).status_code == 303
    assert [item["paused"] for item in kielce.subscriptions() if item["id"] == made["id"]] == [False]

    deleted = browser.post(f"{SUBSCRIPTIONS}/{made['id']}/delete", {})

    assert deleted.status_code == 303 and deleted.headers["Location"] == f"{SUBSCRIPTIONS}?done=deleted"
    assert made["id"] not in [item["id"] for item in kielce.subscriptions()]


def test_refused_subscription_fields_are_shown_next_to_them_as_typed(centres: tuple[Centre, Centre]) -> None:
    _, kielce = centres
    before = kielce.subscriptions()

    refused = kielce.browser.post(
        f"{SUBSCRIPTIONS}/new",
        {"name": " ", "area": "regions", "kinds": "course", "min_days_before_deadline": "400"},
    )

    assert refused.status_code == 400
    text = refused.text
    assert '<small id="name-error" class="error">To pole nie może być puste.</small>' in text
    assert '<small id="regions-error" class="error">Wybierz co najmniej jedno województwo.</small>' in text
    assert 'id="min_days_before_deadline-error" class="error">Podaj liczbę dni od 0 do 365.</small>' in text
    assert 'value="400" aria-invalid="true"' in text and 'value="course" checked' in text
    assert kielce.subscriptions() == before


def test_a_centre_cannot_reach_another_centres_entries_interests_or_subscriptions(
    network: Network, centres: tuple[Centre, Centre]
) -> None:
    mazowsze, kielce = centres
    entry = mazowsze.entry("Smartfon na co dzień")
    interest = mazowsze.api.create(
        f"/api/v1/centres/{mazowsze.id}/interests", {"opportunity_id": entry["opportunity"]["id"]}
    )
    entry = mazowsze.entry("Smartfon na co dzień")
    [subscription] = [item for item in mazowsze.subscriptions() if item["name"] == "Cyfrowe"]
    own = f"{SUBSCRIPTIONS}/{subscription['id']}"
    stranger = kielce.browser

    assert "Smartfon na co dzień" not in stranger.get(FEED).text
    assert stranger.post(f"{FEED}/{entry['id']}/state", {"state": "dismissed"}, token_from=FEED).status_code == 404
    withdraw = f"{FEED}/interests/{interest['id']}/withdraw"
    assert stranger.post(withdraw, {}, token_from=FEED).status_code == 404
    assert stranger.get(f"{own}/edit").status_code == 404 and stranger.get(f"{own}/delete").status_code == 404
    assert "Cyfrowe" not in stranger.get(SUBSCRIPTIONS).text
    for action in ("edit", "pause", "resume", "delete"):
        refused = stranger.post(f"{own}/{action}", {"name": "Przejęta", "area": "nationwide"}, token_from=SUBSCRIPTIONS)
        assert refused.status_code == 404 and "text/html" in refused.headers["Content-Type"], action

    assert mazowsze.entry("Smartfon na co dzień")["state"] == entry["state"] == "claimed"
    assert mazowsze.entry("Smartfon na co dzień")["interest"]["status"] == "requested"
    [unchanged] = [item for item in mazowsze.subscriptions() if item["id"] == subscription["id"]]
    assert unchanged == subscription
    partner, _ = network.partner(
        {"name": "Fundacja Obca", "sector": "social", "email": "o@example.pl", "voivodeship": "26"}
    )
    as_partner = Browser(network.url)
    as_partner.sign_in(make_account(network.databases.url("gateway"), "partner", partner["id"]))
    assert as_partner.get(FEED).status_code == 403 and as_partner.get(SUBSCRIPTIONS).status_code == 403


def test_the_centre_home_shows_counts_and_the_newest_entries_with_their_reasons(
    centres: tuple[Centre, Centre],
) -> None:
    mazowsze, _ = centres
    browser = mazowsze.browser

    home = " ".join(browser.get("/portal/").text.split())

    assert "Nasz ośrodek" in home and "Excel dla seniorów" in home and 'href="/portal/events"' in home
    assert "Pasuje do Twojej subskrypcji „Cyfrowe”: region Mazowieckie, tematy: umiejętności cyfrowe." in home
    new_count = len(mazowsze.feed(state="new"))
    assert f"Nowe oferty</h2> <p><strong>{new_count}</strong>" in home
    browser.post("/portal/language", {"language": "en"}, token_from="/portal/")
    english = " ".join(browser.get("/portal/").text.split())
    assert "Our centre" in english and "Matches your subscription “Cyfrowe”" in english
    browser.post("/portal/language", {"language": "pl"}, token_from="/portal/")
