"""Listing opportunities: query parameters validated and named, cursors that round-trip, pages of the asked size."""

from __future__ import annotations

import base64
import json
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest

from lowe_backbone.errors import InvalidInput
from lowe_partners import use_cases
from lowe_partners.listing import BadCursor, Cursor, OpportunityQuery
from lowe_partners.model import Opportunity
from lowe_partners.queries import opportunity_query
from tests.unit.partners.fakes import DAY, NOW, FakeOpportunityRepository, FakeUnitOfWork, a_partner, an_opportunity

ITEM_ID = uuid.UUID("0c5e5a4e-2f8e-4c55-9a55-0d3f2b0f7a01")
PARTNER_ID = uuid.UUID("5b0e1f5c-8a57-4a40-9d59-6d7cbb0c4a11")


def token(value: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


def invalid_fields(params: dict[str, Any]) -> set[str]:
    with pytest.raises(InvalidInput) as caught:
        opportunity_query(params)
    return set(caught.value.fields)


def test_a_cursor_survives_encoding_and_decoding() -> None:
    cursor = Cursor(datetime(2025, 3, 2, 10, 0, 0, 123456, tzinfo=UTC), ITEM_ID)

    encoded = cursor.encode()

    assert Cursor.decode(encoded) == cursor
    assert "=" not in encoded


@pytest.mark.parametrize(
    "garbage",
    [
        "",
        "not a cursor",
        "ąę",
        token({"created_at": "2025-03-02T10:00:00+00:00"}),
        token(["2025-03-02T10:00:00+00:00"]),
        token(["2025-03-02T10:00:00+00:00", str(ITEM_ID), "extra"]),
        token(["yesterday", str(ITEM_ID)]),
        token(["2025-03-02T10:00:00+00:00", "not-a-uuid"]),
        token(["2025-03-02T10:00:00+00:00", 42]),
        token([20250302, str(ITEM_ID)]),
        token(None),
    ],
)
def test_garbage_is_not_a_cursor(garbage: str) -> None:
    with pytest.raises(BadCursor):
        Cursor.decode(garbage)


def test_a_cursor_with_a_time_without_zone_is_not_one_this_service_gave_out() -> None:
    with pytest.raises(BadCursor):
        Cursor.decode(token(["2025-03-02T10:00:00", str(ITEM_ID)]))


def test_no_parameters_ask_for_the_first_page_of_everything() -> None:
    assert opportunity_query({}) == OpportunityQuery(limit=20)


def test_every_parameter_lands_in_the_query() -> None:
    after = Cursor(NOW, ITEM_ID)

    query = opportunity_query(
        {
            "kind": ["course", "workshop"],
            "topic": "digital_skills",
            "target_group": "seniors",
            "region": "14",
            "status": ["published"],
            "partner_id": str(PARTNER_ID),
            "q": "excel",
            "starts_from": "2025-04-01T00:00:00+00:00",
            "starts_until": "2025-05-01T00:00:00+02:00",
            "cursor": after.encode(),
            "page_size": "50",
        }
    )

    assert query == OpportunityQuery(
        kinds=("course", "workshop"),
        topic="digital_skills",
        target_group="seniors",
        region="14",
        statuses=("published",),
        partner_id=PARTNER_ID,
        text="excel",
        starts_from=datetime(2025, 4, 1, tzinfo=UTC),
        starts_until=datetime(2025, 4, 30, 22, tzinfo=UTC),
        after=after,
        limit=50,
    )


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"sort": "title"}, "sort"),
        ({"kind": ["picnic"]}, "kind"),
        ({"topic": "astrology"}, "topic"),
        ({"target_group": "cats"}, "target_group"),
        ({"region": "99"}, "region"),
        ({"status": ["archived"]}, "status"),
        ({"partner_id": "nope"}, "partner_id"),
        ({"page_size": 0}, "page_size"),
        ({"page_size": 101}, "page_size"),
        ({"page_size": "many"}, "page_size"),
        ({"q": "x"}, "q"),
        ({"q": "x" * 101}, "q"),
        ({"starts_from": "2025-04-01T00:00:00"}, "starts_from"),
        ({"starts_until": "next week"}, "starts_until"),
        ({"cursor": "not a cursor"}, "cursor"),
        ({"cursor": token(["2025-03-02T10:00:00+00:00", 42])}, "cursor"),
        ({"cursor": "x" * 201}, "cursor"),
    ],
)
def test_a_wrong_parameter_is_refused_naming_it(params: dict[str, Any], named: str) -> None:
    assert invalid_fields(params) == {named}


@pytest.mark.parametrize(("page_size", "q"), [(1, "ex"), (100, "x" * 100)])
def test_the_bounds_of_page_size_and_search_text_are_allowed(page_size: int, q: str) -> None:
    query = opportunity_query({"page_size": page_size, "q": q})

    assert (query.limit, query.text) == (page_size, q)


def test_a_reversed_date_range_is_refused_naming_its_end() -> None:
    params = {"starts_from": "2025-05-01T00:00:00+00:00", "starts_until": "2025-04-01T00:00:00+00:00"}

    assert invalid_fields(params) == {"starts_until"}


def test_a_date_range_of_one_instant_is_allowed() -> None:
    query = opportunity_query({"starts_from": "2025-05-01T00:00:00+00:00", "starts_until": "2025-05-01T02:00:00+02:00"})

    assert query.starts_from == query.starts_until


class CannedSearch(FakeOpportunityRepository):
    """Answers every search with the stored opportunities, newest first; the real filters need a database."""

    def __init__(self, opportunities: list[Opportunity]) -> None:
        super().__init__(opportunities)
        self.asked: list[OpportunityQuery] = []

    def search(self, query: OpportunityQuery) -> list[Opportunity]:
        self.asked.append(query)
        newest_first = sorted(self.all(), key=lambda item: (item.created_at, item.id), reverse=True)
        return newest_first[: query.limit]


def listing(stored: int) -> tuple[FakeUnitOfWork, CannedSearch, list[Opportunity]]:
    partner = a_partner()
    opportunities = [an_opportunity(partner, created_at=NOW - days * DAY) for days in range(stored)]
    uow = FakeUnitOfWork(partners=[partner])
    uow.opportunities = repository = CannedSearch(opportunities)
    return uow, repository, opportunities


def test_a_page_asks_for_one_more_item_than_it_shows_and_gives_a_cursor_to_the_next() -> None:
    uow, repository, opportunities = listing(stored=3)
    query = OpportunityQuery(topic="digital_skills", limit=2)

    page = use_cases.list_opportunities(query, uow)

    assert repository.asked == [OpportunityQuery(topic="digital_skills", limit=3)]
    assert page.items == opportunities[:2]
    assert page.next_cursor is not None
    assert Cursor.decode(page.next_cursor) == Cursor(opportunities[1].created_at, opportunities[1].id)


@pytest.mark.parametrize("stored", [0, 1, 2])
def test_the_last_page_gives_no_cursor(stored: int) -> None:
    uow, _repository, opportunities = listing(stored)

    page = use_cases.list_opportunities(OpportunityQuery(limit=2), uow)

    assert (page.items, page.next_cursor) == (opportunities, None)


def test_the_next_page_continues_after_the_cursor_it_was_given() -> None:
    uow, repository, _opportunities = listing(stored=3)
    after = Cursor(NOW, ITEM_ID)

    use_cases.list_opportunities(OpportunityQuery(after=after, limit=2), uow)

    assert repository.asked[0].after == after
