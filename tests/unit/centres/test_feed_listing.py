"""Reading a feed page by page: the query string at the boundary, the filters, and cursors that stay stable while
new entries arrive."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import pytest

from lowe_backbone.errors import InvalidInput
from lowe_centres import feed_use_cases
from lowe_centres.feed_commands import centre_query, feed_query
from lowe_centres.listing import BEST, NEWEST, CentreCursor, FeedCursor, FeedQuery
from lowe_centres.model import Centre, CentreNotFound, FeedEntry
from lowe_centres.model.feed import CLAIMED, DISMISSED, NEW, SAVED, SEEN
from tests.unit.centres.fakes import FakeUnitOfWork, a_centre
from tests.unit.centres.feed_builders import DELIVERED_AT, MINUTE, in_feed

CENTRE_ID = str(uuid.uuid4())


def delivered_at(minutes: int) -> datetime:
    return DELIVERED_AT + minutes * MINUTE


def feed_of(count: int) -> tuple[FakeUnitOfWork, Centre, list[FeedEntry]]:
    """`count` entries, one a minute: the last delivered is the newest."""
    uow = FakeUnitOfWork()
    centre = a_centre()
    entries = [in_feed(uow, centre, at=delivered_at(i), score=(i % 3) / 3)[0] for i in range(count)]
    return uow, centre, entries


def read_all(uow: FakeUnitOfWork, query: FeedQuery) -> list[list[uuid.UUID]]:
    pages, after = [], None
    while True:
        page = feed_use_cases.list_feed_page(FeedQuery(**{**query.__dict__, "after": after}), uow)
        pages.append([entry.id for entry, _ in page.items])
        if page.next_cursor is None:
            return pages
        after = FeedCursor.decode(page.next_cursor, query.order)


def test_the_feed_reads_newest_first_in_pages_with_a_cursor_to_the_next() -> None:
    uow, centre, entries = feed_of(5)

    pages = read_all(uow, FeedQuery(centre.id, limit=2))

    newest_first = [entry.id for entry in reversed(entries)]
    assert pages == [newest_first[:2], newest_first[2:4], newest_first[4:]]


def test_a_full_last_page_says_there_is_no_next_one() -> None:
    uow, centre, _ = feed_of(4)

    assert [len(page) for page in read_all(uow, FeedQuery(centre.id, limit=2))] == [2, 2]


def test_entries_arriving_while_paging_neither_repeat_nor_shift_the_pages() -> None:
    uow, centre, entries = feed_of(4)
    first = feed_use_cases.list_feed_page(FeedQuery(centre.id, limit=2), uow)
    assert first.next_cursor is not None
    in_feed(uow, centre, at=delivered_at(60))  # newer than every page: it shows on a fresh first page

    second = feed_use_cases.list_feed_page(
        FeedQuery(centre.id, limit=2, after=FeedCursor.decode(first.next_cursor, NEWEST)), uow
    )

    assert [entry.id for entry, _ in second.items] == [entries[1].id, entries[0].id]


def test_entries_matched_at_the_same_moment_are_paged_by_id() -> None:
    uow = FakeUnitOfWork()
    centre = a_centre()
    same = [in_feed(uow, centre, at=DELIVERED_AT)[0] for _ in range(5)]

    pages = read_all(uow, FeedQuery(centre.id, limit=2))

    assert [entry_id for page in pages for entry_id in page] == sorted((entry.id for entry in same), key=str)


def test_ordered_by_score_the_best_come_first_then_the_newest() -> None:
    uow, centre, entries = feed_of(6)

    pages = read_all(uow, FeedQuery(centre.id, order=BEST, limit=4))

    expected = sorted(entries, key=lambda entry: (-entry.score, -entry.matched_at.timestamp()))
    assert [entry_id for page in pages for entry_id in page] == [entry.id for entry in expected]


def test_the_filters_narrow_the_feed() -> None:
    uow = FakeUnitOfWork()
    centre = a_centre()
    course, _ = in_feed(uow, centre, at=delivered_at(1))
    training, _ = in_feed(uow, centre, at=delivered_at(2), kind="training", recommended=True)
    saved, _ = in_feed(uow, centre, at=delivered_at(3), kind="training")
    saved.state = SAVED
    gone, _ = in_feed(uow, centre, at=delivered_at(4))
    gone.retracted_at = delivered_at(5)
    in_feed(uow, a_centre("LOWE Liw"), at=delivered_at(6))  # another centre's

    def listed(**filters: Any) -> list[uuid.UUID]:
        page = feed_use_cases.list_feed_page(FeedQuery(centre.id, **filters), uow)
        return [entry.id for entry, _ in page.items]

    assert listed() == [gone.id, saved.id, training.id, course.id]
    assert listed(states=(NEW,)) == [gone.id, training.id, course.id]
    assert listed(states=(NEW, SAVED), kinds=("training",)) == [saved.id, training.id]
    assert listed(recommended=True) == [training.id]
    assert listed(recommended=False, include_retracted=False) == [saved.id, course.id]


def test_an_unknown_centres_feed_is_not_found() -> None:
    with pytest.raises(CentreNotFound):
        feed_use_cases.list_feed_page(FeedQuery(uuid.uuid4()), FakeUnitOfWork())


def test_the_query_string_reads_into_a_feed_query() -> None:
    params = {
        "state": ["saved", "new", "saved"],
        "kind": ["training"],
        "recommended": "true",
        "include_retracted": "false",
        "page_size": "50",
        "order": "score",
    }

    query = feed_query(CENTRE_ID, params)

    assert (query.states, query.kinds, query.recommended, query.include_retracted) == (
        (NEW, SAVED),
        ("training",),
        True,
        False,
    )
    assert (query.order, query.limit, query.after) == (BEST, 50, None)


def test_with_no_parameters_the_whole_feed_reads_newest_first_twenty_at_a_time() -> None:
    query = feed_query(CENTRE_ID, {})

    assert (query.states, query.kinds, query.recommended, query.include_retracted) == ((), (), None, True)
    assert (query.order, query.limit) == (NEWEST, 20)


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"state": ["archived"]}, "state"),
        ({"state": [CLAIMED, "x"]}, "state"),
        ({"kind": ["picnic"]}, "kind"),
        ({"recommended": "perhaps"}, "recommended"),
        ({"include_retracted": "2"}, "include_retracted"),
        ({"page_size": "0"}, "page_size"),
        ({"page_size": "-3"}, "page_size"),
        ({"page_size": "101"}, "page_size"),
        ({"page_size": "ten"}, "page_size"),
        ({"limit": "20"}, "limit"),
        ({"order": "title"}, "order"),
        ({"cursor": "not-a-cursor"}, "cursor"),
        ({"page": "2"}, "page"),
    ],
)
def test_a_bad_parameter_is_named(params: dict[str, Any], named: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        feed_query(CENTRE_ID, params)

    assert list(refused.value.fields) == [named]


def test_a_cursor_fits_only_the_order_it_was_given_for() -> None:
    token = FeedCursor(NEWEST, 0.5, DELIVERED_AT, uuid.uuid4()).encode()

    assert feed_query(CENTRE_ID, {"cursor": token}).after == FeedCursor.decode(token, NEWEST)
    with pytest.raises(InvalidInput) as refused:
        feed_query(CENTRE_ID, {"cursor": token, "order": "score"})
    assert list(refused.value.fields) == ["cursor"]


def test_a_centre_id_that_is_no_uuid_is_named() -> None:
    with pytest.raises(InvalidInput) as refused:
        feed_query("12", {})

    assert list(refused.value.fields) == ["centre_id"]


def test_the_registry_listings_query_string_reads_and_names_bad_parameters() -> None:
    token = CentreCursor("LOWE Liw", uuid.uuid4()).encode()

    query = centre_query({"voivodeship": "14", "status": "active", "q": " liw ", "page_size": "5", "cursor": token})

    assert (query.voivodeship, query.status, query.text, query.limit) == ("14", "active", "liw", 5)
    assert query.after == CentreCursor.decode(token)
    for params, named in (
        ({"voivodeship": "99"}, "voivodeship"),
        ({"status": "closed"}, "status"),
        ({"q": "x"}, "q"),
        ({"cursor": FeedCursor(NEWEST, 0.0, DELIVERED_AT, uuid.uuid4()).encode()}, "cursor"),
        ({"name": "LOWE"}, "name"),
        ({"page_size": "101"}, "page_size"),
        ({"page_size": "0"}, "page_size"),
        ({"limit": "5"}, "limit"),
    ):
        with pytest.raises(InvalidInput) as refused:
            centre_query(params)
        assert list(refused.value.fields) == [named]


def test_states_other_than_new_are_listed_by_their_state() -> None:
    uow = FakeUnitOfWork()
    centre = a_centre()
    marked = {}
    for minute, state in enumerate((SEEN, DISMISSED, CLAIMED)):
        entry, _ = in_feed(uow, centre, at=delivered_at(minute))
        entry.state = state
        marked[state] = entry.id

    page = feed_use_cases.list_feed_page(FeedQuery(centre.id, states=(DISMISSED, CLAIMED)), uow)

    assert [entry.id for entry, _ in page.items] == [marked[CLAIMED], marked[DISMISSED]]
