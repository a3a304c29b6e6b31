"""A fan-out committed in parts, against the database: a crash between parts loses nothing and tells no centre
twice, because the event is marked processed only with the last part and a redelivery skips the centres told."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from sqlalchemy.orm import sessionmaker

from lowe_backbone.database import create_engine_for
from lowe_backbone.idempotency import run_once
from lowe_centres import orm, use_cases
from lowe_centres.matching_flows import FAN_OUT_CHUNK
from lowe_centres.unit_of_work import CentresUnitOfWork
from tests.messaging import count_rows
from tests.unit.centres.fakes import a_centre, a_subscription
from tests.unit.centres.flows import MATCHED_AT, published

CENTRES = FAN_OUT_CHUNK + 20
EVENT_ID, HANDLER = "evt-fan-out", "centres.handle_opportunity_published"


class CrashesAtTheLastCommit(CentresUnitOfWork):
    def commit(self) -> None:
        raise SystemExit("the process died before the last part was committed")


@pytest.fixture
def url(database_url: Callable[[str], str]) -> Iterator[str]:
    orm.start_mappers()
    url = database_url("centres")
    engine = create_engine_for(url)
    factory = sessionmaker(bind=engine, expire_on_commit=False)
    uow = CentresUnitOfWork(factory, "centres", "test-seed")
    with uow:
        centres = [a_centre(name=f"LOWE {number}") for number in range(CENTRES)]
        for centre in centres:
            uow.centres.add(centre)
        assert uow.session is not None
        uow.session.flush()
        for centre in centres:
            uow.subscriptions.add(a_subscription(centre))
        uow.commit()
    engine.dispose()
    yield url


def match(url: str, uow_class: type[CentresUnitOfWork]) -> bool:
    engine = create_engine_for(url)
    try:
        uow = uow_class(sessionmaker(bind=engine, expire_on_commit=False), "centres", "test-fan-out")
        return run_once(
            uow,
            EVENT_ID,
            HANDLER,
            lambda unit: use_cases.match_published_opportunity(published(), unit, lambda: MATCHED_AT),
        )
    finally:
        engine.dispose()


def test_a_crash_between_the_parts_of_a_fan_out_is_resumed_by_the_redelivery(url: str) -> None:
    with pytest.raises(SystemExit):
        match(url, CrashesAtTheLastCommit)

    assert count_rows(url, "feed_entries") == FAN_OUT_CHUNK  # the first part is durable
    assert count_rows(url, "outbox", "event_type = 'opportunity_matched'") == FAN_OUT_CHUNK
    assert count_rows(url, "processed_events") == 0  # so the redelivery is not skipped

    assert match(url, CentresUnitOfWork)

    assert count_rows(url, "feed_entries") == CENTRES
    assert count_rows(url, "outbox", "event_type = 'opportunity_matched'") == CENTRES  # each centre told once
    assert count_rows(url, "processed_events") == 1
    assert not match(url, CentresUnitOfWork)  # and a third delivery is a duplicate
