"""The events service's domain errors; `service.ERRORS` maps each to what the gateway answers."""

from __future__ import annotations


class EventsError(Exception):
    pass


class EventNotFound(EventsError):
    """Also what another centre is told about an event that is not its own: it must not learn that it exists."""


class SessionNotFound(EventsError):
    pass


class RegistrationNotFound(EventsError):
    pass


class OpportunityNotHeld(EventsError):
    """An event from an opportunity needs places the centre currently holds in it."""


class EventNotChangeable(EventsError):
    """A cancelled event takes no changes and no registrations."""


class CapacityBelowConfirmed(EventsError):
    pass


class AlreadyRegistered(EventsError):
    """Names the field (`email` or `phone`) by which the person is already registered."""


class RegistrationNotChangeable(EventsError):
    pass


class AttendanceNotRecordable(EventsError):
    pass


class InvalidSchedule(EventsError):
    """`problems` maps the field (`sessions`, `repeat_weekly`) to what is wrong with it."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__("; ".join(problems.values()))
        self.problems = problems
