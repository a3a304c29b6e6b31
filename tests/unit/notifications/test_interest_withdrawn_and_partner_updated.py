"""`interest_withdrawn`: the partner is told and the centre's claim ends (it still watches a saved entry), older news
arriving late changing nothing. `partner_updated`: the partner's organisation e-mail follows, newest news winning."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

from lowe_notifications import consumed, consumed_interests, deadline_use_cases, use_cases
from lowe_notifications.deadline_use_cases import OpportunityInfo
from lowe_notifications.model import Preference
from lowe_notifications.repository import Audience
from lowe_notifications.templates import render
from tests.unit.notifications.fakes import FakeUnitOfWork
from tests.unit.notifications.samples import CENTRE_ID, OPPORTUNITY_ID, PARTNER_ID, verified_notice

NOW = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
DEADLINE = datetime(2025, 3, 20, 22, 59, tzinfo=UTC)
INTEREST_ID = uuid.UUID("3f9a3a59-54b4-4d8e-a8d5-6e8e7d7f0b11")


def ids() -> dict[str, str]:
    return {
        "interest_id": str(INTEREST_ID),
        "opportunity_id": str(OPPORTUNITY_ID),
        "partner_id": str(PARTNER_ID),
        "centre_id": str(CENTRE_ID),
    }


def news(uow: FakeUnitOfWork, event_type: str, data: dict[str, Any], event_id: str | None = None) -> None:
    """As the handler does: the notice, and the claim it ends or begins, in one transaction."""
    read = consumed_interests.interest_news(event_id or str(uuid.uuid4()), event_type, {**ids(), **data})
    claim = None
    if read.claim_active is not None:
        claim = partial(
            deadline_use_cases.note_claim,
            opportunity_id=read.opportunity_id,
            centre_id=read.centre_id,
            active=read.claim_active,
            at=read.at,
        )
    use_cases.notify_about_opportunity(read.notice, read.opportunity_id, read.centre_id, uow, lambda: NOW, claim)


def expressed(uow: FakeUnitOfWork, at: datetime = NOW) -> None:
    news(uow, "interest_expressed", {"places": 2, "expressed_at": at.isoformat()})


def withdrawn(uow: FakeUnitOfWork, at: datetime = NOW + timedelta(hours=1), released: int = 0) -> None:
    news(uow, "interest_withdrawn", {"places_released": released, "withdrawn_at": at.isoformat()})


def warned(uow: FakeUnitOfWork) -> list[str]:
    found = [d for d in uow.deliveries.deliveries if d.type == "deadline_closing" and d.status == "queued"]
    return sorted(d.channel for d in found)


def known_opportunity() -> FakeUnitOfWork:
    uow = FakeUnitOfWork()
    deadline_use_cases.note_opportunity(OpportunityInfo(OPPORTUNITY_ID, "Excel", DEADLINE, NOW), uow, now=lambda: NOW)
    uow.audience.remember_many([Audience(OPPORTUNITY_ID, CENTRE_ID, "Excel dla seniorów", "Fundacja", "LOWE Radom")])
    return uow


def test_a_withdrawal_ends_the_claim_and_drops_the_deadline_warning() -> None:
    uow = known_opportunity()
    expressed(uow)
    assert warned(uow) == ["email", "in_app"]

    withdrawn(uow)

    assert warned(uow) == []
    claim = uow.deadlines.get_claim(OPPORTUNITY_ID, CENTRE_ID)
    assert claim is not None and not claim.active


def test_a_withdrawal_leaves_the_warning_of_a_saved_entry() -> None:
    uow = known_opportunity()
    expressed(uow)
    with uow:
        deadline_use_cases.note_saved(uow, OPPORTUNITY_ID, CENTRE_ID, True, NOW)
        uow.commit()

    withdrawn(uow)

    assert warned(uow) == ["email", "in_app"]


def test_a_withdrawal_arriving_before_the_interest_it_ends_keeps_the_claim_ended() -> None:
    uow = known_opportunity()

    withdrawn(uow)
    expressed(uow)  # older news, come late

    assert warned(uow) == []


def test_a_new_interest_after_the_withdrawal_claims_again() -> None:
    uow = known_opportunity()
    expressed(uow)
    withdrawn(uow)

    expressed(uow, NOW + timedelta(hours=2))

    assert warned(uow) == ["email", "in_app"]


def test_the_partner_is_told_in_its_inbox_naming_the_centre_and_what_it_gave_back() -> None:
    uow = known_opportunity()

    withdrawn(uow, released=2)

    [notification] = [n for n in uow.notifications.notifications if n.type == "interest_withdrawn"]
    assert (notification.recipient_id, notification.recipient_type) == (PARTNER_ID, "partner")
    assert notification.title == "Wycofane zgłoszenie: Excel dla seniorów"
    assert "LOWE Radom wycofał zainteresowanie ofertą „Excel dla seniorów”. Oddane miejsca: 2." in notification.body
    assert notification.data["decision"] == "withdrawn" and notification.data["places_released"] == 2


def test_the_withdrawal_reads_in_english_too() -> None:
    data = {"title": "Excel", "centre_name": "LOWE Radom", "opportunity_id": "o", "places_released": 0}

    rendered = render("interest_withdrawn", "en", data, {})

    assert rendered.subject == "Interest withdrawn: Excel"
    assert "LOWE Radom withdrew its interest in “Excel”." in rendered.text and "Places given back" not in rendered.text


def updated(uow: FakeUnitOfWork, email: str, at: datetime) -> None:
    data = {"partner_id": str(PARTNER_ID), "name": "Fundacja Nowa", "email": email, "updated_at": at.isoformat()}
    details = consumed.partner_details({**data, "contact_person": None, "phone": None, "changed": ["email"]})
    use_cases.note_partner_details(details.partner_id, details.email, details.at, uow, now=lambda: NOW)


def test_a_partners_new_email_replaces_the_one_an_earlier_event_brought() -> None:
    uow = FakeUnitOfWork()
    use_cases.notify([verified_notice(email="stary@fundacja.pl")], uow, now=lambda: NOW)  # verified at samples.NOW

    updated(uow, "nowy@fundacja.pl", datetime(2025, 3, 4, tzinfo=UTC))

    recipient = uow.recipients.get(PARTNER_ID)
    assert recipient is not None and (recipient.email, recipient.email_source) == ("nowy@fundacja.pl", "event")


def test_an_older_verification_arriving_after_the_update_does_not_bring_the_old_email_back() -> None:
    uow = FakeUnitOfWork()
    updated(uow, "nowy@fundacja.pl", datetime(2025, 3, 4, tzinfo=UTC))

    use_cases.notify([verified_notice(email="stary@fundacja.pl")], uow, now=lambda: NOW)  # verified 2025-03-03

    recipient = uow.recipients.get(PARTNER_ID)
    assert recipient is not None and (recipient.email, recipient.type) == ("nowy@fundacja.pl", "partner")


def test_an_address_the_partner_set_in_its_preferences_stays() -> None:
    uow = FakeUnitOfWork()
    updated(uow, "nowy@fundacja.pl", datetime(2025, 3, 4, tzinfo=UTC))
    recipient = uow.recipients.get(PARTNER_ID)
    assert recipient is not None
    recipient.learn_email("wlasny@fundacja.pl", "preferences", NOW)
    uow.preferences.add(Preference(PARTNER_ID, "interest_expressed", ["email"], "instant"))

    updated(uow, "jeszcze@fundacja.pl", datetime(2025, 3, 5, tzinfo=UTC))

    assert recipient.email == "wlasny@fundacja.pl"
