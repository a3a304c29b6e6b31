"""The inbox read in another language than the one its entries were written in."""

from __future__ import annotations

import dataclasses

from lowe_notifications import use_cases
from lowe_notifications.repository import InboxQuery
from lowe_notifications.templates import render
from tests.unit.notifications.fakes import FakeUnitOfWork
from tests.unit.notifications.samples import CENTRE_ID, NOW, matched_notice


def stored_inbox() -> FakeUnitOfWork:
    uow = FakeUnitOfWork()
    use_cases.notify([matched_notice("event-1")], uow, now=lambda: NOW)
    return uow


def test_an_entry_is_read_in_the_language_asked_and_stays_stored_in_its_own() -> None:
    uow = stored_inbox()
    [stored] = uow.notifications.notifications
    polish_title = stored.title

    [english] = use_cases.read_inbox(InboxQuery(CENTRE_ID, limit=10, language="en"), uow).notifications
    [unchanged] = use_cases.read_inbox(InboxQuery(CENTRE_ID, limit=10), uow).notifications

    expected = render(stored.type, "en", stored.data, {})
    assert (english.title, english.body) == (expected.subject, expected.text.strip())
    assert english.title != polish_title and english.id == stored.id
    assert unchanged.title == polish_title and stored.title == polish_title


def test_an_entry_whose_data_its_templates_cannot_read_keeps_its_stored_words() -> None:
    uow = stored_inbox()
    [stored] = uow.notifications.notifications
    uow.notifications.notifications[0] = dataclasses.replace(stored, data={})

    [entry] = use_cases.read_inbox(InboxQuery(CENTRE_ID, limit=10, language="en"), uow).notifications

    assert (entry.title, entry.body) == (stored.title, stored.body)
