"""The signed-in centre as the feed pages admit it, and the home page's counts read page by page."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from lowe_backbone.errors import Forbidden
from lowe_gateway.identity.keys import CENTRE, OPERATOR, PARTNER, Caller
from lowe_gateway.portal.feed_counts import COUNTED_PAGE_SIZE, COUNTED_PAGES, count_feed_entries, own_centre


class FakeCentres:
    """`list_feed` over `total` entries in the asked state, `page_size` at a time (the cursor: the offset)."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.asked: list[dict[str, Any]] = []

    def list_feed(self, centre_id: str, query: dict[str, Any]) -> dict[str, Any]:
        self.asked.append(query)
        start, size = int(query.get("cursor") or 0), query["page_size"]
        items = [{"id": str(n)} for n in range(start, min(start + size, self.total))]
        return {"items": items, "next_cursor": str(start + size) if start + size < self.total else None}


def call(method: Any, *args: Any) -> Any:
    return method(*args)


def caller(role: str, organisation: uuid.UUID | None) -> Caller:
    return Caller(role=role, organisation_id=organisation, key_id=uuid.uuid4())


def test_a_count_reads_every_page_of_the_state() -> None:
    centres = FakeCentres(COUNTED_PAGE_SIZE + 7)

    assert count_feed_entries(call, centres, "c1", "saved") == (COUNTED_PAGE_SIZE + 7, False)
    assert [query["state"] for query in centres.asked] == [["saved"], ["saved"]]


def test_a_count_stops_after_its_pages_and_says_there_are_more() -> None:
    centres = FakeCentres(COUNTED_PAGES * COUNTED_PAGE_SIZE + 1)

    assert count_feed_entries(call, centres, "c1", "new") == (COUNTED_PAGES * COUNTED_PAGE_SIZE, True)
    assert len(centres.asked) == COUNTED_PAGES


def test_the_pages_act_for_the_signed_in_centre_only() -> None:
    centre = uuid.uuid4()

    assert own_centre(caller(CENTRE, centre)) == str(centre)
    for someone_else in (caller(PARTNER, uuid.uuid4()), caller(OPERATOR, None)):
        with pytest.raises(Forbidden):
            own_centre(someone_else)
