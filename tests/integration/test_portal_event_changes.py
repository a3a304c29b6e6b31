"""A centre changes its events and calls them off through the portal, over real HTTP with the real services: the
edit form filled in as the event is, the refused changes shown by field, a form shown before someone else's change,
the confirm step before calling off and the participants told, and another centre refused as the API refuses it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.fixtures.broker import VhostAdmin
from tests.integration.gateway_helpers import Network, ok, running_network
from tests.integration.portal_events_helpers import (
    EDITED_FROM,
    FORM_TITLE,
    LEDGER,
    NEXT_DAY,
    an_event,
    centre_signed_in,
    event_form,
    register,
)
from tests.integration.portal_helpers import CHEAP_ARGON2, Browser
from tests.support import wait_for


@pytest.fixture(scope="module")
def network(vhost_admin: VhostAdmin, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Network]:
    with running_network(vhost_admin, tmp_path_factory.mktemp("portal-changes"), {"gateway": CHEAP_ARGON2}) as running:
        yield running


def an_event_as_in_the_form(as_centre: Network) -> dict[str, Any]:
    """An event whose edit form is `event_form()` as it stands."""
    return an_event(as_centre, title=FORM_TITLE, capacity=12, target_groups=["seniors"])


def shown_edit_form(visitor: Browser, event_id: str, **changes: str) -> dict[str, str]:
    """The edit form as the page fills it in (with the event's last change it was shown at), then changed."""
    page = visitor.get(f"/portal/events/{event_id}/edit")
    assert page.status_code == 200, page.text
    found = EDITED_FROM.search(page.text)
    assert found, page.text
    return {**event_form(), "edited_from": found.group(1), **changes}


def told(network: Network, registration_id: str, news: str) -> list[dict[str, Any]]:
    """The notifications' deliveries of that news to the participant (in the ledger, whether sent yet or not)."""
    query = {"recipient_id": registration_id, "type": news}
    items: list[dict[str, Any]] = ok(network.get(LEDGER, params=query))["items"]
    return items


def test_a_centre_changes_its_event_and_the_event_page_and_the_list_show_the_new_values(network: Network) -> None:
    _, as_centre, visitor = centre_signed_in(network, "LOWE Ósme")
    event = an_event_as_in_the_form(as_centre)
    path = f"/portal/events/{event['id']}"
    form_page = visitor.get(f"{path}/edit").text
    assert f'value="{FORM_TITLE}"' in form_page and f'value="{NEXT_DAY}"' in form_page
    assert 'value="17:00"' in form_page and 'value="seniors" checked' in form_page
    form = shown_edit_form(visitor, event["id"], title="Bankowość dla zaawansowanych", capacity="20")

    changed = visitor.post(f"{path}/edit", {**form, "session_start_0": "16:00"})

    assert changed.status_code == 303, changed.text
    assert changed.headers["Location"] == f"{path}?done=changed"
    page = visitor.get(changed.headers["Location"]).text
    assert "Zmiany są zapisane." in page and "Bankowość dla zaawansowanych" in page
    assert "zajęte: 0 z 20, wolne: 20" in page
    after = ok(as_centre.get(f"/api/v1/events/{event['id']}"))
    assert (after["title"], after["capacity"], after["target_groups"], after["kind"]) == (
        "Bankowość dla zaawansowanych",
        20,
        ["seniors"],
        "workshop",
    )
    assert [s["local_starts_at"][11:16] for s in after["sessions"]] == ["16:00"]
    assert "Bankowość dla zaawansowanych" in visitor.get("/portal/events").text
    same = shown_edit_form(visitor, event["id"], title="Bankowość dla zaawansowanych", capacity="20")
    unchanged = visitor.post(f"{path}/edit", {**same, "session_start_0": "16:00"})
    assert unchanged.headers["Location"] == f"{path}?done=unchanged"
    assert ok(as_centre.get(f"/api/v1/events/{event['id']}"))["updated_at"] == after["updated_at"]


def test_a_refused_change_is_shown_next_to_its_field_with_the_typed_values_and_changes_nothing(
    network: Network,
) -> None:
    _, as_centre, visitor = centre_signed_in(network, "LOWE Dziewiąte")
    event = an_event_as_in_the_form(as_centre)
    path = f"/portal/events/{event['id']}"
    for name in ("Irena", "Jan"):
        register(as_centre, event, name)

    refused = visitor.post(f"{path}/edit", shown_edit_form(visitor, event["id"], capacity="0", title="Nowy tytuł"))
    below = visitor.post(f"{path}/edit", shown_edit_form(visitor, event["id"], capacity="1"))
    no_kind = visitor.post(f"{path}/edit", shown_edit_form(visitor, event["id"], kind=""))

    assert refused.status_code == 400, refused.text
    assert 'id="capacity-error"' in refused.text and "Podaj liczbę od 1 do 10 000." in refused.text
    assert 'value="Nowy tytuł"' in refused.text
    assert below.status_code == 409 and 'id="capacity-error"' in below.text
    assert "Liczba miejsc nie może być mniejsza niż liczba już potwierdzonych miejsc." in below.text
    assert no_kind.status_code == 400 and 'id="kind-error"' in no_kind.text and "To pole jest wymagane." in no_kind.text
    after = ok(as_centre.get(f"/api/v1/events/{event['id']}"))
    assert (after["title"], after["capacity"], after["kind"], after["updated_at"]) == (FORM_TITLE, 12, "workshop", None)


def test_a_form_shown_before_someone_else_changed_the_event_does_not_undo_that_change(network: Network) -> None:
    _, as_centre, visitor = centre_signed_in(network, "LOWE Dziesiąte")
    event = an_event_as_in_the_form(as_centre)
    path = f"/portal/events/{event['id']}"
    stale = shown_edit_form(visitor, event["id"], capacity="30")
    ok(as_centre.patch(f"/api/v1/events/{event['id']}", json={"title": "Zmienione przez API"}))

    refused = visitor.post(f"{path}/edit", stale)

    assert refused.status_code == 409 and "Ktoś inny zmienił wydarzenie" in refused.text
    assert 'value="Zmienione przez API"' in refused.text and 'value="12"' in refused.text
    after = ok(as_centre.get(f"/api/v1/events/{event['id']}"))
    assert (after["title"], after["capacity"]) == ("Zmienione przez API", 12)


def test_calling_off_an_event_after_its_confirm_step_shows_it_called_off_and_tells_its_participants(
    network: Network,
) -> None:
    _, as_centre, visitor = centre_signed_in(network, "LOWE Jedenaste")
    event = an_event(as_centre, capacity=1)
    path = f"/portal/events/{event['id']}"
    people = [register(as_centre, event, name) for name in ("Krystyna", "Leon")]
    confirm = visitor.get(f"{path}/cancel")
    assert confirm.status_code == 200 and "Zapisani uczestnicy: 1, na liście rezerwowej: 1." in confirm.text
    assert f'action="{path}/cancel"' in confirm.text and 'name="reason"' in confirm.text

    called_off = visitor.post(f"{path}/cancel", {"reason": "Choroba prowadzącej"})

    assert called_off.status_code == 303 and called_off.headers["Location"] == f"{path}?done=called_off"
    page = visitor.get(called_off.headers["Location"]).text
    assert "To wydarzenie jest odwołane." in page and "Choroba prowadzącej" in page and "<dd>Odwołane</dd>" in page
    assert f'href="{path}/edit"' not in page and f'href="{path}/cancel"' not in page
    row = visitor.get("/portal/events").text.split(f'href="{path}"')[1].split("</tr>")[0]
    assert "<td>Odwołane</td>" in row
    after = ok(as_centre.get(f"/api/v1/events/{event['id']}"))
    assert (after["status"], after["cancel_reason"]) == ("cancelled", "Choroba prowadzącej")
    statuses = [p["status"] for p in ok(as_centre.get(f"/api/v1/events/{event['id']}/registrations"))["items"]]
    assert sorted(statuses) == ["confirmed", "waitlisted"]
    wait_for(lambda: all(told(network, p["id"], "event_cancelled") for p in people), timeout=15, what="both told")


def test_a_called_off_event_can_no_longer_be_changed_or_called_off_again(network: Network) -> None:
    _, as_centre, visitor = centre_signed_in(network, "LOWE Dwunaste")
    event = an_event_as_in_the_form(as_centre)
    path = f"/portal/events/{event['id']}"
    form = shown_edit_form(visitor, event["id"], title="Po odwołaniu")
    ok(as_centre.post(f"/api/v1/events/{event['id']}/cancel", json={}))

    edit_page = visitor.get(f"{path}/edit")
    edited = visitor.post(f"{path}/edit", form, token_from=path)
    again = visitor.post(f"{path}/cancel", {"reason": "Jeszcze raz"}, token_from=path)

    assert edit_page.status_code == 409 and "Odwołanego wydarzenia nie można już zmienić." in edit_page.text
    assert 'name="title"' not in edit_page.text
    assert edited.status_code == 409 and "Odwołanego wydarzenia nie można już zmienić." in edited.text
    assert 'name="title"' not in edited.text
    assert again.status_code == 409 and "Wydarzenie jest odwołane." in again.text
    assert visitor.get(f"{path}/cancel").status_code == 409
    after = ok(as_centre.get(f"/api/v1/events/{event['id']}"))
    assert (after["title"], after["cancel_reason"]) == (FORM_TITLE, None)


def test_another_centre_can_neither_change_nor_call_off_an_event_as_the_api_answers_it(network: Network) -> None:
    _, as_owner, _ = centre_signed_in(network, "LOWE Trzynaste")
    event = an_event_as_in_the_form(as_owner)
    path = f"/portal/events/{event['id']}"
    _, as_stranger, stranger = centre_signed_in(network, "LOWE Cudze")
    api = {
        as_stranger.patch(f"/api/v1/events/{event['id']}", json={"title": "Przejęte"}).status_code,
        as_stranger.post(f"/api/v1/events/{event['id']}/cancel", json={}).status_code,
    }

    pages = {stranger.get(f"{path}/edit").status_code, stranger.get(f"{path}/cancel").status_code}
    actions = {
        stranger.post(
            f"{path}/edit", {**event_form(title="Przejęte"), "edited_from": event["created_at"]}, "/portal/events/new"
        ).status_code,
        stranger.post(f"{path}/cancel", {"reason": "Bo tak"}, token_from="/portal/events/new").status_code,
    }

    assert api == pages == actions == {404}
    after = ok(as_owner.get(f"/api/v1/events/{event['id']}"))
    assert (after["title"], after["status"], after["updated_at"]) == (FORM_TITLE, "scheduled", None)
