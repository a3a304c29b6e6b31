"""A registration at the boundary: the least personal data that works, and explicit consents."""

from __future__ import annotations

from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, post_load, validate, validates_schema

from lowe_backbone.contracts.vocabulary import AGE_BANDS, GENDERS, LABOUR_MARKET_STATUSES, TARGET_GROUPS
from lowe_events.event_schema import codes, text

PHONE = validate.Regexp(r"^\+?[\d ()-]{9,20}\Z", error="Not a valid phone number.")
PARTICIPANT_LANGUAGES = ("pl", "en")
DEFAULT_LANGUAGE = "pl"


class _Strict(Schema):
    class Meta:
        unknown = RAISE


class ConsentSchema(_Strict):
    """The person agreed (`given` must be true) to the text of this `version`; the time is when it is recorded."""

    version = text(50, required=True)
    given = fields.Boolean(required=True, validate=validate.Equal(True, error="Consent must be given."))


class DemographicsSchema(_Strict):
    """Only with its own consent. `disability` is health data: only when `health_data_consent` is true."""

    consent = fields.Nested(ConsentSchema, required=True)
    health_data_consent = fields.Boolean(load_default=False)
    age_band = fields.String(allow_none=True, load_default=None, validate=validate.OneOf(AGE_BANDS))
    gender = fields.String(allow_none=True, load_default=None, validate=validate.OneOf(GENDERS))
    labour_market_status = fields.String(
        allow_none=True, load_default=None, validate=validate.OneOf(LABOUR_MARKET_STATUSES)
    )
    target_groups = codes(TARGET_GROUPS)
    disability = fields.Boolean(allow_none=True, load_default=None)

    @validates_schema
    def _health_data_needs_its_consent(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if data.get("disability") is not None and not data.get("health_data_consent"):
            raise ValidationError("Disability is health data: give it only with health_data_consent.", "disability")


class RegistrationSchema(_Strict):
    name = text(200, required=True)
    email = fields.Email(allow_none=True, load_default=None, validate=validate.Length(max=254))
    phone = fields.String(allow_none=True, load_default=None, validate=PHONE)
    consent = fields.Nested(ConsentSchema, required=True)
    demographics = fields.Nested(DemographicsSchema, allow_none=True, load_default=None)
    language = fields.String(allow_none=True, load_default=None, validate=validate.OneOf(PARTICIPANT_LANGUAGES))

    @validates_schema
    def _reachable(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if not data.get("email") and not data.get("phone"):
            raise ValidationError("Give an e-mail address or a phone number.", "email")

    @post_load
    def _normalised(self, data: dict[str, Any], **_kwargs: Any) -> dict[str, Any]:
        data["name"] = data["name"].strip()
        data["email"] = normalised_email(data["email"])
        data["phone"] = normalised_phone(data["phone"])
        data["language"] = data["language"] or DEFAULT_LANGUAGE
        return data


class PersonSchema(_Strict):
    """Whom an erasure is about: their e-mail or phone as they registered (every registration with it), or one
    registration's id. Exactly one of the three."""

    email = fields.Email(allow_none=True, load_default=None)
    phone = fields.String(allow_none=True, load_default=None, validate=PHONE)
    registration_id = fields.UUID(allow_none=True, load_default=None)

    @validates_schema
    def _exactly_one(self, data: dict[str, Any], **_kwargs: Any) -> None:
        given = [name for name in ("email", "phone", "registration_id") if data.get(name)]
        if not given:
            raise ValidationError("Give the e-mail address, the phone number or the registration to erase.", "email")
        if len(given) > 1:
            raise ValidationError("Give exactly one of email, phone and registration_id.", given[-1])


def normalised_email(email: str | None) -> str | None:
    return email.strip().lower() if email else None


def normalised_phone(phone: str | None) -> str | None:
    """Digits only, with the leading + kept: `+48 600-100-200` and `+48600100200` are one number."""
    if not phone:
        return None
    digits = "".join(character for character in phone if character.isdigit())
    return ("+" if phone.strip().startswith("+") else "") + digits
