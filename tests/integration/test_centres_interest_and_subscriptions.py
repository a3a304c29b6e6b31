"""The centres' new RPCs through the running services, broker and databases: subscriptions changed or deleted keep the
matching index consistent; interest expressed by opportunity, withdrawn at the partners and shown in the feed; marks
told as `feed_entry_marked`; listings paged with `page_size`."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest

from lowe_backbone.errors import Conflict, InvalidInput, NotFound
from tests.integration.test_centres_matching import a_centre, feed, outbox, partner, processed, publish, rpc
from tests.messaging import count_rows
from tests.support import wait_for

__all__ = ["partner", "rpc"]


def entry_when(rpc: Any, centre_id: str, opportunity_id: str, **expected: Any) -> dict[str, Any]:
    def shown() -> dict[str, Any] | None:
        entry = feed(rpc, centre_id).get(opportunity_id)
        interest = (entry or {}).get("interest") or {}
        return entry if entry and all(interest.get(k) == v for k, v in expected.items()) else None

    found: dict[str, Any] = wait_for(shown, what=f"the feed entry to show {expected}")
    return found


def test_a_changed_paused_or_deleted_subscription_matches_accordingly(
    rpc: Any, partner: dict[str, Any], database_url: Callable[[str], str]
) -> None:
    centre = a_centre(rpc)
    subscription = rpc.centres.add_subscription(centre, {"name": "Warsztaty", "kinds": ["workshop"]})
    before = count_rows(database_url("centres"), "processed_events")

    changed = rpc.centres.update_subscription(centre, subscription["id"], {"kinds": ["course"], "name": "Kursy"})
    assert (changed["kinds"], changed["name"], changed["paused"]) == (["course"], "Kursy", False)
    course = publish(rpc, partner)
    wait_for(lambda: course in feed(rpc, centre), what="the course matched by the changed subscription")

    assert rpc.centres.update_subscription(centre, subscription["id"], {"active": False})["paused"] is True
    paused_course = publish(rpc, partner)
    wait_for(processed(database_url, before + 2), what="the second publication processed")
    assert paused_course not in feed(rpc, centre)

    assert rpc.centres.update_subscription(centre, subscription["id"], {"active": True})["paused"] is False
    assert rpc.centres.delete_subscription(centre, subscription["id"]) is None
    after_delete = publish(rpc, partner)
    wait_for(processed(database_url, before + 3), what="the third publication processed")
    assert set(feed(rpc, centre)) == {course}  # what it matched stays; nothing new
    assert rpc.centres.list_subscriptions(centre) == []
    assert after_delete not in feed(rpc, centre)

    other = a_centre(rpc, subscription={"kinds": ["course"]})
    theirs = rpc.centres.list_subscriptions(other)[0]["id"]
    for call in (
        lambda: rpc.centres.update_subscription(centre, theirs, {"name": "Moja"}),
        lambda: rpc.centres.delete_subscription(centre, theirs),
        lambda: rpc.centres.delete_subscription(centre, subscription["id"]),
    ):
        with pytest.raises(NotFound) as unknown:
            call()
        assert set(unknown.value.fields) == {"subscription_id"}
    with pytest.raises(InvalidInput) as refused:
        rpc.centres.update_subscription(other, theirs, {"active": "no", "paused": True})
    assert set(refused.value.fields) == {"active", "paused"}


def test_interest_by_opportunity_claims_the_entry_and_a_withdrawal_shows_and_frees_it(
    rpc: Any, partner: dict[str, Any]
) -> None:
    centre = a_centre(rpc, subscription={})
    opportunity = publish(rpc, partner, places=5)
    entry = wait_for(lambda: feed(rpc, centre).get(opportunity), what="the opportunity in the feed")

    interest = rpc.centres.express_interest(centre, {"opportunity_id": opportunity, "places": 2, "message": "Hej"})

    assert (interest["entry_id"], interest["status"], interest["places"], interest["note"]) == (
        entry["id"],
        "pending",
        2,
        "Hej",
    )
    claimed = feed(rpc, centre)[opportunity]
    assert (claimed["state"], claimed["interest"]["id"]) == ("claimed", interest["id"])
    with pytest.raises(Conflict) as again:
        rpc.centres.express_interest(centre, {"opportunity_id": opportunity})
    assert set(again.value.fields) == {"entry_id"}

    rpc.partners.accept_interest(interest["id"])
    entry_when(rpc, centre, opportunity, status="allocated")
    rpc.partners.withdraw_interest(interest["id"])
    withdrawn = entry_when(rpc, centre, opportunity, status="withdrawn")
    assert (withdrawn["state"], withdrawn["interest"]["places_allocated"]) == ("claimed", 0)

    renewed = rpc.centres.express_interest(centre, {"opportunity_id": opportunity})
    assert (renewed["entry_id"], renewed["status"]) == (entry["id"], "pending")
    assert renewed["id"] != interest["id"]


def test_interest_in_an_opportunity_not_in_the_feed_goes_straight_to_the_partners(
    rpc: Any, partner: dict[str, Any]
) -> None:
    centre = a_centre(rpc, "02")
    opportunity = publish(rpc, partner)

    interest = rpc.centres.express_interest(centre, {"opportunity_id": opportunity})

    assert (interest["entry_id"], interest["centre_id"], interest["opportunity_id"]) == (None, centre, opportunity)
    assert rpc.partners.get_interest(interest["id"])["status"] == "pending"
    with pytest.raises(NotFound) as unknown:
        rpc.centres.express_interest(centre, {"opportunity_id": str(uuid.uuid4())})
    assert set(unknown.value.fields) == {"opportunity_id"}
    with pytest.raises(NotFound):
        rpc.centres.express_interest(str(uuid.uuid4()), {"opportunity_id": opportunity})
    with pytest.raises(InvalidInput) as refused:
        rpc.centres.express_interest(centre, {"opportunity_id": opportunity, "centre_id": centre})
    assert set(refused.value.fields) == {"centre_id"}


def test_a_mark_that_changes_the_state_is_told_once(
    rpc: Any, partner: dict[str, Any], database_url: Callable[[str], str]
) -> None:
    centre = a_centre(rpc, subscription={})
    opportunity = publish(rpc, partner)
    entry = wait_for(lambda: feed(rpc, centre).get(opportunity), what="the opportunity in the feed")

    rpc.centres.mark_feed_entry(centre, entry["id"], {"state": "saved"})
    rpc.centres.mark_feed_entry(centre, entry["id"], {"state": "saved"})
    rpc.centres.mark_feed_entry(centre, entry["id"], {"state": "seen"})

    marks = outbox(database_url, "feed_entry_marked")
    assert [(m["entry_id"], m["state"], m["previous_state"]) for m in marks] == [
        (entry["id"], "saved", "new"),
        (entry["id"], "seen", "saved"),
    ]
    assert marks[0]["centre_id"] == centre and marks[0]["opportunity_id"] == opportunity


def test_the_feed_and_the_registry_page_with_page_size(rpc: Any, partner: dict[str, Any]) -> None:
    centre = a_centre(rpc, subscription={})
    for _ in range(3):
        publish(rpc, partner)
    wait_for(lambda: len(feed(rpc, centre)) == 3, what="three entries in the feed")

    first = rpc.centres.list_feed(centre, {"page_size": "2"})
    second = rpc.centres.list_feed(centre, {"page_size": "2", "cursor": first["next_cursor"]})
    assert (len(first["items"]), len(second["items"]), second["next_cursor"]) == (2, 1, None)
    assert rpc.centres.list_centres({"page_size": "1"})["next_cursor"] is None
    for call, named in (
        (lambda: rpc.centres.list_feed(centre, {"page_size": "101"}), "page_size"),
        (lambda: rpc.centres.list_feed(centre, {"limit": "2"}), "limit"),
        (lambda: rpc.centres.list_centres({"page_size": "0"}), "page_size"),
        (lambda: rpc.centres.list_centres({"limit": "5"}), "limit"),
    ):
        with pytest.raises(InvalidInput) as refused:
            call()
        assert set(refused.value.fields) == {named}
