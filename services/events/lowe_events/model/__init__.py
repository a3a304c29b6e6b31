"""The events service's domain: plain Python, no framework imports.

`event` and `schedule` hold what happens and when (Warsaw time in, UTC kept), `registrations` who takes part and
what they consented to, `roster` how places and the waiting line are shared, `attendance` who was there,
`reports` the funders' figures, `allocations` the places partners allocated to centres.
"""

from lowe_events.model.allocations import Allocation
from lowe_events.model.attendance import Mark, attended_minutes, check_markable, hours
from lowe_events.model.domain_events import (
    EventCancelled,
    EventChanged,
    EventScheduled,
    ParticipantErased,
    RegistrationCancelled,
    RegistrationConfirmed,
    RegistrationPromoted,
    RegistrationWaitlisted,
)
from lowe_events.model.errors import (
    AlreadyRegistered,
    AttendanceNotRecordable,
    CapacityBelowConfirmed,
    EventNotChangeable,
    EventNotFound,
    EventsError,
    InvalidSchedule,
    OpportunityNotHeld,
    RegistrationNotChangeable,
    RegistrationNotFound,
    SessionNotFound,
)
from lowe_events.model.event import CANCELLED, FROM_OPPORTUNITY, OWN, SCHEDULED, Event
from lowe_events.model.registrations import (
    ACTIVE_STATUSES,
    CONFIRMED,
    WAITLISTED,
    Consent,
    Contact,
    Demographics,
    Registration,
)
from lowe_events.model.reports import Activity, Period, build_report
from lowe_events.model.roster import Roster
from lowe_events.model.schedule import WARSAW, Session, check_schedule, local, to_utc, weekly

__all__ = [
    "ACTIVE_STATUSES",
    "CANCELLED",
    "CONFIRMED",
    "FROM_OPPORTUNITY",
    "OWN",
    "SCHEDULED",
    "WAITLISTED",
    "WARSAW",
    "Activity",
    "Allocation",
    "AlreadyRegistered",
    "AttendanceNotRecordable",
    "CapacityBelowConfirmed",
    "Consent",
    "Contact",
    "Demographics",
    "Event",
    "EventCancelled",
    "EventChanged",
    "EventNotChangeable",
    "EventNotFound",
    "EventScheduled",
    "EventsError",
    "InvalidSchedule",
    "Mark",
    "OpportunityNotHeld",
    "ParticipantErased",
    "Period",
    "Registration",
    "RegistrationCancelled",
    "RegistrationConfirmed",
    "RegistrationNotChangeable",
    "RegistrationNotFound",
    "RegistrationPromoted",
    "RegistrationWaitlisted",
    "Roster",
    "Session",
    "SessionNotFound",
    "attended_minutes",
    "build_report",
    "check_markable",
    "check_schedule",
    "hours",
    "local",
    "to_utc",
    "weekly",
]
