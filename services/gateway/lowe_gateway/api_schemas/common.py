"""Building blocks of the public contract: field makers for requests and responses, pages and the error body.

Request fields mirror the owning service's rules where a JSON schema can say them (types, vocabularies, lengths,
formats) and are looser where it cannot (checksums, date ordering): the service still answers 400 then, but the
gateway is never stricter than the service. Every string and list is bounded.

Response fields dump what the services send (JSON types: dates and ids are already strings) unchanged; each is
`required` because the services always send it, and a response schema names every field that may leave the gateway.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, validate

from lowe_backbone.validation import NonBlank, NoNul

MAX_PAGE_SIZE = 100
# a string with something other than white space, and no NUL (which PostgreSQL text cannot hold)
TEXT_PATTERN = r"^[^\u0000]*[^\s\u0000][^\u0000]*$"
NO_NUL_PATTERN = r"^[^\u0000]*$"
PHONE_PATTERN = r"^\+?[\d ()-]{9,20}$"
LANGUAGE_PATTERN = r"^[a-z]{2}$"
POSTAL_CODE_PATTERN = r"^\d{2}-\d{3}$"


class Strict(Schema):
    """Unknown fields are refused (and the OpenAPI document says `additionalProperties: false`)."""

    class Meta:
        unknown = RAISE


class FullMatch(validate.Validator):
    """A regular expression the whole value must match (`\\Z`, not `$`, so no trailing newline slips through).
    Not a `validate.Regexp`, so the document shows the JSON-schema `pattern` given in the field's metadata."""

    def __init__(self, pattern: str, error: str) -> None:
        self.regex, self.message = re.compile(pattern.removeprefix("^").removesuffix("$")), error

    def __call__(self, value: str) -> str:
        if not self.regex.fullmatch(value):
            raise ValidationError(self.message)
        return value


class StrictBoolean(fields.Boolean):
    """JSON true or false only (not 1, 0 or "yes"), where the service is that strict too."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> bool:
        if not isinstance(value, bool):
            raise self.make_error("invalid", input=value)
        return value


def _meta(options: dict[str, Any], **extra: Any) -> dict[str, Any]:
    description = options.pop("description", None)
    example = options.pop("example", None)
    metadata = dict(options.pop("metadata", {}))
    metadata.update(extra)
    if description:
        metadata["description"] = description
    if example is not None:
        metadata["example"] = example
    options["metadata"] = metadata
    return options


def changes(schema: type[Schema], **options: Any) -> Schema:
    """The schema for an edit: every top-level field optional, but what a nested object needs it still needs
    (`partial=True` would reach into nested schemas too)."""
    return schema(partial=tuple(schema(**options).fields), **options)


# --- request fields ----------------------------------------------------------------------------------------------


def text(max_length: int, **options: Any) -> fields.String:
    """Non-blank text without NUL characters, at most `max_length` characters."""
    return fields.String(
        validate=[validate.Length(max=max_length), NonBlank(), NoNul()], **_meta(options, pattern=TEXT_PATTERN)
    )


def free_text(max_length: int, min_length: int | None = None, **options: Any) -> fields.String:
    """Any text (blank allowed) without NUL characters."""
    return fields.String(
        validate=[validate.Length(min=min_length, max=max_length), NoNul()], **_meta(options, pattern=NO_NUL_PATTERN)
    )


def matching(pattern: str, error: str, max_length: int, **options: Any) -> fields.String:
    return fields.String(
        validate=[validate.Length(max=max_length), FullMatch(pattern, error)], **_meta(options, pattern=pattern)
    )


def phone(**options: Any) -> fields.String:
    return matching(PHONE_PATTERN, "Not a valid phone number.", 20, **options)


def postal_code(**options: Any) -> fields.String:
    return matching(POSTAL_CODE_PATTERN, "Use the form 00-000.", 6, **options)


def language(**options: Any) -> fields.String:
    return matching(LANGUAGE_PATTERN, "Use a two-letter ISO 639-1 code.", 2, **options)


def languages(**options: Any) -> fields.List:
    return fields.List(language(), validate=validate.Length(min=1, max=10), **_meta(options))


def email(max_length: int = 254, **options: Any) -> fields.Email:
    return fields.Email(validate=validate.Length(max=max_length), **_meta(options))


def url(max_length: int = 2000, **options: Any) -> fields.Url:
    """http or https; the document says `format: uri`."""
    return fields.Url(
        schemes={"http", "https"}, validate=validate.Length(max=max_length), **_meta(options, format="uri")
    )


def choice(choices: Iterable[str], **options: Any) -> fields.String:
    return fields.String(validate=validate.OneOf(list(choices)), **_meta(options))


def choices(
    values: Iterable[str], max_items: int | None = None, min_items: int | None = None, **options: Any
) -> fields.List:
    values = list(values)
    length = validate.Length(min=min_items, max=max_items if max_items is not None else len(values))
    return fields.List(choice(values), validate=length, **_meta(options))


def places(**options: Any) -> fields.Integer:
    return fields.Integer(strict=True, validate=validate.Range(1, 10_000), **_meta(options))


def page_size() -> fields.Integer:
    return fields.Integer(
        validate=validate.Range(min=1, max=MAX_PAGE_SIZE), metadata={"description": "items per page (default 20)"}
    )


def cursor(max_length: int = 400) -> fields.String:
    return fields.String(
        validate=validate.Length(max=max_length),
        metadata={"description": "the `next_cursor` of the previous page, as given"},
    )


# --- response fields: what the services send, dumped unchanged -----------------------------------------------------


def out(field: fields.Field) -> fields.Field:
    field.required = True
    return field


def s(nullable: bool = False, **options: Any) -> fields.Field:
    return out(fields.String(allow_none=nullable, **_meta(options)))


def s_uuid(nullable: bool = False, **options: Any) -> fields.Field:
    return out(fields.String(allow_none=nullable, **_meta(options, format="uuid")))


def s_time(nullable: bool = False, **options: Any) -> fields.Field:
    return out(fields.String(allow_none=nullable, **_meta(options, format="date-time")))


def s_int(nullable: bool = False, **options: Any) -> fields.Field:
    return out(fields.Integer(allow_none=nullable, **_meta(options)))


def s_number(nullable: bool = False, **options: Any) -> fields.Field:
    return out(fields.Float(allow_none=nullable, **_meta(options)))


def s_bool(nullable: bool = False, **options: Any) -> fields.Field:
    return out(fields.Boolean(allow_none=nullable, **_meta(options)))


def s_list(item: fields.Field | None = None, **options: Any) -> fields.Field:
    return out(fields.List(item or fields.String(), **_meta(options)))


def s_nested(schema: type[Schema] | Schema, nullable: bool = False, many: bool = False, **options: Any) -> fields.Field:
    if many:
        return out(fields.List(fields.Nested(schema), **_meta(options)))
    return out(fields.Nested(schema, allow_none=nullable, **_meta(options)))


def s_object(nullable: bool = False, **options: Any) -> fields.Field:
    """A free-form object the contract does not itemise (e.g. a notification's data)."""
    return out(fields.Dict(allow_none=nullable, **_meta(options)))


def page(item: type[Schema], name: str, cursor_field: bool = True) -> type[Schema]:
    """`{"items": [...], "next_cursor": "..." | null}`; `next_cursor` null on the last page."""
    attributes: dict[str, Any] = {"items": s_nested(item, many=True)}
    if cursor_field:
        attributes["next_cursor"] = s(nullable=True, description="give it as `cursor` for the next page")
    return Schema.from_dict(attributes, name=name)


# --- errors -------------------------------------------------------------------------------------------------------


ErrorDetail = Schema.from_dict(  # a class body could not name a field `fields`
    {
        "code": s(
            description="machine-readable: invalid_input, malformed_json, unauthenticated, forbidden, not_found, "
            "conflict, body_too_large, rate_limited, service_unavailable, ...",
            example="invalid_input",
        ),
        "message": s(description="for people", example="The request has invalid fields."),
        "fields": s_object(
            description="per field (or `_body`), what is wrong: usually a list of messages; the id concerned for "
            "404/409",
            example={"title": ["Missing data for required field."]},
        ),
    },
    name="ErrorDetail",
)


class ErrorBody(Strict):
    error = s_nested(ErrorDetail)
