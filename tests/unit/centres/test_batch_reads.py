"""The centres service's batch reads at its boundary: ids read once each, at most a hundred, the field named when
refused; every id asked about gets a count."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from lowe_backbone.errors import InvalidInput
from lowe_centres.commands import MAX_BATCH_IDS, ids_of
from lowe_centres.feed_use_cases import count_matched_centres
from lowe_centres.model import FeedEntry
from tests.unit.centres.fakes import PUBLISHED_AT, FakeUnitOfWork


def test_ids_are_read_once_each_in_the_order_given() -> None:
    first, second = uuid.uuid4(), uuid.uuid4()

    assert ids_of("centre_ids", [str(first), str(second), str(first)]) == (first, second)
    assert ids_of("centre_ids", []) == ()


@pytest.mark.parametrize(
    "values",
    [
        [str(uuid.uuid4()) for _ in range(MAX_BATCH_IDS + 1)],
        ["not-an-id"],
        "a9d7f6c4-1a3b-4c1e-8f0a-3e2d9b7c6f55",
        None,
        {"id": "a9d7f6c4-1a3b-4c1e-8f0a-3e2d9b7c6f55"},
    ],
)
def test_too_many_or_malformed_ids_are_refused_naming_the_field(values: Any) -> None:
    with pytest.raises(InvalidInput) as refused:
        ids_of("opportunity_ids", values)

    assert set(refused.value.fields) == {"opportunity_ids"}


def test_a_hundred_ids_are_taken() -> None:
    assert len(ids_of("opportunity_ids", [str(uuid.uuid4()) for _ in range(MAX_BATCH_IDS)])) == MAX_BATCH_IDS


def test_every_id_asked_about_gets_a_count_an_unknown_one_zero() -> None:
    uow = FakeUnitOfWork()
    reached, unknown = uuid.uuid4(), uuid.uuid4()
    for _ in range(2):
        uow.feed.add(FeedEntry(uuid.uuid4(), uuid.uuid4(), reached, {}, "instant", PUBLISHED_AT))

    assert count_matched_centres((reached, unknown), uow) == {reached: 2, unknown: 0}
