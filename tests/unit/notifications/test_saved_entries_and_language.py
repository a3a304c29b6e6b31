"""Issue 6 leftovers: a feed entry the centre saved is warned of like a claim (one warning for both), participants
are written to in the language they registered in, and lists take `page_size` (1-100)."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import timedelta

import pytest

from lowe_backbone.errors import InvalidInput
from lowe_notifications import commands, deadline_use_cases, dispatch, participant_use_cases
from tests.unit.notifications.fakes import FakeDirectory, FakeUnitOfWork, fake_channels
from tests.unit.notifications.test_deadlines import DEADLINE, KIELCE, NOW, OPPORTUNITY, RADOM, claimed, published
from tests.unit.notifications.test_deadlines import warnings as deadline_warnings
from tests.unit.notifications.test_participants import ANNA, FIRST, event, registration

DUE = DEADLINE - timedelta(days=3)


def marked(uow: FakeUnitOfWork, centre: uuid.UUID, saved: bool, minutes: int = 0) -> None:
    with uow:
        deadline_use_cases.note_saved(uow, OPPORTUNITY, centre, saved, NOW + timedelta(minutes=minutes))
        uow.commit()


def open_opportunity() -> FakeUnitOfWork:
    uow = FakeUnitOfWork()
    deadline_use_cases.note_opportunity(published(), uow, now=lambda: NOW)
    return uow


def test_a_saved_entry_is_warned_of_3_days_before_the_deadline_like_a_claim() -> None:
    uow = open_opportunity()

    marked(uow, RADOM, True)

    assert deadline_warnings(uow) == [(RADOM, "email", DUE), (RADOM, "in_app", DUE)]


def test_an_entry_marked_anything_else_is_no_longer_watched() -> None:
    uow = open_opportunity()
    marked(uow, RADOM, True)

    marked(uow, RADOM, False, minutes=1)

    assert deadline_warnings(uow) == []
    assert len(deadline_warnings(uow, "failed")) == 2


def test_saved_and_claimed_is_one_warning_and_it_stays_while_either_holds() -> None:
    uow = open_opportunity()
    claimed(uow, RADOM)
    marked(uow, RADOM, True, minutes=1)
    assert deadline_warnings(uow) == [(RADOM, "email", DUE), (RADOM, "in_app", DUE)]

    marked(uow, RADOM, False, minutes=2)  # still claimed
    assert len(deadline_warnings(uow)) == 2
    marked(uow, RADOM, True, minutes=3)
    claimed(uow, RADOM, active=False, at=NOW + timedelta(minutes=4))  # still saved
    assert len(deadline_warnings(uow)) == 2
    assert len(uow.deliveries.deliveries) == 2  # never a second warning

    marked(uow, RADOM, False, minutes=5)
    assert deadline_warnings(uow) == []


def test_an_older_mark_arriving_late_changes_nothing_and_other_centres_are_apart() -> None:
    uow = open_opportunity()
    marked(uow, RADOM, True, minutes=5)
    marked(uow, KIELCE, True)

    marked(uow, RADOM, False, minutes=1)

    assert {w[0] for w in deadline_warnings(uow)} == {RADOM, KIELCE}


def test_a_saved_entry_of_an_opportunity_not_known_yet_is_warned_of_once_it_arrives() -> None:
    uow = FakeUnitOfWork()
    marked(uow, RADOM, True)
    assert deadline_warnings(uow) == []

    deadline_use_cases.note_opportunity(published(), uow, now=lambda: NOW)

    assert len(deadline_warnings(uow)) == 2


@pytest.mark.parametrize(
    ("language", "subjects"),
    [
        ("en", ["Registration confirmed: Excel dla seniorów", "Tomorrow: Excel dla seniorów"]),
        (None, ["Potwierdzenie zapisu: Excel dla seniorów", "Jutro: Excel dla seniorów"]),
    ],
)
def test_a_participant_is_written_to_in_the_language_they_registered_in(
    language: str | None, subjects: list[str]
) -> None:
    uow = FakeUnitOfWork()
    channels = fake_channels(directory=FakeDirectory({ANNA: "anna@example.pl"}))
    participant_use_cases.follow_event(event(), uow, now=lambda: NOW)
    news = dataclasses.replace(registration(), language=language)
    participant_use_cases.follow_registration(news, uow, now=lambda: NOW)

    dispatch.dispatch_due(channels, uow, now=lambda: NOW)
    dispatch.dispatch_due(channels, uow, now=lambda: FIRST - timedelta(hours=24))

    sent = channels.mailer.sent  # type: ignore[attr-defined]
    assert [e.subject for e in sent] == subjects
    assert {e.language for e in sent} == {language or "pl"}


def test_later_news_without_a_language_keeps_the_one_given() -> None:
    uow = FakeUnitOfWork()
    participant_use_cases.follow_event(event(), uow, now=lambda: NOW)
    participant_use_cases.follow_registration(dataclasses.replace(registration(), language="en"), uow, now=lambda: NOW)

    later = dataclasses.replace(registration("registration_waitlisted"), at=NOW + timedelta(minutes=1))
    participant_use_cases.follow_registration(later, uow, now=lambda: NOW)

    assert uow.participants.get(ANNA).language == "en"


@pytest.mark.parametrize("read", [lambda p: commands.inbox_query(str(RADOM), p), commands.ledger_query])
@pytest.mark.parametrize("params", [{"page_size": 0}, {"page_size": 101}, {"page_size": -5}])
def test_a_page_size_out_of_1_to_100_is_refused_naming_it(read: object, params: dict[str, int]) -> None:
    with pytest.raises(InvalidInput) as refused:
        read(params)  # type: ignore[operator]
    assert "page_size" in refused.value.fields


@pytest.mark.parametrize("read", [lambda p: commands.inbox_query(str(RADOM), p), commands.ledger_query])
def test_page_size_replaces_limit_and_defaults_to_20(read: object) -> None:
    assert read({}).limit == 20  # type: ignore[operator]
    assert read({"page_size": 100}).limit == 100  # type: ignore[operator]
    with pytest.raises(InvalidInput) as refused:
        read({"limit": 5})  # type: ignore[operator]
    assert "limit" in refused.value.fields
