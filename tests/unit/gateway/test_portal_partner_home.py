"""The partner's dashboard and interest pages read their counts and names in batches: one call per service for the
whole page, about the partner's own published opportunities only, and the page still shows when the centres
service does not answer."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from lowe_backbone.errors import Forbidden, NotFound, Unavailable
from lowe_gateway.identity.keys import PARTNER, Caller
from lowe_gateway.portal.home import partner_home
from lowe_gateway.portal.partner_interests import IDS_PER_CALL, MAX_NAMED_CENTRES, centre_names

PARTNER_ID = uuid.uuid4()
PLACES = {"allocated": 1, "remaining": 4}


def an_opportunity(status: str, partner_id: uuid.UUID = PARTNER_ID) -> dict[str, Any]:
    return {"id": str(uuid.uuid4()), "partner_id": str(partner_id), "status": status, "places": 5}


class FakePartners:
    def __init__(self, opportunities: list[dict[str, Any]]) -> None:
        self.opportunities = opportunities
        self.asked: list[tuple[str, list[str]]] = []

    def list_opportunities(self, query: dict[str, Any], viewer: dict[str, Any]) -> dict[str, Any]:
        return {"items": self.opportunities, "next_cursor": None}

    def list_partner_interests(self, partner_id: str, opportunity_ids: list[str]) -> dict[str, Any]:
        self.asked.append((partner_id, list(opportunity_ids)))
        statuses = ["pending", "accepted", "declined"]
        items = [{"status": status} for status in statuses]
        return {opportunity_id: {"items": items, "places": PLACES} for opportunity_id in opportunity_ids}


class FakeCentres:
    """`count_matched_centres` answers 3 for each id; `get_centre_names` names the centres it knows."""

    def __init__(self, known: dict[str, str] | None = None, refusal: Exception | None = None) -> None:
        self.known = known or {}
        self.refusal = refusal
        self.asked: list[list[str]] = []

    def count_matched_centres(self, opportunity_ids: list[str]) -> dict[str, int]:
        return self._answer(opportunity_ids, {opportunity_id: 3 for opportunity_id in opportunity_ids})

    def get_centre_names(self, centre_ids: list[str]) -> dict[str, str]:
        return self._answer(centre_ids, {i: self.known[i] for i in centre_ids if i in self.known})

    def _answer(self, ids: list[str], answer: Any) -> Any:
        self.asked.append(list(ids))
        if self.refusal is not None:
            raise self.refusal
        return answer


def call(method: Any, *args: Any) -> Any:
    return method(*args)


def the_partner() -> Caller:
    return Caller(role=PARTNER, organisation_id=PARTNER_ID, key_id=uuid.uuid4())


def test_the_dashboard_asks_once_per_service_about_the_published_opportunities_only() -> None:
    published, closed, draft = an_opportunity("published"), an_opportunity("closed"), an_opportunity("draft")
    partners, centres = FakePartners([published, draft, closed]), FakeCentres()

    home = partner_home(call, partners, centres, the_partner())

    asked = [published["id"], closed["id"]]
    assert partners.asked == [(str(PARTNER_ID), asked)] and centres.asked == [asked]
    shown = {item["id"]: (item["matched_centres"], item["interest"]) for item in home["opportunities"]}
    summary = {"centres": 3, "pending": 1, "waitlisted": 0, **PLACES}
    assert shown == {published["id"]: (3, summary), closed["id"]: (3, summary), draft["id"]: (None, None)}


def test_only_drafts_ask_nothing_of_either_service() -> None:
    partners, centres = FakePartners([an_opportunity("draft")]), FakeCentres()

    home = partner_home(call, partners, centres, the_partner())

    assert partners.asked == [] and centres.asked == []
    assert home["opportunities"][0]["matched_centres"] is None


def test_another_partners_opportunity_is_refused_before_anything_is_asked_about_it() -> None:
    foreign = an_opportunity("published", partner_id=uuid.uuid4())
    partners, centres = FakePartners([an_opportunity("published"), foreign]), FakeCentres()

    with pytest.raises(Forbidden):
        partner_home(call, partners, centres, the_partner())

    assert partners.asked == [] and centres.asked == []


@pytest.mark.parametrize("refusal", [Unavailable("Down."), NotFound("Gone.")])
def test_the_dashboard_shows_without_the_counts_when_the_centres_service_does_not_answer(refusal: Exception) -> None:
    published = an_opportunity("published")

    home = partner_home(call, FakePartners([published]), FakeCentres(refusal=refusal), the_partner())

    [shown] = home["opportunities"]
    assert shown["matched_centres"] is None and shown["interest"]["pending"] == 1


def test_centre_names_are_asked_for_a_hundred_at_a_time_each_once() -> None:
    ids = [str(uuid.uuid4()) for _ in range(MAX_NAMED_CENTRES + 5)]
    centres = FakeCentres({ids[0]: "LOWE Bodzentyn", ids[150]: "LOWE Liw", ids[-1]: "LOWE Za Daleko"})

    names = centre_names(call, centres, [ids[0], *ids, ids[150]])

    assert names == {ids[0]: "LOWE Bodzentyn", ids[150]: "LOWE Liw"}
    assert centres.asked == [ids[:IDS_PER_CALL], ids[IDS_PER_CALL:MAX_NAMED_CENTRES]]


def test_names_the_centres_service_does_not_give_are_left_out_and_not_asked_again() -> None:
    ids = [str(uuid.uuid4()) for _ in range(MAX_NAMED_CENTRES)]
    centres = FakeCentres({ids[0]: "LOWE Bodzentyn"}, refusal=Unavailable("Down."))

    assert centre_names(call, centres, ids) == {}
    assert len(centres.asked) == 1
