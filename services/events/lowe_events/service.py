"""The nameko entrypoints of the events service: a thin layer over the use cases."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from lowe_backbone.context import FlowContext
from lowe_backbone.contracts.partners import PLACES_ALLOCATED, PLACES_RELEASED
from lowe_backbone.contracts.partners import PRODUCER as PARTNERS
from lowe_backbone.database import UnitOfWorkProvider
from lowe_backbone.dead_letter_rpc import DeadLetterRpc
from lowe_backbone.errors import Conflict, InvalidInput, NotFound, ServiceError
from lowe_backbone.health import HealthReport
from lowe_backbone.idempotency import process_event
from lowe_backbone.messaging import ReliableEventHandler
from lowe_backbone.relay import OutboxRelay
from lowe_backbone.rpc import rpc
from lowe_backbone.rpc_errors import ErrorTable, translate_errors
from lowe_backbone.validation import load_id
from lowe_events import commands, orm, queries, registration_use_cases, report_use_cases, use_cases
from lowe_events.calendar_feed import to_ics
from lowe_events.consumed import allocated_command, released_command
from lowe_events.model import (
    AlreadyRegistered,
    AttendanceNotRecordable,
    CapacityBelowConfirmed,
    EventNotChangeable,
    EventNotFound,
    InvalidSchedule,
    OpportunityNotHeld,
    RegistrationNotChangeable,
    RegistrationNotFound,
    SessionNotFound,
)
from lowe_events.report_csv import report_csv
from lowe_events.unit_of_work import EventsUnitOfWork
from lowe_events.views import (
    allocations_view,
    attendance_view,
    event_view,
    events_page_view,
    participants_view,
    placement_view,
)

ERRORS: ErrorTable = {
    EventNotFound: lambda exc: NotFound("Event not found.", {"event_id": str(exc)}),
    SessionNotFound: lambda exc: NotFound("Session not found.", {"session_id": str(exc)}),
    RegistrationNotFound: lambda exc: NotFound("Registration not found.", {"registration_id": str(exc)}),
    OpportunityNotHeld: lambda exc: Conflict(
        "The centre holds no places in this opportunity.",
        {"opportunity_id": ["The centre holds no places in this opportunity."]},
    ),
    EventNotChangeable: lambda exc: Conflict(str(exc)),
    CapacityBelowConfirmed: lambda exc: Conflict(str(exc), {"capacity": [str(exc)]}),
    AlreadyRegistered: lambda exc: Conflict(
        "This person is already registered for the event.", {str(exc): ["Already registered for the event."]}
    ),
    RegistrationNotChangeable: lambda exc: Conflict(str(exc)),
    AttendanceNotRecordable: lambda exc: Conflict(str(exc), {"attendance": [str(exc)]}),
    InvalidSchedule: lambda exc: InvalidInput("The schedule does not work.", {k: [v] for k, v in exc.problems.items()}),
}


class EventsService(DeadLetterRpc):
    name = "events"

    flow = FlowContext()
    uow: EventsUnitOfWork = UnitOfWorkProvider(EventsUnitOfWork, start_mappers=orm.start_mappers)
    relay = OutboxRelay()
    health_report = HealthReport()

    # Every call about a centre's events takes the acting centre and, last, `operator`: an operator may name no
    # centre (None: whichever centre the event belongs to; every centre for lists and erasures).

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def create_event(self, centre_id: Any, payload: Any) -> dict[str, Any]:
        return event_view(use_cases.create_event(commands.create_event_command(centre_id, payload), self.uow))

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def get_event(self, centre_id: Any, event_id: Any, operator: bool = False) -> dict[str, Any]:
        actor, event = commands.actor_of(centre_id, operator), commands.event_id_of(event_id)
        return event_view(use_cases.get_event(actor, event, self.uow))

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def list_events(self, centre_id: Any, params: Any = None, operator: bool = False) -> dict[str, Any]:
        """`page_size` (1-100, 20), `cursor`, `from`/`to` (Warsaw dates: a session starting in between) and, for an
        operator with no centre, `centre_id`; `{"items": [...], "next_cursor": str | None}`."""
        _actor, query = queries.event_list_query(centre_id, params, operator)
        return events_page_view(use_cases.list_events(query, self.uow))

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def update_event(self, centre_id: Any, event_id: Any, payload: Any, operator: bool = False) -> dict[str, Any]:
        cmd = commands.change_event_command(centre_id, event_id, payload, operator)
        return event_view(use_cases.change_event(cmd, self.uow))

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def cancel_event(
        self, centre_id: Any, event_id: Any, payload: Any = None, operator: bool = False
    ) -> dict[str, Any]:
        cmd = commands.cancel_event_command(centre_id, event_id, payload, operator)
        return event_view(use_cases.cancel_event(cmd, self.uow))

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def register_participant(
        self, centre_id: Any, event_id: Any, payload: Any, operator: bool = False
    ) -> dict[str, Any]:
        cmd = commands.register_command(centre_id, event_id, payload, operator)
        return placement_view(registration_use_cases.register_participant(cmd, self.uow))

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def list_registrations(self, centre_id: Any, event_id: Any, operator: bool = False) -> dict[str, Any]:
        actor, event = commands.actor_of(centre_id, operator), commands.event_id_of(event_id)
        return participants_view(registration_use_cases.list_registrations(actor, event, self.uow))

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def cancel_registration(
        self, centre_id: Any, event_id: Any, registration_id: Any, operator: bool = False
    ) -> dict[str, Any]:
        cmd = commands.registration_ref(centre_id, event_id, registration_id, operator)
        return placement_view(registration_use_cases.cancel_registration(cmd, self.uow))

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def erase_registration(
        self, centre_id: Any, event_id: Any, registration_id: Any, operator: bool = False
    ) -> dict[str, Any]:
        cmd = commands.registration_ref(centre_id, event_id, registration_id, operator)
        return placement_view(registration_use_cases.erase_registration(cmd, self.uow))

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def erase_person(self, centre_id: Any, payload: Any, operator: bool = False) -> dict[str, Any]:
        """`{"email"}`, `{"phone"}` or `{"registration_id"}`: `{"erased": [registration ids]}`."""
        cmd = commands.erase_person_command(centre_id, payload, operator)
        erased = registration_use_cases.erase_person(cmd, self.uow)
        return {"erased": [str(registration.id) for registration in erased]}

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def record_attendance(
        self, centre_id: Any, event_id: Any, session_id: Any, payload: Any, operator: bool = False
    ) -> dict[str, Any]:
        cmd = commands.record_attendance_command(centre_id, event_id, session_id, payload, operator)
        return attendance_view(report_use_cases.record_attendance(cmd, self.uow))

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def participation_report(self, query: Any) -> dict[str, Any]:
        """`{centre_id?, partner_id?, from, to, format}`: `{"format": "json", "report": {...}}` (the report names
        `centre_id` and `partner_id`, null when not chosen) or `{"format": "csv", "csv": "..."}`."""
        scope = queries.report_scope(query)
        return _rendered(report_use_cases.participation_report(scope, self.uow), scope.query.format)

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def centre_report(self, centre_id: Any, query: Any) -> dict[str, Any]:
        """`{"format": "json", "report": {...}}` or `{"format": "csv", "csv": "..."}`."""
        centre, parsed = commands.centre_of(centre_id), commands.report_query(query)
        return _rendered(report_use_cases.centre_report(centre, parsed, self.uow), parsed.format)

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def partner_report(self, partner_id: Any, query: Any) -> dict[str, Any]:
        partner, parsed = load_id("partner_id", partner_id), commands.report_query(query)
        return _rendered(report_use_cases.partner_report(partner, parsed, self.uow), parsed.format)

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def centre_calendar(self, centre_id: Any, operator: bool = False) -> str:
        """About one centre: `centre_id` is required, for an operator too."""
        calendar = report_use_cases.centre_calendar(commands.centre_of(centre_id), self.uow)
        return to_ics(calendar, "LOWE: events", datetime.now(UTC))

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def event_calendar(self, centre_id: Any, event_id: Any, operator: bool = False) -> str:
        actor, event = commands.actor_of(centre_id, operator), commands.event_id_of(event_id)
        calendar = report_use_cases.event_calendar(actor, event, self.uow)
        return to_ics(calendar, calendar.entries[0][0].title, datetime.now(UTC))

    @rpc(expected_exceptions=ServiceError)
    @translate_errors(ERRORS)
    def list_allocations(self, centre_id: Any, operator: bool = False) -> dict[str, Any]:
        """About one centre: `centre_id` is required, for an operator too."""
        return allocations_view(use_cases.list_allocations(commands.centre_of(centre_id), self.uow))

    @ReliableEventHandler.decorator(PARTNERS, PLACES_ALLOCATED)
    def handle_places_allocated(self, message: dict[str, Any]) -> None:
        process_event(
            self.uow,
            message,
            "events.handle_places_allocated",
            lambda event, uow: use_cases.record_allocation(allocated_command(event["data"]), uow),
        )

    @ReliableEventHandler.decorator(PARTNERS, PLACES_RELEASED)
    def handle_places_released(self, message: dict[str, Any]) -> None:
        process_event(
            self.uow,
            message,
            "events.handle_places_released",
            lambda event, uow: use_cases.record_allocation(released_command(event["data"]), uow),
        )

    @rpc
    def health(self) -> dict[str, Any]:
        return self.health_report()


def _rendered(report: dict[str, Any], format: str) -> dict[str, Any]:
    return {"format": "csv", "csv": report_csv(report)} if format == "csv" else {"format": "json", "report": report}
