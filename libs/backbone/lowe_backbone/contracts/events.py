"""Events produced by the events service (the producer's schemas).

No payload carries a participant's personal data: registrations are named by their ids, and `contact_channel`
says only whether the person gave an e-mail or a phone number (never which). The contact itself stays in the
events service's database, the one place an erasure has to reach.
"""

from marshmallow import RAISE, Schema, fields, validate

PRODUCER = "events"
EVENT_SCHEDULED = "event_scheduled"
EVENT_CHANGED = "event_changed"
EVENT_CANCELLED = "event_cancelled"
REGISTRATION_CONFIRMED = "registration_confirmed"
REGISTRATION_WAITLISTED = "registration_waitlisted"
REGISTRATION_PROMOTED = "registration_promoted"
REGISTRATION_CANCELLED = "registration_cancelled"
PARTICIPANT_ERASED = "participant_erased"

CONTACT_CHANNELS = ("email", "phone")
PARTICIPANT_LANGUAGES = ("pl", "en")
LOCATION_KINDS = ("centre", "address", "online")


class _Strict(Schema):
    class Meta:
        unknown = RAISE


class _EventRefV1(_Strict):
    """Which event, at which centre; `partner_id` and `opportunity_id` are null for a centre's own event."""

    event_id = fields.UUID(required=True)
    centre_id = fields.UUID(required=True)
    partner_id = fields.UUID(required=True, allow_none=True)
    opportunity_id = fields.UUID(required=True, allow_none=True)


class SessionV1(_Strict):
    session_id = fields.UUID(required=True)
    starts_at = fields.AwareDateTime(required=True, format="iso")
    ends_at = fields.AwareDateTime(required=True, format="iso")


class LocationV1(_Strict):
    """`centre`: at the centre's own address; `address`: elsewhere (the venue's address); `online`: a link."""

    kind = fields.String(required=True, validate=validate.OneOf(LOCATION_KINDS))
    address = fields.String(required=True, allow_none=True)
    url = fields.String(required=True, allow_none=True)


class _EventDetailsV1(_EventRefV1):
    title = fields.String(required=True)
    kind = fields.String(required=True)
    capacity = fields.Integer(required=True, validate=validate.Range(min=1))
    sessions = fields.List(fields.Nested(SessionV1), required=True, validate=validate.Length(min=1))
    location = fields.Nested(LocationV1, required=True)
    languages = fields.List(fields.String(), required=True)
    target_groups = fields.List(fields.String(), required=True)
    accessibility = fields.List(fields.String(), required=True)


class EventScheduledV1(_EventDetailsV1):
    """`event_scheduled` v1: a centre planned an event; its sessions in UTC, first first."""

    scheduled_at = fields.AwareDateTime(required=True, format="iso")


class EventChangedV1(_EventDetailsV1):
    """`event_changed` v1: the whole event as it is now, `changed` (field names) and how many hold or await a place,
    so whoever tells the registered participants knows whether anyone is concerned."""

    changed = fields.List(fields.String(), required=True, validate=validate.Length(min=1))
    confirmed = fields.Integer(required=True, validate=validate.Range(min=0))
    waitlisted = fields.Integer(required=True, validate=validate.Range(min=0))
    changed_at = fields.AwareDateTime(required=True, format="iso")


class EventCancelledV1(_EventRefV1):
    """`event_cancelled` v1: `reason` as the centre gave it (or null); how many held or awaited a place."""

    title = fields.String(required=True)
    reason = fields.String(required=True, allow_none=True)
    confirmed = fields.Integer(required=True, validate=validate.Range(min=0))
    waitlisted = fields.Integer(required=True, validate=validate.Range(min=0))
    cancelled_at = fields.AwareDateTime(required=True, format="iso")


class _RegistrationV1(_Strict):
    """Ids only. `contact_channel` (`email`, `phone`, null once erased) tells a consumer how the person can be
    reached, not the address: that is read from the events service when a message is actually sent.

    `language` (`pl` or `en`, of the messages the person gets) was added later in v1: a consumer must not require
    it (an event without it means `pl`)."""

    registration_id = fields.UUID(required=True)
    event_id = fields.UUID(required=True)
    centre_id = fields.UUID(required=True)
    contact_channel = fields.String(required=True, allow_none=True, validate=validate.OneOf(CONTACT_CHANNELS))
    language = fields.String(load_default="pl", validate=validate.OneOf(PARTICIPANT_LANGUAGES))


class RegistrationConfirmedV1(_RegistrationV1):
    """`registration_confirmed` v1: a place was free when the person registered."""

    confirmed_at = fields.AwareDateTime(required=True, format="iso")


class RegistrationWaitlistedV1(_RegistrationV1):
    """`registration_waitlisted` v1: no place was free; `position` in the waiting line when it joined (1 = next)."""

    position = fields.Integer(required=True, validate=validate.Range(min=1))
    waitlisted_at = fields.AwareDateTime(required=True, format="iso")


class RegistrationPromotedV1(_RegistrationV1):
    """`registration_promoted` v1: first in the waiting line, it got the place someone gave up (or capacity grew)."""

    promoted_at = fields.AwareDateTime(required=True, format="iso")


class RegistrationCancelledV1(_RegistrationV1):
    """`registration_cancelled` v1: `previous_status` it had; reason `cancelled` (asked for) or `erased`."""

    previous_status = fields.String(required=True, validate=validate.OneOf(["confirmed", "waitlisted"]))
    reason = fields.String(required=True, validate=validate.OneOf(["cancelled", "erased"]))
    cancelled_at = fields.AwareDateTime(required=True, format="iso")


class ParticipantErasedV1(_Strict):
    """`participant_erased` v1: these registrations of the event no longer name anybody; whoever holds anything
    about them (a message sent, a contact cached) must drop it. Ids only."""

    event_id = fields.UUID(required=True)
    centre_id = fields.UUID(required=True)
    registration_ids = fields.List(fields.UUID(), required=True, validate=validate.Length(min=1))
    erased_at = fields.AwareDateTime(required=True, format="iso")


SCHEMAS = {
    (EVENT_SCHEDULED, 1): EventScheduledV1,
    (EVENT_CHANGED, 1): EventChangedV1,
    (EVENT_CANCELLED, 1): EventCancelledV1,
    (REGISTRATION_CONFIRMED, 1): RegistrationConfirmedV1,
    (REGISTRATION_WAITLISTED, 1): RegistrationWaitlistedV1,
    (REGISTRATION_PROMOTED, 1): RegistrationPromotedV1,
    (REGISTRATION_CANCELLED, 1): RegistrationCancelledV1,
    (PARTICIPANT_ERASED, 1): ParticipantErasedV1,
}
