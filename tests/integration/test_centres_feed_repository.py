"""The feed's and the registry's pages against the database: filters, both orders, ties, and the keyset cursor."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.orm import sessionmaker

from lowe_backbone.database import create_engine_for
from lowe_centres import feed_use_cases, orm
from lowe_centres.centre_directory import list_centres
from lowe_centres.listing import BEST, NEWEST, CentreCursor, CentreQuery, FeedCursor, FeedQuery
from lowe_centres.model import Centre, FeedEntry, PublishedOpportunity
from lowe_centres.model.feed import InterestUpdate
from lowe_centres.unit_of_work import CentresUnitOfWork

AT = datetime(2025, 3, 3, 11, 31, tzinfo=UTC)


@pytest.fixture
def uow(database_url: Callable[[str], str]) -> Iterator[CentresUnitOfWork]:
    orm.start_mappers()
    engine = create_engine_for(database_url("centres"))
    try:
        yield CentresUnitOfWork(sessionmaker(bind=engine, expire_on_commit=False), "centres", "test-feed")
    finally:
        engine.dispose()


def a_centre(name: str = "LOWE Radom", voivodeship: str = "14", **details: object) -> Centre:
    return Centre(uuid.uuid4(), name, voivodeship, "Radom", AT, **details)  # type: ignore[arg-type]


def with_feed(
    uow: CentresUnitOfWork, centre: Centre, entries: list[tuple[str, datetime, float, bool]]
) -> list[FeedEntry]:
    """(kind, matched_at, score, recommended) per entry."""
    copies = [
        PublishedOpportunity(uuid.uuid4(), "F", kind, "T", "D", [], [], ["14"], False, AT) for kind, *_ in entries
    ]
    made = [
        FeedEntry(uuid.uuid4(), centre.id, copy.id, {}, "instant", matched_at, score=score, recommended=recommended)
        for copy, (_, matched_at, score, recommended) in zip(copies, entries, strict=True)
    ]
    with uow:
        uow.centres.add(centre)
        for copy in copies:
            uow.opportunities.add(copy)
        assert uow.session is not None
        uow.session.flush()  # what the entries refer to, first
        for entry in made:
            uow.feed.add(entry)
        uow.commit()
    return made


def read_all(uow: CentresUnitOfWork, query: FeedQuery) -> list[uuid.UUID]:
    listed, after = [], None
    while True:
        page = feed_use_cases.list_feed_page(FeedQuery(**{**query.__dict__, "after": after}), uow)
        listed += [entry.id for entry, _ in page.items]
        if page.next_cursor is None:
            return listed
        after = FeedCursor.decode(page.next_cursor, query.order)


def test_the_feed_pages_newest_first_and_by_score_with_ties_broken_by_id(uow: CentresUnitOfWork) -> None:
    centre = a_centre()
    minute = timedelta(minutes=1)
    spec = [("course", AT + (i // 2) * minute, [0.5, 0.9, 0.5][i % 3], False) for i in range(7)]
    entries = with_feed(uow, centre, spec)
    with_feed(uow, a_centre("LOWE Liw"), [("course", AT + 9 * minute, 1.0, False)])  # another centre's

    newest = read_all(uow, FeedQuery(centre.id, order=NEWEST, limit=2))
    best = read_all(uow, FeedQuery(centre.id, order=BEST, limit=3))

    assert newest == [e.id for e in sorted(entries, key=lambda e: (-e.matched_at.timestamp(), str(e.id)))]
    by_score = sorted(entries, key=lambda e: (-e.score, -e.matched_at.timestamp(), str(e.id)))
    assert best == [e.id for e in by_score]


def test_the_feed_filters_in_the_database(uow: CentresUnitOfWork) -> None:
    centre = a_centre()
    course, training, recommended, gone = with_feed(
        uow,
        centre,
        [
            ("course", AT, 0.5, False),
            ("training", AT + timedelta(minutes=1), 0.5, False),
            ("training", AT + timedelta(minutes=2), 0.5, True),
            ("course", AT + timedelta(minutes=3), 0.5, False),
        ],
    )
    with uow:
        for entry_id, change in ((training.id, "saved"), (gone.id, "gone"), (course.id, "claimed")):
            entry = uow.feed.get(entry_id)
            assert entry is not None
            if change == "saved":
                entry.mark("saved", AT)
            elif change == "gone":
                entry.retracted_at = AT
            else:
                entry.follow(InterestUpdate(uuid.uuid4(), "requested", AT), AT)
        uow.commit()

    def listed(**filters: object) -> list[uuid.UUID]:
        return read_all(uow, FeedQuery(centre.id, **filters))  # type: ignore[arg-type]

    assert listed(states=("new",)) == [gone.id, recommended.id]
    assert listed(states=("saved", "claimed")) == [training.id, course.id]
    assert listed(kinds=("training",), recommended=False) == [training.id]
    assert listed(include_retracted=False, kinds=("course",)) == [course.id]
    with uow:
        claimed = uow.feed.of_centre(centre.id, course.opportunity_id)
        assert claimed is not None and (claimed.state, claimed.interest_status) == ("claimed", "requested")


def test_the_registry_pages_by_name_then_id_with_its_filters(uow: CentresUnitOfWork) -> None:
    names = ["Beta", "Alfa", "Gamma", "Alfa", "Delta"]
    with uow:
        for name in names:
            uow.centres.add(a_centre(f"LOWE {name}", voivodeship="02", city="Wałbrzych"))
        uow.centres.add(a_centre("LOWE Epsilon", voivodeship="02", status="inactive"))
        uow.centres.add(a_centre("LOWE Zeta", voivodeship="14"))
        uow.commit()

    listed, after = [], None
    while True:
        page = list_centres(CentreQuery(voivodeship="02", status="active", text="lowe", after=after, limit=2), uow)
        listed += [centre.name for centre in page.items]
        if page.next_cursor is None:
            break
        after = CentreCursor.decode(page.next_cursor)

    assert listed == ["LOWE Alfa", "LOWE Alfa", "LOWE Beta", "LOWE Delta", "LOWE Gamma"]
    assert [c.name for c in list_centres(CentreQuery(text="wałb", limit=1), uow).items] == ["LOWE Alfa"]
    assert [c.name for c in list_centres(CentreQuery(text="100%_", limit=5), uow).items] == []
