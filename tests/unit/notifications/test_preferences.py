"""Preferences: channels, instant or digest, language; critical types ignore the digest."""

from __future__ import annotations

from datetime import timedelta

from lowe_notifications.model import Preference, Recipient, plan_channels
from lowe_notifications.model.preferences import Planned, language_for
from tests.unit.notifications.samples import CENTRE_ID, NOW, PARTNER_ID, matched_notice, verified_notice


def test_without_a_preference_the_inbox_email_and_every_endpoint_that_takes_the_type() -> None:
    assert plan_channels(matched_notice(mode=None), None, ["e1", "e2"]) == [
        Planned("in_app", "", "instant"),
        Planned("email", "", "instant"),
        Planned("webhook", "e1", "instant"),
        Planned("webhook", "e2", "instant"),
    ]


def test_without_a_preference_the_producers_hint_decides_the_emails_timing() -> None:
    planned = plan_channels(matched_notice(mode="daily_digest"), None, [])

    assert Planned("email", "", "daily_digest") in planned
    assert Planned("in_app", "", "instant") in planned  # the inbox shows everything at once


def test_a_preference_chooses_channels_and_timing() -> None:
    preference = Preference(CENTRE_ID, "opportunity_matched", ["email"], "daily_digest")

    assert plan_channels(matched_notice(mode="instant"), preference, ["e1"]) == [Planned("email", "", "daily_digest")]


def test_no_channel_means_nothing_is_sent() -> None:
    assert plan_channels(matched_notice(), Preference(CENTRE_ID, "opportunity_matched", [], "instant"), ["e1"]) == []


def test_critical_types_ignore_the_digest() -> None:
    preference = Preference(PARTNER_ID, "partner_verified", ["email"], "daily_digest")

    assert plan_channels(verified_notice(), preference, []) == [Planned("email", "", "instant")]


def test_the_language_of_the_type_then_of_the_recipient_then_polish() -> None:
    recipient = Recipient(CENTRE_ID, "centre", "en", 7, NOW)

    assert language_for(None, None) == "pl"
    assert language_for(recipient, None) == "en"
    assert language_for(recipient, Preference(CENTRE_ID, "x", [], "instant", "pl")) == "pl"


def test_an_address_the_recipient_set_is_kept_over_one_an_event_or_a_lookup_brings() -> None:
    recipient = Recipient(PARTNER_ID, "partner", "pl", 7, NOW)
    recipient.learn_email("event@fundacja.pl", "event", NOW)
    assert (recipient.email, recipient.email_source) == ("event@fundacja.pl", "event")

    recipient.learn_email("own@fundacja.pl", "preferences", NOW + timedelta(minutes=1))
    recipient.learn_email("event2@fundacja.pl", "event", NOW + timedelta(minutes=2))

    assert (recipient.email, recipient.email_source) == ("own@fundacja.pl", "preferences")
