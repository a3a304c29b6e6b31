"""Consumer-side contract tests: the notifications service reads the events service's events (built along the
producer's own path, `test_events_event_payloads.delivered`) for the participants' messages and reminders."""

from __future__ import annotations

from typing import Any

import pytest
from marshmallow import ValidationError

from lowe_backbone.envelope import load_envelope
from lowe_notifications.consumed_events import erased_registrations, event_news, registration_news
from tests.contract.test_event_contracts import consumer_test
from tests.contract.test_events_event_payloads import (
    AT,
    CENTRE_ID,
    ENDS,
    EVENT_ID,
    REGISTRATION_ID,
    SESSION_ID,
    STARTS,
    delivered,
)


def data_of(event_type: str) -> dict[str, Any]:
    return dict(load_envelope(delivered(event_type))["data"])


@consumer_test("events", "event_scheduled", 1)
@consumer_test("events", "event_changed", 1)
@consumer_test("events", "event_cancelled", 1)
@pytest.mark.parametrize("event_type", ["event_scheduled", "event_changed", "event_cancelled"])
def test_notifications_keep_an_events_title_sessions_and_place(event_type: str) -> None:
    news = event_news("e-1", event_type, data_of(event_type))

    copy = news.copy
    assert (copy.event_id, copy.centre_id, copy.title, copy.updated_at) == (
        EVENT_ID,
        CENTRE_ID,
        "Excel dla seniorów",
        AT,
    )
    assert copy.cancelled == (event_type == "event_cancelled")
    if event_type != "event_cancelled":
        assert copy.sessions == [
            {"session_id": str(SESSION_ID), "starts_at": STARTS.isoformat(), "ends_at": ENDS.isoformat()}
        ]
        assert copy.location["address"] == "ul. Szkolna 1, Bodzentyn"
    else:
        assert news.reason == "Choroba prowadzącej"


@consumer_test("events", "event_changed", 1)
@pytest.mark.parametrize("field", ["event_id", "centre_id", "title", "changed_at"])
def test_notifications_refuse_an_event_without_a_field_they_need(field: str) -> None:
    data = data_of("event_changed")
    del data[field]

    with pytest.raises(ValidationError) as caught:
        event_news("e-1", "event_changed", data)
    assert field in caught.value.messages


@consumer_test("events", "registration_confirmed", 1)
@consumer_test("events", "registration_waitlisted", 1)
@consumer_test("events", "registration_promoted", 1)
@consumer_test("events", "registration_cancelled", 1)
@pytest.mark.parametrize(
    ("event_type", "status", "notification_type", "position"),
    [
        ("registration_confirmed", "confirmed", "registration_confirmed", None),
        ("registration_waitlisted", "waitlisted", "registration_waitlisted", 3),
        ("registration_promoted", "confirmed", "registration_promoted", None),
        ("registration_cancelled", "cancelled", None, None),
    ],
)
def test_notifications_follow_a_registration_by_its_ids_and_contact_channel(
    event_type: str, status: str, notification_type: str | None, position: int | None
) -> None:
    news = registration_news("e-2", event_type, data_of(event_type))

    assert (news.registration_id, news.registration_event_id, news.centre_id) == (REGISTRATION_ID, EVENT_ID, CENTRE_ID)
    assert (news.status, news.notification_type, news.position, news.at) == (status, notification_type, position, AT)
    assert news.by_email is True


@consumer_test("events", "registration_confirmed", 1)
@pytest.mark.parametrize("field", ["registration_id", "event_id", "centre_id", "contact_channel", "confirmed_at"])
def test_notifications_refuse_a_registration_without_a_field_they_need(field: str) -> None:
    data = data_of("registration_confirmed")
    del data[field]

    with pytest.raises(ValidationError) as caught:
        registration_news("e-2", "registration_confirmed", data)
    assert field in caught.value.messages


@consumer_test("events", "participant_erased", 1)
def test_notifications_read_an_erasure_as_the_registrations_to_forget() -> None:
    assert erased_registrations(data_of("participant_erased")) == [REGISTRATION_ID]


@consumer_test("events", "registration_confirmed", 1)
@consumer_test("events", "registration_waitlisted", 1)
@pytest.mark.parametrize("event_type", ["registration_confirmed", "registration_waitlisted"])
def test_notifications_take_the_participants_language_and_do_not_require_it(event_type: str) -> None:
    data = data_of(event_type)
    assert registration_news("e-3", event_type, {**data, "language": "en"}).language == "en"
    assert registration_news("e-3", event_type, data).language == "pl"

    del data["language"]  # news from before the language was added
    assert registration_news("e-3", event_type, data).language is None
