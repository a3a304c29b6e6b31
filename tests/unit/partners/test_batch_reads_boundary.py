"""The partners service's batch reads at its boundary: ids read once each, at most a hundred, who reads them as the
listing reads it, each refusal naming its field."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from lowe_backbone.errors import InvalidInput
from lowe_partners.commands import MAX_BATCH_IDS
from lowe_partners.interest_commands import ListPartnerInterests, list_partner_interests_command
from lowe_partners.listing import OpportunitiesById
from lowe_partners.queries import opportunities_by_id

PARTNER_ID = uuid.UUID("5b0e1f5c-8a57-4a40-9d59-6d7cbb0c4a11")
FIRST, SECOND = uuid.uuid4(), uuid.uuid4()


def refused_fields(make: Any, *args: Any) -> set[str]:
    with pytest.raises(InvalidInput) as refused:
        make(*args)
    return set(refused.value.fields)


def test_the_reader_decides_which_drafts_are_read_as_in_the_listing() -> None:
    ids = [str(FIRST), str(SECOND), str(FIRST)]

    assert opportunities_by_id(ids, {"operator": True}) == OpportunitiesById((FIRST, SECOND), True, None)
    assert opportunities_by_id(ids, {"partner_id": str(PARTNER_ID)}) == OpportunitiesById(
        (FIRST, SECOND), False, PARTNER_ID
    )
    assert opportunities_by_id(ids, {"centre_id": str(uuid.uuid4())}) == OpportunitiesById((FIRST, SECOND), False)


@pytest.mark.parametrize(
    ("ids", "viewer", "named"),
    [
        ([str(uuid.uuid4()) for _ in range(MAX_BATCH_IDS + 1)], {"operator": True}, "opportunity_ids"),
        (["nope"], {"centre_id": str(uuid.uuid4())}, "opportunity_ids"),
        (str(FIRST), {"centre_id": str(uuid.uuid4())}, "opportunity_ids"),
        ([str(FIRST)], {"centre_id": "nope"}, "viewer"),
        ([str(FIRST)], {"role": "centre"}, "viewer"),
    ],
)
def test_bad_ids_or_a_bad_reader_are_named(ids: Any, viewer: Any, named: str) -> None:
    assert refused_fields(opportunities_by_id, ids, viewer) == {named}


def test_the_interest_is_asked_for_the_partners_opportunities_by_id() -> None:
    cmd = list_partner_interests_command(str(PARTNER_ID), [str(FIRST), str(SECOND), str(SECOND)])

    assert cmd == ListPartnerInterests(PARTNER_ID, (FIRST, SECOND))


def test_asking_for_interest_names_a_bad_partner_or_too_many_ids() -> None:
    too_many = [str(uuid.uuid4()) for _ in range(MAX_BATCH_IDS + 1)]

    assert refused_fields(list_partner_interests_command, "nope", [str(FIRST)]) == {"partner_id"}
    assert refused_fields(list_partner_interests_command, str(PARTNER_ID), too_many) == {"opportunity_ids"}
    assert refused_fields(list_partner_interests_command, str(PARTNER_ID), None) == {"opportunity_ids"}
