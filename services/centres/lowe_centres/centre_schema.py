"""A centre's registration and its later edits at the boundary: types, vocabularies, formats and bounds."""

from __future__ import annotations

from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, post_load, validate, validates_schema

from lowe_backbone.contracts.vocabulary import TARGET_GROUPS, TOPICS, VOIVODESHIPS
from lowe_backbone.validation import NonBlank, NoNul
from lowe_centres.model import CENTRE_STATUSES, RUNNING_BODIES

# Poland's extent, rounded outwards: a centre's coordinates outside it are a typo (or swapped).
LATITUDES = validate.Range(min=49.0, max=54.9, error="Must lie within Poland: between 49.0 and 54.9 (° N).")
LONGITUDES = validate.Range(min=14.1, max=24.2, error="Must lie within Poland: between 14.1 and 24.2 (° E).")
TOGETHER = "Give latitude and longitude together."
TEXT_FIELDS = (
    "name",
    "municipality",
    "running_body_name",
    "host_school",
    "street",
    "city",
    "powiat",
    "contact_person",
    "phone",
)
LIST_FIELDS = ("served_topics", "target_groups", "languages")


def _text(length: int, **options: Any) -> fields.String:
    return fields.String(validate=[validate.Length(max=length), NonBlank(), NoNul()], **options)


def _codes(choices: Any) -> fields.List:
    return fields.List(fields.String(validate=validate.OneOf(choices)), validate=validate.Length(max=len(choices)))


class CentreSchema(Schema):
    """Only `name`, `voivodeship` and `municipality` (the gmina) are required; what is left out takes the
    domain's defaults (no profile, Polish, active). Optional details may be null to clear them."""

    class Meta:
        unknown = RAISE

    name = _text(200, required=True)
    voivodeship = fields.String(
        required=True,
        validate=validate.OneOf(list(VOIVODESHIPS)),
        metadata={"description": "voivodeship TERYT code"},
    )
    municipality = _text(100, required=True, metadata={"description": "the gmina's name"})
    running_body = fields.String(allow_none=True, validate=validate.OneOf(RUNNING_BODIES))
    running_body_name = _text(200, allow_none=True)
    host_school = _text(200, allow_none=True)
    street = _text(200, allow_none=True)
    postal_code = fields.String(
        allow_none=True, validate=validate.Regexp(r"^\d{2}-\d{3}\Z", error="Use the form 00-000.")
    )
    city = _text(100, allow_none=True)
    powiat = _text(100, allow_none=True, metadata={"description": "the powiat's name"})
    latitude = fields.Float(allow_none=True, allow_nan=False, validate=LATITUDES)
    longitude = fields.Float(allow_none=True, allow_nan=False, validate=LONGITUDES)
    email = fields.Email(allow_none=True, validate=validate.Length(max=254))
    phone = fields.String(
        allow_none=True, validate=validate.Regexp(r"^\+?[\d ()-]{9,20}\Z", error="Not a valid phone number.")
    )
    contact_person = _text(200, allow_none=True)
    served_topics = _codes(TOPICS)
    target_groups = _codes(TARGET_GROUPS)
    languages = fields.List(
        fields.String(validate=validate.Regexp(r"^[a-z]{2}\Z", error="Use a two-letter ISO 639-1 code.")),
        validate=validate.Length(min=1, max=10),
    )
    status = fields.String(validate=validate.OneOf(CENTRE_STATUSES))

    @validates_schema
    def _coordinates_together(self, data: dict[str, Any], **_kwargs: Any) -> None:
        """Both or neither, in a registration and in an edit (where both may be null to clear the point)."""
        if ("latitude" in data) != ("longitude" in data):
            raise ValidationError(TOGETHER, "longitude" if "latitude" in data else "latitude")
        if "latitude" in data and (data["latitude"] is None) != (data["longitude"] is None):
            raise ValidationError(TOGETHER, "latitude" if data["latitude"] is None else "longitude")

    @post_load
    def _normalised(self, data: dict[str, Any], **_kwargs: Any) -> dict[str, Any]:
        for name in TEXT_FIELDS:
            if isinstance(data.get(name), str):
                data[name] = data[name].strip()
        for name in LIST_FIELDS:
            if name in data:
                data[name] = sorted(set(data[name]))
        if data.get("email"):
            data["email"] = data["email"].strip()
        return data
