"""The notifications service's event handlers, mixed into `NotificationsService`: each one runs its use case at most
once per event (`process_event`), in the same transaction as the deliveries it records."""

from __future__ import annotations

from functools import partial
from typing import Any

from lowe_backbone.batching import BatchedEventHandler
from lowe_backbone.contracts import centres as centres_contract
from lowe_backbone.contracts import events as events_contract
from lowe_backbone.contracts import partners as partners_contract
from lowe_backbone.idempotency import process_event, process_events
from lowe_backbone.messaging import ReliableEventHandler
from lowe_notifications import (
    consumed,
    consumed_events,
    consumed_interests,
    deadline_use_cases,
    participant_use_cases,
    use_cases,
)
from lowe_notifications.unit_of_work import NotificationsUnitOfWork
from lowe_notifications.use_cases import utc_now

PARTNERS, CENTRES, EVENTS = partners_contract.PRODUCER, centres_contract.PRODUCER, events_contract.PRODUCER


class OrganisationNews:
    """What concerns partners and centres: matches, interest, decisions, withdrawals, verification."""

    uow: NotificationsUnitOfWork  # declared on the service class

    @BatchedEventHandler.decorator(CENTRES, centres_contract.OPPORTUNITY_MATCHED)
    def handle_opportunity_matched(self, messages: list[dict[str, Any]]) -> None:
        """A fan-out sends thousands of these at once: taken in batches, one transaction each."""

        def apply(events: list[dict[str, Any]], uow: NotificationsUnitOfWork) -> None:
            matched = [
                consumed.matched_notice(event["event_id"], consumed.matched_opportunity(event["data"]))
                for event in events
            ]
            use_cases.notify_matched(matched, uow)

        process_events(self.uow, messages, "notifications.handle_opportunity_matched", apply)

    @ReliableEventHandler.decorator(CENTRES, centres_contract.OPPORTUNITY_UNMATCHED)
    def handle_opportunity_unmatched(self, message: dict[str, Any]) -> None:
        process_event(
            self.uow,
            message,
            "notifications.handle_opportunity_unmatched",
            lambda event, uow: use_cases.notify([consumed.unmatched_notice(event["event_id"], event["data"])], uow),
        )

    @ReliableEventHandler.decorator(CENTRES, centres_contract.FEED_ENTRY_MARKED)
    def handle_feed_entry_marked(self, message: dict[str, Any]) -> None:
        """A saved entry makes the centre watch the opportunity's deadline, as a claim does."""

        def apply(event: dict[str, Any], uow: NotificationsUnitOfWork) -> None:
            opportunity_id, centre_id, saved, at = consumed.feed_mark(event["data"])
            with uow:
                deadline_use_cases.note_saved(uow, opportunity_id, centre_id, saved, at)
                uow.commit()

        process_event(self.uow, message, "notifications.handle_feed_entry_marked", apply)

    @ReliableEventHandler.decorator(PARTNERS, partners_contract.PARTNER_VERIFIED)
    def handle_partner_verified(self, message: dict[str, Any]) -> None:
        self._partner_status(message, "partner_verified")

    @ReliableEventHandler.decorator(PARTNERS, partners_contract.PARTNER_SUSPENDED)
    def handle_partner_suspended(self, message: dict[str, Any]) -> None:
        self._partner_status(message, "partner_suspended")

    def _partner_status(self, message: dict[str, Any], kind: str) -> None:
        def apply(event: dict[str, Any], uow: NotificationsUnitOfWork) -> None:
            use_cases.notify([consumed.partner_status_notice(event["event_id"], kind, event["data"])], uow)

        process_event(self.uow, message, f"notifications.handle_{kind}", apply)

    @ReliableEventHandler.decorator(PARTNERS, partners_contract.OPPORTUNITY_WITHDRAWN)
    def handle_opportunity_withdrawn(self, message: dict[str, Any]) -> None:
        def apply(event: dict[str, Any], uow: NotificationsUnitOfWork) -> None:
            withdrawal = consumed_interests.withdrawal(event["event_id"], event["data"])
            finished = partial(deadline_use_cases.note_finished, opportunity_id=withdrawal.opportunity_id, at=utc_now())
            use_cases.notify_about_opportunity(withdrawal.make, withdrawal.opportunity_id, None, uow, also=finished)

        process_event(self.uow, message, "notifications.handle_opportunity_withdrawn", apply)

    @ReliableEventHandler.decorator(PARTNERS, partners_contract.INTEREST_EXPRESSED)
    def handle_interest_expressed(self, message: dict[str, Any]) -> None:
        self._interest_news(message, partners_contract.INTEREST_EXPRESSED)

    @ReliableEventHandler.decorator(PARTNERS, partners_contract.PLACES_ALLOCATED)
    def handle_places_allocated(self, message: dict[str, Any]) -> None:
        self._interest_news(message, partners_contract.PLACES_ALLOCATED)

    @ReliableEventHandler.decorator(PARTNERS, partners_contract.INTEREST_WAITLISTED)
    def handle_interest_waitlisted(self, message: dict[str, Any]) -> None:
        self._interest_news(message, partners_contract.INTEREST_WAITLISTED)

    @ReliableEventHandler.decorator(PARTNERS, partners_contract.INTEREST_DECLINED)
    def handle_interest_declined(self, message: dict[str, Any]) -> None:
        self._interest_news(message, partners_contract.INTEREST_DECLINED)

    @ReliableEventHandler.decorator(PARTNERS, partners_contract.PLACES_RELEASED)
    def handle_places_released(self, message: dict[str, Any]) -> None:
        self._interest_news(message, partners_contract.PLACES_RELEASED)

    @ReliableEventHandler.decorator(PARTNERS, partners_contract.INTEREST_WITHDRAWN)
    def handle_interest_withdrawn(self, message: dict[str, Any]) -> None:
        """The centre gave up its interest: the partner is told, and the claim ends (the centre still watches the
        deadline if it saved the entry), taken only if newer than the claim's last news."""
        self._interest_news(message, partners_contract.INTEREST_WITHDRAWN)

    @ReliableEventHandler.decorator(PARTNERS, partners_contract.PARTNER_UPDATED)
    def handle_partner_updated(self, message: dict[str, Any]) -> None:
        """The partner's details changed: the organisation e-mail its messages go to follows."""

        def apply(event: dict[str, Any], uow: NotificationsUnitOfWork) -> None:
            details = consumed.partner_details(event["data"])
            use_cases.note_partner_details(details.partner_id, details.email, details.at, uow)

        process_event(self.uow, message, "notifications.handle_partner_updated", apply)

    def _interest_news(self, message: dict[str, Any], event_type: str) -> None:
        def apply(event: dict[str, Any], uow: NotificationsUnitOfWork) -> None:
            news = consumed_interests.interest_news(event["event_id"], event_type, event["data"])
            claim = None
            if news.claim_active is not None:
                claim = partial(
                    deadline_use_cases.note_claim,
                    opportunity_id=news.opportunity_id,
                    centre_id=news.centre_id,
                    active=news.claim_active,
                    at=news.at,
                )
            use_cases.notify_about_opportunity(news.notice, news.opportunity_id, news.centre_id, uow, also=claim)

        process_event(self.uow, message, f"notifications.handle_{event_type}", apply)

    @ReliableEventHandler.decorator(PARTNERS, partners_contract.OPPORTUNITY_PUBLISHED)
    def handle_opportunity_published(self, message: dict[str, Any]) -> None:
        self._deadline_news(message, partners_contract.OPPORTUNITY_PUBLISHED)

    @ReliableEventHandler.decorator(PARTNERS, partners_contract.OPPORTUNITY_UPDATED)
    def handle_opportunity_updated(self, message: dict[str, Any]) -> None:
        self._deadline_news(message, partners_contract.OPPORTUNITY_UPDATED)

    def _deadline_news(self, message: dict[str, Any], event_type: str) -> None:
        def apply(event: dict[str, Any], uow: NotificationsUnitOfWork) -> None:
            deadline_use_cases.note_opportunity(consumed_interests.opportunity_info(event["data"]), uow)

        process_event(self.uow, message, f"notifications.handle_{event_type}", apply)

    @ReliableEventHandler.decorator(PARTNERS, partners_contract.OPPORTUNITY_CLOSED)
    def handle_opportunity_closed(self, message: dict[str, Any]) -> None:
        def apply(event: dict[str, Any], uow: NotificationsUnitOfWork) -> None:
            opportunity_id, at = consumed_interests.closed_opportunity(event["data"])
            with uow:
                deadline_use_cases.note_finished(uow, opportunity_id, at)
                uow.commit()

        process_event(self.uow, message, "notifications.handle_opportunity_closed", apply)


class ParticipantNews:
    """What concerns the people registered for the centres' events (the events service's events)."""

    uow: NotificationsUnitOfWork

    @ReliableEventHandler.decorator(EVENTS, events_contract.EVENT_SCHEDULED)
    def handle_event_scheduled(self, message: dict[str, Any]) -> None:
        self._event_news(message, events_contract.EVENT_SCHEDULED)

    @ReliableEventHandler.decorator(EVENTS, events_contract.EVENT_CHANGED)
    def handle_event_changed(self, message: dict[str, Any]) -> None:
        self._event_news(message, events_contract.EVENT_CHANGED)

    @ReliableEventHandler.decorator(EVENTS, events_contract.EVENT_CANCELLED)
    def handle_event_cancelled(self, message: dict[str, Any]) -> None:
        self._event_news(message, events_contract.EVENT_CANCELLED)

    def _event_news(self, message: dict[str, Any], event_type: str) -> None:
        def apply(event: dict[str, Any], uow: NotificationsUnitOfWork) -> None:
            news = consumed_events.event_news(event["event_id"], event_type, event["data"])
            participant_use_cases.follow_event(news, uow)

        process_event(self.uow, message, f"notifications.handle_{event_type}", apply)

    @ReliableEventHandler.decorator(EVENTS, events_contract.REGISTRATION_CONFIRMED)
    def handle_registration_confirmed(self, message: dict[str, Any]) -> None:
        self._registration_news(message, events_contract.REGISTRATION_CONFIRMED)

    @ReliableEventHandler.decorator(EVENTS, events_contract.REGISTRATION_WAITLISTED)
    def handle_registration_waitlisted(self, message: dict[str, Any]) -> None:
        self._registration_news(message, events_contract.REGISTRATION_WAITLISTED)

    @ReliableEventHandler.decorator(EVENTS, events_contract.REGISTRATION_PROMOTED)
    def handle_registration_promoted(self, message: dict[str, Any]) -> None:
        self._registration_news(message, events_contract.REGISTRATION_PROMOTED)

    @ReliableEventHandler.decorator(EVENTS, events_contract.REGISTRATION_CANCELLED)
    def handle_registration_cancelled(self, message: dict[str, Any]) -> None:
        self._registration_news(message, events_contract.REGISTRATION_CANCELLED)

    def _registration_news(self, message: dict[str, Any], event_type: str) -> None:
        def apply(event: dict[str, Any], uow: NotificationsUnitOfWork) -> None:
            news = consumed_events.registration_news(event["event_id"], event_type, event["data"])
            participant_use_cases.follow_registration(news, uow)

        process_event(self.uow, message, f"notifications.handle_{event_type}", apply)

    @ReliableEventHandler.decorator(EVENTS, events_contract.PARTICIPANT_ERASED)
    def handle_participant_erased(self, message: dict[str, Any]) -> None:
        process_event(
            self.uow,
            message,
            "notifications.handle_participant_erased",
            lambda event, uow: participant_use_cases.forget_participants(
                consumed_events.erased_registrations(event["data"]), uow
            ),
        )
