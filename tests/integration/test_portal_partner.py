"""The partner's pages and the notifications inbox over real HTTP, with the real services, broker and databases:
drafting, changing, publishing and withdrawing an opportunity through its form; deciding on the centres' interest;
the dashboard's counts; the inbox; and every page refusing another organisation's objects as the API does."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from tests.fixtures.broker import VhostAdmin
from tests.integration.gateway_helpers import TIMEOUT, Network, ok, opportunity_for, running_network
from tests.integration.portal_helpers import CHEAP_ARGON2, CSRF, Browser, make_account
from tests.integration.test_notifications_delivery import SmtpCatcher, fast
from tests.support import wait_for

Pairs = list[tuple[str, str]]
FORM: Pairs = [
    ("kind", "workshop"),
    ("title", "Warsztaty z cyberbezpieczeństwa"),
    ("description", "Jak rozpoznać oszustwo w sieci."),
    ("topics", "digital_skills"),
    ("topics", "financial_literacy"),
    ("target_groups", "seniors"),
    ("regions", "26"),
    ("regions", "12"),
    ("delivery_mode", "hybrid"),
    ("languages", "pl, uk"),
    ("places", "15"),
    ("cost_pln", "49,90"),
    ("starts_at", "2030-07-01T10:00"),
    ("ends_at", "2030-07-01T14:30"),
    ("apply_by", "2030-06-20T23:00"),
    ("contact_name", "Anna Nowak"),
    ("contact_email", "anna@example.pl"),
    ("contact_phone", ""),
    ("links", "https://example.pl/warsztaty"),
]


@pytest.fixture(scope="module")
def network(vhost_admin: VhostAdmin, tmp_path_factory: pytest.TempPathFactory, smtp: SmtpCatcher) -> Iterator[Network]:
    overrides = {"gateway": {**CHEAP_ARGON2, "LOGIN_LIMIT_PER_IP": 1000}, "notifications": fast(smtp.port)}
    with running_network(vhost_admin, tmp_path_factory.mktemp("portal-partner"), overrides) as running:
        yield running


def signed_in_partner(network: Network, name: str, verified: bool = True) -> tuple[dict[str, Any], Network, Browser]:
    body = {"name": name, "sector": "social", "email": "org@example.pl", "voivodeship": "26"}
    partner, as_partner = network.partner(body, verified=verified)
    visitor = Browser(network.url)
    assert visitor.sign_in(make_account(network.databases.url("gateway"), "partner", partner["id"])).status_code == 303
    return partner, as_partner, visitor


def signed_in_centre(network: Network, name: str) -> tuple[dict[str, Any], Network, Browser]:
    centre, as_centre = network.centre({"name": name, "voivodeship": "26", "municipality": "Kielce"})
    visitor = Browser(network.url)
    assert visitor.sign_in(make_account(network.databases.url("gateway"), "centre", centre["id"])).status_code == 303
    return centre, as_centre, visitor


def send(visitor: Browser, path: str, pairs: Pairs, token_from: str = "/portal/") -> requests.Response:
    """A form with repeated fields (the checkboxes), its CSRF token from the page a person would send it from."""
    found = CSRF.search(visitor.get(token_from).text)
    assert found
    data = [("csrf_token", found.group(1)), *pairs]
    return visitor.session.post(visitor.base + path, data=data, timeout=TIMEOUT, allow_redirects=False)


def replaced(pairs: Pairs, **changes: str) -> Pairs:
    return [(name, value) for name, value in pairs if name not in changes] + list(changes.items())


def created_id(response: requests.Response) -> str:
    assert response.status_code == 303, response.text
    found = re.fullmatch(r"/portal/opportunities/([0-9a-f-]{36})/manage\?done=\w+", response.headers["Location"])
    assert found, response.headers["Location"]
    return found.group(1)


def express(as_centre: Network, centre: dict[str, Any], opportunity_id: str, places: int, note: str = "") -> str:
    body: dict[str, Any] = {"opportunity_id": opportunity_id, "places": places, **({"message": note} if note else {})}
    return str(as_centre.create(f"/api/v1/centres/{centre['id']}/interests", body)["id"])


def test_a_partner_drafts_an_opportunity_through_the_form_and_publishes_it(network: Network) -> None:
    _, as_partner, visitor = signed_in_partner(network, "Fundacja Formularz")
    form = visitor.get("/portal/opportunities/new")
    assert form.status_code == 200 and "Kompetencje cyfrowe" in form.text and "Świętokrzyskie" in form.text

    opportunity_id = created_id(send(visitor, "/portal/opportunities/new", FORM, "/portal/opportunities/new"))

    saved = ok(as_partner.get(f"/api/v1/opportunities/{opportunity_id}"))
    assert (saved["status"], saved["kind"], saved["places"], saved["cost_pln"]) == ("draft", "workshop", 15, "49.90")
    assert saved["topics"] == ["digital_skills", "financial_literacy"] and saved["regions"] == ["12", "26"]
    assert saved["languages"] == ["pl", "uk"] and saved["delivery_mode"] == "hybrid"
    assert saved["starts_at"].startswith("2030-07-01T08:00:00")  # 10:00 in Warsaw's summer
    assert saved["contact"] == {"name": "Anna Nowak", "email": "anna@example.pl", "phone": None}
    page = visitor.get(f"/portal/opportunities/{opportunity_id}/manage?done=created")
    assert page.status_code == 200 and "Szkic został zapisany" in page.text and "Warsztaty" in page.text
    assert f"/portal/opportunities/{opportunity_id}/manage" in visitor.get("/portal/").text

    published = send(
        visitor, f"/portal/opportunities/{opportunity_id}/publish", [], f"/portal/opportunities/{opportunity_id}/manage"
    )

    assert published.status_code == 303 and published.headers["Location"].endswith("?done=published")
    assert ok(as_partner.get(f"/api/v1/opportunities/{opportunity_id}"))["status"] == "published"


def test_a_field_error_is_shown_next_to_its_field_and_what_was_typed_is_kept(network: Network) -> None:
    partner, as_partner, visitor = signed_in_partner(network, "Fundacja Błędy")
    new = "/portal/opportunities/new"

    refused = send(visitor, new, replaced(FORM, title="", places="piętnaście"), new)
    late = send(visitor, new, replaced(FORM, ends_at="2030-06-30T10:00"), new)  # the service's own rule

    assert refused.status_code == 400
    title, places = refused.text.index('id="title"'), refused.text.index('id="places"')
    assert refused.text.index('id="title-error"') > title and "To pole nie może być puste." in refused.text
    assert refused.text.index('id="places-error"') > places and 'value="piętnaście"' in refused.text
    assert "Jak rozpoznać oszustwo w sieci." in refused.text and 'value="financial_literacy" checked' in refused.text
    assert late.status_code == 400
    assert late.text.index('id="ends_at-error"') > late.text.index('id="ends_at"')
    assert "Koniec nie może być wcześniej niż początek." in late.text
    assert ok(as_partner.get("/api/v1/opportunities", params={"partner_id": partner["id"]}))["items"] == []


def test_an_edit_changes_only_what_the_person_changed(network: Network) -> None:
    _, as_partner, visitor = signed_in_partner(network, "Fundacja Zmiany")
    draft = as_partner.create("/api/v1/opportunities", opportunity_for(places=5, starts_at="2030-05-05T07:15:42+00:00"))
    edit = f"/portal/opportunities/{draft['id']}/edit"
    shown = visitor.get(edit)
    assert shown.status_code == 200 and 'value="2030-05-05T09:15:42"' in shown.text
    kept = re.findall(r'name="(\w+)"[^>]*value="([^"]*)"', shown.text)
    choices = ("csrf_token", "language", "places", "topics", "target_groups", "regions", "nationwide")
    pairs: Pairs = [(name, value) for name, value in kept if name not in choices]
    checked = re.findall(r'name="(topics|target_groups|regions)" value="(\w+)" checked', shown.text)

    unshown = [("kind", "course"), ("delivery_mode", "on_site"), ("description", "Nowy opis")]  # select, textarea

    saved = send(visitor, edit, [*pairs, *checked, *unshown, ("places", "8")], edit)

    assert saved.status_code == 303, saved.text
    after = ok(as_partner.get(f"/api/v1/opportunities/{draft['id']}"))
    assert (after["places"], after["description"], after["title"]) == (8, "Nowy opis", draft["title"])
    assert after["starts_at"] == draft["starts_at"] and after["regions"] == draft["regions"]


def test_an_unverified_partner_is_told_why_it_cannot_publish(network: Network) -> None:
    _, as_partner, visitor = signed_in_partner(network, "Fundacja Niezweryfikowana", verified=False)
    draft = as_partner.create("/api/v1/opportunities", opportunity_for())
    manage = f"/portal/opportunities/{draft['id']}/manage"

    refused = send(visitor, f"/portal/opportunities/{draft['id']}/publish", [], manage)

    assert refused.status_code == 409 and "nie została jeszcze zweryfikowana" in refused.text
    assert ok(as_partner.get(f"/api/v1/opportunities/{draft['id']}"))["status"] == "draft"


def test_a_withdrawn_opportunity_can_no_longer_be_changed(network: Network) -> None:
    _, as_partner, visitor = signed_in_partner(network, "Fundacja Wycofuje")
    published = as_partner.publish(opportunity_for())
    manage = f"/portal/opportunities/{published['id']}/manage"

    withdrawn = send(visitor, f"/portal/opportunities/{published['id']}/withdraw", [], manage)

    assert withdrawn.status_code == 303
    assert ok(as_partner.get(f"/api/v1/opportunities/{published['id']}"))["status"] == "withdrawn"
    edit = visitor.get(f"/portal/opportunities/{published['id']}/edit")
    assert edit.status_code == 409 and "nie można jej już zmienić" in edit.text
    assert f'action="/portal/opportunities/{published["id"]}/edit"' not in edit.text
    again = send(visitor, f"/portal/opportunities/{published['id']}/withdraw", [], manage)
    assert again.status_code == 409


def test_the_partner_decides_on_the_centres_interest_and_the_dashboard_counts_it(network: Network) -> None:
    _, as_partner, visitor = signed_in_partner(network, "Fundacja Decyduje")
    published = as_partner.publish(opportunity_for(title="Kurs z miejscami", places=3))
    first, as_first = network.centre({"name": "LOWE Pierwsze", "voivodeship": "26", "municipality": "Kielce"})
    second, as_second = network.centre({"name": "LOWE Drugie", "voivodeship": "26", "municipality": "Busko"})
    asked = express(as_first, first, published["id"], 2, "Grupa seniorów")
    other = express(as_second, second, published["id"], 2)
    interests = f"/portal/opportunities/{published['id']}/interests"
    home = visitor.get("/portal/").text
    assert re.search(r"Kurs z miejscami.*?>2</a>.*?<mark>2</mark>.*?>3<", home, re.S)
    page = visitor.get(interests)
    assert page.status_code == 200 and "LOWE Pierwsze" in page.text and "Grupa seniorów" in page.text
    assert "LOWE Drugie" in page.text and f"Ośrodek {second['id'][:8]}" not in page.text  # named, not by its id

    accepted = send(visitor, f"/portal/interests/{asked}/accept", [], interests)
    declined = send(visitor, f"/portal/interests/{other}/decline", [], interests)
    too_many = send(visitor, f"/portal/interests/{asked}/release", [("places", "9")], interests)
    released = send(visitor, f"/portal/interests/{asked}/release", [("places", "1")], interests)

    assert accepted.status_code == declined.status_code == released.status_code == 303
    assert too_many.status_code in (400, 409)
    assert too_many.text.index(f'id="release-{asked}-places-error"') > too_many.text.index(f'id="release-{asked}"')
    assert 'value="9"' in too_many.text
    listing = ok(as_partner.get(interests.replace("/portal/", "/api/v1/")))
    statuses = {item["id"]: (item["status"], item["allocated"]) for item in listing["items"]}
    assert statuses == {asked: ("accepted", 1), other: ("declined", 0)}
    assert listing["places"]["remaining"] == 2
    assert "Przyjmij" not in visitor.get(interests).text  # nothing pending any more


def matched_cell(home: str, opportunity_id: str) -> str:
    """What the dashboard's "matched centres" column says in the opportunity's row."""
    headers = re.findall(r'<th scope="col">([^<]+)</th>', home)
    row = re.search(rf'/portal/opportunities/{opportunity_id}/manage".*?</th>(.*?)</tr>', home, re.S)
    assert row, home
    return str(re.findall(r"<td>(.*?)</td>", row.group(1))[headers.index("Dopasowane centra") - 1])


def test_the_dashboard_shows_how_many_centres_each_published_opportunity_reached(network: Network) -> None:
    _, as_partner, visitor = signed_in_partner(network, "Fundacja Zasięg")
    _, as_other = network.partner(
        {"name": "Fundacja Konkurencja", "sector": "social", "email": "k@example.pl", "voivodeship": "02"}
    )
    reached = []
    for number in range(3):
        centre, as_centre = network.centre(
            {"name": f"LOWE Śląsk {number}", "voivodeship": "02", "municipality": "Oława"}
        )
        as_centre.create(f"/api/v1/centres/{centre['id']}/subscriptions", {"name": "Pomoc", "kinds": ["volunteering"]})
        reached.append((centre, as_centre))
    volunteering = {"kind": "volunteering", "regions": ["02"]}
    published = as_partner.publish(opportunity_for(title="Wolontariat w Oławie", **volunteering))
    draft = as_partner.create("/api/v1/opportunities", opportunity_for(title="Szkic wolontariatu", **volunteering))
    foreign = as_other.publish(opportunity_for(title="Cudzy wolontariat", **volunteering))

    def in_every_feed() -> bool:
        feeds = [ok(api.get(f"/api/v1/centres/{centre['id']}/feed"))["items"] for centre, api in reached]
        return all({item["opportunity"]["id"] for item in feed} == {published["id"], foreign["id"]} for feed in feeds)

    wait_for(in_every_feed, timeout=20, what="both opportunities in the three centres' feeds")

    home = visitor.get("/portal/")

    assert home.status_code == 200
    assert matched_cell(home.text, published["id"]) == "3" and matched_cell(home.text, draft["id"]) == "—"
    assert foreign["id"] not in home.text and "Cudzy wolontariat" not in home.text
    manage = visitor.get(f"/portal/opportunities/{published['id']}/manage").text
    assert "<dt>Dopasowane centra</dt><dd>3</dd>" in manage
    assert "<dt>Dopasowane centra</dt><dd>—</dd>" in visitor.get(f"/portal/opportunities/{draft['id']}/manage").text
    assert visitor.get(f"/portal/opportunities/{foreign['id']}/manage").status_code == 403


def test_another_partners_opportunities_and_interests_are_refused_on_every_page(network: Network) -> None:
    _, _, visitor = signed_in_partner(network, "Fundacja Ciekawska")
    _, as_other = network.partner(
        {"name": "Fundacja Obca", "sector": "social", "email": "o@example.pl", "voivodeship": "14"}
    )
    draft = as_other.create("/api/v1/opportunities", opportunity_for(title="Cudzy szkic"))
    published = as_other.publish(opportunity_for(title="Cudza oferta", places=5))
    centre, as_centre = network.centre({"name": "LOWE Trzecie", "voivodeship": "14", "municipality": "Radom"})
    interest = express(as_centre, centre, published["id"], 1)

    for opportunity, status in ((draft, 404), (published, 403)):
        for view in ("manage", "edit", "interests"):
            refused = visitor.get(f"/portal/opportunities/{opportunity['id']}/{view}")
            assert refused.status_code == status, (view, refused.status_code)
            assert "Cudzy szkic" not in refused.text and "LOWE Trzecie" not in refused.text
        for action in ("publish", "withdraw", "edit"):
            assert send(visitor, f"/portal/opportunities/{opportunity['id']}/{action}", FORM).status_code == status
    for decision in ("accept", "decline", "release"):
        assert send(visitor, f"/portal/interests/{interest}/{decision}", []).status_code == 404

    assert ok(as_other.get(f"/api/v1/opportunities/{draft['id']}"))["title"] == "Cudzy szkic"
    assert ok(as_other.get(f"/api/v1/opportunities/{published['id']}"))["status"] == "published"
    listing = ok(as_other.get(f"/api/v1/opportunities/{published['id']}/interests"))
    assert [item["status"] for item in listing["items"]] == ["pending"]
    _, _, centre_visitor = signed_in_centre(network, "LOWE Czwarte")
    assert centre_visitor.get("/portal/opportunities/new").status_code == 403


def test_the_inbox_pages_newest_first_filters_the_unread_and_marks_one_read(network: Network) -> None:
    _, as_partner, visitor = signed_in_partner(network, "Fundacja Skrzynka")
    published = as_partner.publish(opportunity_for(title="Oferta z powiadomieniami"))
    for number in range(21):
        centre, as_centre = network.centre({"name": f"LOWE {number:02}", "voivodeship": "26", "municipality": "Kielce"})
        express(as_centre, centre, published["id"], 1)
    wait_for(
        lambda: ok(as_partner.get("/api/v1/notifications", params={"page_size": 100}))["unread"] >= 21,
        timeout=30,
        what="the partner's notifications",
    )
    newest = ok(as_partner.get("/api/v1/notifications", params={"page_size": 100}))["notifications"]

    first = visitor.get("/portal/notifications")

    assert first.status_code == 200 and first.text.count("Oznacz jako przeczytane") == 20
    assert re.findall(r"/portal/notifications/([0-9a-f-]{36})/read", first.text) == [n["id"] for n in newest[:20]]
    next_link = re.search(r'href="(/portal/notifications\?cursor=[^"]+)" rel="next"', first.text)
    assert next_link
    older = visitor.get(next_link.group(1).replace("&amp;", "&"))
    assert older.status_code == 200 and older.text.count("Oznacz jako przeczytane") == len(newest) - 20
    back = [("next", "/portal/notifications?unread=1")]
    marked = send(visitor, f"/portal/notifications/{newest[0]['id']}/read", back, "/portal/notifications")
    assert marked.status_code == 303 and marked.headers["Location"] == "/portal/notifications?unread=1"
    unread = visitor.get("/portal/notifications?unread=1")
    assert f"/portal/notifications/{newest[0]['id']}/read" not in unread.text
    assert f"/portal/notifications/{newest[1]['id']}/read" in unread.text
    assert ok(as_partner.get("/api/v1/notifications"))["notifications"][0]["read_at"] is not None
    assert visitor.get("/portal/notifications?cursor=not-a-cursor").status_code == 400


def test_the_inbox_is_worded_in_the_language_the_person_reads_the_portal_in(network: Network) -> None:
    _, as_partner, visitor = signed_in_partner(network, "Fundacja Dwujęzyczna")
    published = as_partner.publish(opportunity_for(title="Oferta dla czytelnika"))
    centre, as_centre = network.centre({"name": "LOWE Słowa", "voivodeship": "26", "municipality": "Kielce"})
    express(as_centre, centre, published["id"], 1)
    [stored] = wait_for(
        lambda: [
            n for n in ok(as_partner.get("/api/v1/notifications"))["notifications"] if n["type"] != "partner_verified"
        ],
        timeout=30,
        what="the partner's notification",
    )

    polish = visitor.get("/portal/notifications").text
    visitor.post("/portal/language", {"language": "en"}, token_from="/portal/")
    english = visitor.get("/portal/notifications").text

    assert stored["title"] in polish and stored["title"] not in english
    assert stored["title"].startswith("Nowe zgłoszenie: ")
    assert stored["title"].replace("Nowe zgłoszenie: ", "New interest: ") in english
    assert "Organisation verified: Fundacja Dwujęzyczna" in english


def test_an_organisation_cannot_mark_anothers_notification_read(network: Network) -> None:
    _, as_partner, _ = signed_in_partner(network, "Fundacja Prywatna")
    published = as_partner.publish(opportunity_for(title="Prywatne powiadomienie"))
    centre, as_centre, centre_visitor = signed_in_centre(network, "LOWE Wścibskie")
    express(as_centre, centre, published["id"], 1)
    notification = wait_for(
        lambda: ok(as_partner.get("/api/v1/notifications"))["notifications"], timeout=30, what="a notification"
    )[0]

    refused = send(centre_visitor, f"/portal/notifications/{notification['id']}/read", [], "/portal/notifications")

    assert refused.status_code == 404 and "text/html" in refused.headers["Content-Type"]
    assert notification["title"] not in centre_visitor.get("/portal/notifications").text
    assert ok(as_partner.get("/api/v1/notifications"))["notifications"][0]["read_at"] is None
    operator = Browser(network.url)
    operator.sign_in(make_account(network.databases.url("gateway"), "operator", None))
    assert operator.get("/portal/notifications").status_code == 403
