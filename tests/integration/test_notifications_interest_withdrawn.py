"""Through the real broker and database: the partners' `interest_withdrawn` ends the centre's claim (its deadline
warning goes, unless it saved the entry; older news arriving late changes nothing) and tells the partner in its
inbox; `partner_updated` changes the address the partner's messages go to."""

from __future__ import annotations

import uuid
from typing import Any

from tests.integration.test_notifications_saved_entries import interest, mark, publish, published, rpc, warnings
from tests.support import stays, wait_for

__all__ = ["rpc"]  # the fixture


def withdrawn(broker_uri: str, centre: str, opportunity_id: str, partner_id: str, minute: int) -> None:
    data = {"interest_id": str(uuid.uuid4()), "opportunity_id": opportunity_id, "partner_id": partner_id}
    data.update(centre_id=centre, places_released=0, withdrawn_at=f"2026-01-06T10:{minute:02d}:00+00:00")
    publish(broker_uri, "partners", "interest_withdrawn", data)


def inbox(rpc: Any, recipient: str) -> list[dict[str, Any]]:
    return list(rpc.notifications.list_notifications(recipient)["notifications"])


def test_a_withdrawal_drops_the_claims_warning_and_tells_the_partner(rpc: Any, broker_uri: str) -> None:
    centre, opportunity, partner = str(uuid.uuid4()), str(uuid.uuid4()), str(uuid.uuid4())
    published(broker_uri, opportunity)
    interest(broker_uri, centre, opportunity, "interest_expressed", 1)
    wait_for(lambda: warnings(rpc, centre, "queued"), what="the claim's warning")

    withdrawn(broker_uri, centre, opportunity, partner, 2)

    wait_for(lambda: not warnings(rpc, centre, "queued"), what="the warning dropped")
    [told] = wait_for(lambda: inbox(rpc, partner), what="the partner told")
    assert (told["type"], told["data"]["decision"], told["data"]["centre_id"]) == (
        "interest_withdrawn",
        "withdrawn",
        centre,
    )


def test_a_saved_entry_keeps_its_warning_after_the_withdrawal(rpc: Any, broker_uri: str) -> None:
    centre, opportunity, partner = str(uuid.uuid4()), str(uuid.uuid4()), str(uuid.uuid4())
    published(broker_uri, opportunity)
    interest(broker_uri, centre, opportunity, "interest_expressed", 1)
    mark(broker_uri, centre, opportunity, "saved", 2)
    first = wait_for(lambda: warnings(rpc, centre, "queued"), what="the warning")

    withdrawn(broker_uri, centre, opportunity, partner, 3)

    wait_for(lambda: inbox(rpc, partner), what="the withdrawal processed")
    assert stays(lambda: warnings(rpc, centre, "queued") == first, duration=1.5)


def test_an_interest_older_than_the_withdrawal_arriving_late_claims_nothing(rpc: Any, broker_uri: str) -> None:
    centre, opportunity, partner = str(uuid.uuid4()), str(uuid.uuid4()), str(uuid.uuid4())
    published(broker_uri, opportunity)
    withdrawn(broker_uri, centre, opportunity, partner, 5)
    wait_for(lambda: inbox(rpc, partner), what="the withdrawal processed")

    interest(broker_uri, centre, opportunity, "interest_expressed", 1)

    assert stays(lambda: not warnings(rpc, centre, "queued"), duration=1.5)


def test_a_partners_new_email_replaces_the_old_and_older_news_does_not_bring_it_back(rpc: Any, broker_uri: str) -> None:
    partner = str(uuid.uuid4())

    def email() -> Any:
        return rpc.notifications.get_preferences(partner, "partner")["email"]

    data = {"partner_id": partner, "name": "Fundacja", "contact_person": None, "phone": None, "changed": ["email"]}
    publish(
        broker_uri,
        "partners",
        "partner_updated",
        {**data, "email": "nowy@f.pl", "updated_at": "2026-01-06T10:00:00+00:00"},
    )
    wait_for(lambda: email() == "nowy@f.pl", what="the new address")

    verified = {"partner_id": partner, "name": "Fundacja", "email": "stary@f.pl"}
    publish(broker_uri, "partners", "partner_verified", {**verified, "verified_at": "2026-01-05T10:00:00+00:00"})
    wait_for(lambda: inbox(rpc, partner), what="the verification processed")

    assert email() == "nowy@f.pl"
