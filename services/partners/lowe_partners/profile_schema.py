"""The partner profile at the boundary: contact details, address and registry identifiers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema

from lowe_backbone.contracts.vocabulary import ORGANISATION_TYPES
from lowe_backbone.validation import NonBlank, NoNul
from lowe_partners import registry_ids
from lowe_partners.model import Profile

DEFAULT_TYPE = {"public": "other_public", "social": "other_ngo", "business": "business"}


def _registry(problem: Callable[[str], str | None]) -> Callable[[str], None]:
    def check(value: str) -> None:
        message = problem(registry_ids.normalise(value))
        if message:
            raise ValidationError(message)

    return check


def _text(max_length: int, **options: Any) -> fields.String:
    return fields.String(validate=[validate.Length(max=max_length), NonBlank(), NoNul()], **options)


class ProfileFields(Schema):
    """Mixed into the registration schema; every field is optional but the organisation type follows the sector."""

    organisation_type = fields.String(
        validate=validate.OneOf([t for types in ORGANISATION_TYPES.values() for t in types])
    )
    description = fields.String(load_default="", validate=[validate.Length(max=5000), NoNul()])
    website = fields.Url(schemes={"http", "https"}, validate=validate.Length(max=300), load_default=None)
    street = _text(200, load_default=None)
    postal_code = fields.String(
        validate=validate.Regexp(r"^\d{2}-\d{3}\Z", error="Use the form 00-000."), load_default=None
    )
    city = _text(100, load_default=None)
    contact_person = _text(200, load_default=None)
    phone = fields.String(
        validate=validate.Regexp(r"^\+?[\d ()-]{9,20}\Z", error="Not a valid phone number."), load_default=None
    )
    nip = fields.String(validate=_registry(registry_ids.nip_problem), load_default=None)
    regon = fields.String(validate=_registry(registry_ids.regon_problem), load_default=None)
    krs = fields.String(validate=_registry(registry_ids.krs_problem), load_default=None)
    erasmus_oid = fields.String(validate=_registry(registry_ids.erasmus_oid_problem), load_default=None)

    @validates_schema
    def _type_fits_sector(self, data: dict[str, Any], **_kwargs: Any) -> None:
        sector, organisation_type = data.get("sector"), data.get("organisation_type")
        if sector in ORGANISATION_TYPES and organisation_type and organisation_type not in ORGANISATION_TYPES[sector]:
            raise ValidationError(
                f"A {sector} partner is one of: {', '.join(ORGANISATION_TYPES[sector])}.", "organisation_type"
            )

    @post_load
    def _normalise(self, data: dict[str, Any], **_kwargs: Any) -> dict[str, Any]:
        for name in ("nip", "regon", "krs"):
            if data.get(name):
                data[name] = registry_ids.normalise(data[name])
        if data.get("sector") in DEFAULT_TYPE and not data.get("organisation_type"):
            data["organisation_type"] = DEFAULT_TYPE[data["sector"]]
        return data


def profile_from(data: dict[str, Any]) -> Profile:
    names = [name for name in Profile.__dataclass_fields__ if name in data]
    return Profile(**{name: data.pop(name) for name in names})
