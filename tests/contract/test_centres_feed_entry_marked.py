"""The centres' `feed_entry_marked`: what the producer writes when the centre marks an entry, along its own path."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from marshmallow import ValidationError

from lowe_backbone.contracts import centres as contract
from lowe_backbone.envelope import load_envelope
from lowe_centres import integration
from lowe_centres.model import FeedEntry
from tests.contract.messages import CENTRE_ID, MATCHED_AT, OPPORTUNITY_ID, over_the_broker

ENTRY_ID = uuid.UUID("7d1c6a0e-3b2f-4e59-9a4c-1f0e2d3c4b5a")
MARKED_AT = datetime(2025, 3, 4, 9, 0, tzinfo=UTC)


def marked(state: str = "saved", previous: str = "new") -> dict[str, Any]:
    entry = FeedEntry(ENTRY_ID, CENTRE_ID, OPPORTUNITY_ID, {}, "instant", MATCHED_AT, state=previous)
    entry.mark(state, MARKED_AT)
    [event] = entry.events
    return over_the_broker("centres", event, integration.to_integration_event)


def test_feed_entry_marked_travels_as_version_1_from_the_centres_service() -> None:
    envelope = load_envelope(marked())

    assert (envelope["type"], envelope["version"], envelope["producer"]) == ("feed_entry_marked", 1, "centres")


@pytest.mark.parametrize(("state", "previous"), [("saved", "new"), ("dismissed", "saved"), ("new", "seen")])
def test_feed_entry_marked_names_the_entry_the_state_and_what_it_was(state: str, previous: str) -> None:
    assert marked(state, previous)["data"] == {
        "centre_id": str(CENTRE_ID),
        "entry_id": str(ENTRY_ID),
        "opportunity_id": str(OPPORTUNITY_ID),
        "state": state,
        "previous_state": previous,
        "marked_at": "2025-03-04T09:00:00+00:00",
    }


def test_a_claimed_entry_marked_once_its_interest_is_over_names_claimed_as_the_previous_state() -> None:
    assert marked("seen", "claimed")["data"]["previous_state"] == "claimed"


def test_claimed_is_no_marked_state_on_the_wire() -> None:
    data = {**marked()["data"], "state": "claimed"}

    with pytest.raises(ValidationError) as refused:
        contract.FeedEntryMarkedV1().load(data)

    assert "state" in refused.value.messages
