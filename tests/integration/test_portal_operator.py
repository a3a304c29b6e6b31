"""The operators' portal pages over real HTTP with the real services, broker and databases: the network map, the
partner verification queue, the delivery ledger with its re-drive, and the dead letters with their replay; and no
partner or centre reaching any of them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.fixtures.broker import VhostAdmin
from tests.integration.gateway_helpers import UNKNOWN_ID, Network, ok, opportunity_for, running_network
from tests.integration.portal_helpers import CHEAP_ARGON2, Browser, make_account
from tests.integration.test_gateway_admin import CONSUMERS, dead_lettered, publish_poison
from tests.integration.test_notifications_delivery import SmtpCatcher, fast
from tests.support import stays, wait_for

LEDGER = "/api/v1/admin/deliveries"


@pytest.fixture(scope="module")
def network(vhost_admin: VhostAdmin, tmp_path_factory: pytest.TempPathFactory, smtp: SmtpCatcher) -> Iterator[Network]:
    overrides = {"gateway": {**CHEAP_ARGON2, "LOGIN_LIMIT_PER_IP": 1000}, "notifications": fast(smtp.port)}
    with running_network(vhost_admin, tmp_path_factory.mktemp("portal-operator"), overrides) as running:
        yield running


@pytest.fixture(scope="module")
def operator(network: Network) -> Browser:
    signed_in = Browser(network.url)
    assert signed_in.sign_in(make_account(network.databases.url("gateway"), "operator", None)).status_code == 303
    return signed_in


def signed_in_as(network: Network, role: str, organisation_id: str) -> Browser:
    visitor = Browser(network.url)
    assert visitor.sign_in(make_account(network.databases.url("gateway"), role, organisation_id)).status_code == 303
    return visitor


def partner_body(name: str, voivodeship: str = "02") -> dict[str, Any]:
    return {"name": name, "sector": "social", "email": "biuro@example.pl", "voivodeship": voivodeship}


def centre_body(name: str, voivodeship: str = "02", **more: Any) -> dict[str, Any]:
    return {"name": name, "voivodeship": voivodeship, "municipality": name.removeprefix("LOWE "), **more}


def table_row(html: str, label: str) -> list[str]:
    """The figures of the network table's row headed `label`."""
    found = re.search(rf'<th scope="row">{label}</th>((?:<td>[^<]*</td>)+)', html)
    assert found, html
    return re.findall(r"<td>([^<]*)</td>", found.group(1))


def partner_status(network: Network, partner_id: str) -> str:
    return str(ok(network.get(f"/api/v1/partners/{partner_id}"))["status"])


def test_the_network_map_shows_centres_and_open_opportunities_per_voivodeship(
    network: Network, operator: Browser
) -> None:
    network.centre(centre_body("LOWE Płońsk", "14"))
    network.centre(centre_body("LOWE Pułtusk", "14"))
    _, as_partner = network.partner(partner_body("Fundacja Mazowiecka", "14"))
    as_partner.publish(opportunity_for(title="Kurs w dwóch województwach", regions=["14", "12"]))
    as_partner.publish(opportunity_for(title="Kurs dla całej Polski", regions=[]))
    as_partner.create("/api/v1/opportunities", opportunity_for(title="Szkic", regions=["14"]))
    withdrawn = as_partner.publish(opportunity_for(title="Wycofana", regions=["14"]))
    ok(as_partner.post(f"/api/v1/opportunities/{withdrawn['id']}/withdraw"))

    page = operator.get("/portal/network")

    assert page.status_code == 200 and "<script" not in page.text
    assert table_row(page.text, "Mazowieckie") == ["2", "1"] and table_row(page.text, "Małopolskie") == ["0", "1"]
    assert table_row(page.text, "Ogólnopolskie") == ["\u2013", "1"]
    assert page.text.count("<path ") == 16 and "<title>Mazowieckie: centra: 2, otwarte oferty: 1</title>" in page.text
    assert ">2 / 1</text>" in page.text and 'class="region shade-4"' in page.text
    by_centres = operator.get("/portal/network?shade=centres").text
    assert "Im ciemniej, tym więcej centrów." in by_centres
    home = operator.get("/portal/")
    assert home.status_code == 200 and "<title>Mazowieckie: centra: 2, otwarte oferty: 1</title>" in home.text
    css = operator.get("/portal/static/operator.css")
    assert css.status_code == 200 and css.headers["Content-Type"].startswith("text/css")


def test_an_operator_verifies_a_partner_waiting_for_it(network: Network, operator: Browser) -> None:
    partner, _ = network.partner(partner_body("Stowarzyszenie Czekające"), verified=False)
    waiting = operator.get("/portal/partners/verification")
    assert waiting.status_code == 200 and "Stowarzyszenie Czekające" in waiting.text
    assert f'action="/portal/partners/{partner["id"]}/verify"' in waiting.text

    verified = operator.post(f"/portal/partners/{partner['id']}/verify", {}, token_from="/portal/partners/verification")

    assert verified.status_code == 303 and verified.headers["Location"] == "/portal/partners/verification?done=verified"
    assert partner_status(network, partner["id"]) == "verified"
    after = operator.get(verified.headers["Location"]).text
    assert "Partner jest zweryfikowany" in after and "Zweryfikowany" in after


def test_a_suspension_without_a_reason_is_refused_next_to_its_field_keeping_what_was_typed(
    network: Network, operator: Browser
) -> None:
    partner, _ = network.partner(partner_body("Fundacja Do Zawieszenia"), verified=False)
    suspend = f"/portal/partners/{partner['id']}/suspend"

    refused = operator.post(suspend, {"reason": "   "}, token_from="/portal/partners/verification")

    assert refused.status_code == 400 and "text/html" in refused.headers["Content-Type"]
    assert f'<small id="reason-{partner["id"]}-error" class="error">To pole nie może być puste.</small>' in refused.text
    assert f'aria-describedby="reason-{partner["id"]}-error">   </textarea>' in refused.text
    assert partner_status(network, partner["id"]) == "pending"

    suspended = operator.post(suspend, {"reason": "Fałszywe oferty"}, token_from="/portal/partners/verification")

    assert suspended.status_code == 303 and suspended.headers["Location"].endswith("?done=suspended")
    assert partner_status(network, partner["id"]) == "suspended"
    again = operator.get("/portal/partners/verification").text
    assert "Przywróć weryfikację" in again and "Fundacja Do Zawieszenia" in again


def test_the_ledger_is_filtered_and_a_failed_email_is_sent_again(
    network: Network, operator: Browser, smtp: SmtpCatcher
) -> None:
    centre, as_centre = network.centre(centre_body("LOWE Bez Adresu", "26", email=None))
    ok(
        as_centre.post(f"/api/v1/centres/{centre['id']}/subscriptions", json={"name": "Kursy", "kinds": ["course"]}),
        201,
    )
    _, as_partner = network.partner(partner_body("Fundacja Świętokrzyska", "26"))
    as_partner.publish(opportunity_for(title="Kurs dla Bodzentyna", regions=["26"]))
    filters = {"recipient_id": centre["id"], "channel": "email", "status": "failed"}
    [delivery] = wait_for(
        lambda: ok(network.get(LEDGER, params=filters))["items"], timeout=15, what="the centre's e-mail to fail"
    )
    query = "&".join(f"{name}={value}" for name, value in filters.items())

    page = operator.get(f"/portal/deliveries?{query}")

    assert page.status_code == 200 and "Nowa pasująca oferta" in page.text and "Nieudana" in page.text
    assert f'action="/portal/deliveries/{delivery["id"]}/redrive"' in page.text
    ok(as_centre.put("/api/v1/notification-preferences", json={"email": "nowy@example.pl"}))

    redriven = operator.post(
        f"/portal/deliveries/{delivery['id']}/redrive", filters, token_from=f"/portal/deliveries?{query}"
    )

    assert redriven.status_code == 303 and "redriven=1" in redriven.headers["Location"]
    assert f"recipient_id={centre['id']}" in redriven.headers["Location"]
    wait_for(lambda: [m for m in smtp.messages() if m["To"] == "nowy@example.pl"], timeout=15, what="the e-mail")
    sent = operator.get(f"/portal/deliveries?recipient_id={centre['id']}&channel=email").text
    assert "Wysłana" in sent and "redrive" not in sent
    twice = operator.post(f"/portal/deliveries/{delivery['id']}/redrive", {}, token_from="/portal/deliveries")
    assert twice.status_code == 409 and "Ponownie można wysłać tylko" in twice.text


def test_bad_ledger_filters_are_shown_next_to_their_fields(operator: Browser) -> None:
    page = operator.get("/portal/deliveries?recipient_id=nie-identyfikator&status=lost")

    assert page.status_code == 400 and "text/html" in page.headers["Content-Type"]
    assert '<small id="recipient_id-error" class="error">To nie jest prawidłowy identyfikator.</small>' in page.text
    assert 'id="status-error"' in page.text and 'value="nie-identyfikator"' in page.text
    assert operator.get("/portal/deliveries?cursor=zepsuty").status_code == 400


def test_dead_letters_are_listed_and_replayed_after_a_confirm_step(network: Network, operator: Browser) -> None:
    event_id = publish_poison(network)
    dead_lettered(network, event_id)

    listed = operator.get("/portal/dead-letters")

    assert listed.status_code == 200 and event_id in listed.text
    assert all(queue in listed.text for queue in CONSUMERS.values())
    confirm = operator.get(f"/portal/dead-letters/replay?event_id={event_id}")
    assert confirm.status_code == 200 and f'name="event_id" value="{event_id}"' in confirm.text

    replayed = operator.post(
        "/portal/dead-letters/replay", {"event_id": event_id}, token_from=confirm.url.removeprefix(network.url)
    )

    assert (
        replayed.status_code == 303
        and replayed.headers["Location"] == f"/portal/dead-letters?replayed={len(CONSUMERS)}"
    )
    dead_lettered(network, event_id)  # still off its contract: each consumer gave up on it again, so it reached them
    queue = CONSUMERS["centres"]
    confirm_queue = f"/portal/dead-letters/replay?queue={queue}"
    assert operator.get(confirm_queue).status_code == 200
    whole_queue = operator.post("/portal/dead-letters/replay", {"queue": queue}, token_from=confirm_queue)
    assert whole_queue.status_code == 303 and "replayed=" in whole_queue.headers["Location"]
    assert operator.get(f"/portal/dead-letters/replay?event_id={UNKNOWN_ID}").status_code == 404
    unknown = operator.post("/portal/dead-letters/replay", {"event_id": UNKNOWN_ID}, token_from="/portal/dead-letters")
    assert unknown.status_code == 404 and "text/html" in unknown.headers["Content-Type"]


def letter_ids(network: Network, queue: str) -> list[str]:
    letters = ok(network.get("/api/v1/admin/dead-letters"))["items"]
    return sorted(letter["event_id"] for letter in letters if letter["queue"] == queue)


def test_a_whole_queue_is_replayed_in_one_go_each_letter_once_and_the_page_says_how_many(
    network: Network, operator: Browser
) -> None:
    for event_id in [publish_poison(network) for _ in range(3)]:
        dead_lettered(network, event_id)
    queue, untouched = CONSUMERS["centres"], CONSUMERS["notifications"]
    before, elsewhere = letter_ids(network, queue), letter_ids(network, untouched)
    confirm = f"/portal/dead-letters/replay?queue={queue}"
    assert "Jedno ponowienie odsyła najwyżej 500 z nich" in operator.get(confirm).text

    replayed = operator.post("/portal/dead-letters/replay", {"queue": queue}, token_from=confirm)

    assert replayed.status_code == 303
    assert replayed.headers["Location"] == f"/portal/dead-letters?replayed={len(before)}"
    # still off their contract: each reached the consumer once more and was dead-lettered again, once
    wait_for(lambda: letter_ids(network, queue) == before, timeout=15, what="every letter back once")
    assert stays(lambda: letter_ids(network, queue) == before, duration=0.5)
    assert letter_ids(network, untouched) == elsewhere
    assert f"Odesłane martwe wiadomości: {len(before)}." in operator.get(replayed.headers["Location"]).text
    bounded = operator.get(f"/portal/dead-letters?replayed=500&remaining=3&queue={queue}").text
    assert "W kolejce zostało: 3." in bounded
    assert f'href="/portal/dead-letters/replay?queue={queue}"' in bounded


@pytest.mark.parametrize("role", ["partner", "centre"])
def test_no_partner_or_centre_reaches_an_operators_page_or_action(network: Network, role: str) -> None:
    suffix = "Partner" if role == "partner" else "Centrum"
    if role == "partner":
        organisation, _ = network.partner(partner_body(f"Fundacja Ciekawska {suffix}"))
    else:
        organisation, _ = network.centre(centre_body(f"LOWE Ciekawskie {suffix}"))
    pending, _ = network.partner(partner_body(f"Fundacja Nietykalna {suffix}"), verified=False)
    visitor = signed_in_as(network, role, organisation["id"])
    pages = ["/portal/network", "/portal/partners/verification", "/portal/deliveries", "/portal/dead-letters"]
    actions = {
        f"/portal/partners/{pending['id']}/verify": {},
        f"/portal/partners/{pending['id']}/suspend": {"reason": "Bo tak"},
        f"/portal/deliveries/{UNKNOWN_ID}/redrive": {},
        "/portal/dead-letters/replay": {"queue": CONSUMERS["centres"]},
    }

    for path in [*pages, f"/portal/dead-letters/replay?event_id={UNKNOWN_ID}"]:
        refused = visitor.get(path)
        assert refused.status_code == 403 and "Brak dostępu" in refused.text, path
    for path, form in actions.items():
        assert visitor.post(path, form, token_from="/portal/").status_code == 403, path

    assert partner_status(network, pending["id"]) == "pending"
    assert "Fundacja Nietykalna" not in visitor.get("/portal/").text
