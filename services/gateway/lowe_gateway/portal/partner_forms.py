"""The opportunity form as a browser sends it, turned into the API's opportunity body (and back, for editing), and
the services' field errors laid out per form field. Plain functions: no I/O.

A form carries strings; the body carries what `POST /api/v1/opportunities` takes: lists for the vocabularies, an
integer for places, a decimal string for the cost, ISO date-times with their offset (the form's local times are
Warsaw's), a nested contact, a list of links.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from marshmallow import Schema

from lowe_backbone.errors import InvalidInput
from lowe_backbone.validation import load_or_raise

WARSAW = ZoneInfo("Europe/Warsaw")
LIST_FIELDS = ("topics", "target_groups", "regions")
TEXT_FIELDS = ("kind", "title", "description", "delivery_mode", "languages", "places", "cost_pln", "links")
DATE_FIELDS = ("starts_at", "ends_at", "apply_by")
CONTACT_FIELDS = ("contact_name", "contact_email", "contact_phone")
NATIONWIDE = "nationwide"
LOCAL_MINUTES, LOCAL_SECONDS = "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"
SEPARATORS = re.compile(r"[\s,;]+")

NOT_A_NUMBER = "Use a whole number."
NOT_AN_AMOUNT = "Use an amount such as 120.50."
NOT_A_DATE = "Use a date and time."
NO_REGION = "Choose at least one voivodeship, or mark the opportunity nationwide."
TOO_MANY_PLACES = "More than the interest holds."

Form = dict[str, Any]  # a field's name: its text, or the list of chosen codes for the multiple choices
Errors = dict[str, list[str]]


def read_form(fields: Any) -> Form:
    """What the person sent, kept as typed (to show again); `fields` is a werkzeug `MultiDict`."""
    form: Form = {name: list(fields.getlist(name)) for name in LIST_FIELDS}
    for name in (*TEXT_FIELDS, *DATE_FIELDS, *CONTACT_FIELDS):
        form[name] = str(fields.get(name, "")).strip()
    form[NATIONWIDE] = bool(fields.get(NATIONWIDE))
    return form


def blank_form() -> Form:
    """A new opportunity's form: in Polish, on site, until the person says otherwise."""
    form: Form = {name: [] for name in LIST_FIELDS}
    form.update(dict.fromkeys((*TEXT_FIELDS, *DATE_FIELDS, *CONTACT_FIELDS), ""))
    form.update({"languages": "pl", "delivery_mode": "on_site", NATIONWIDE: False})
    return form


def form_of(opportunity: Mapping[str, Any]) -> Form:
    """An opportunity as the API shows it, in the form's terms (to edit it)."""
    contact = opportunity.get("contact") or {}
    return {
        "kind": opportunity["kind"],
        "title": opportunity["title"],
        "description": opportunity["description"],
        "topics": list(opportunity["topics"]),
        "target_groups": list(opportunity["target_groups"]),
        "regions": list(opportunity["regions"]),
        NATIONWIDE: bool(opportunity["nationwide"]),
        "delivery_mode": opportunity["delivery_mode"],
        "languages": ", ".join(opportunity["languages"]),
        "places": "" if opportunity.get("places") is None else str(opportunity["places"]),
        "cost_pln": opportunity.get("cost_pln") or "",
        "links": "\n".join(opportunity.get("links") or []),
        **{name: local_time(opportunity.get(name)) for name in DATE_FIELDS},
        **{f"contact_{part}": contact.get(part) or "" for part in ("name", "email", "phone")},
    }


def body_of(form: Form, only: frozenset[str] | None = None) -> tuple[dict[str, Any], Errors]:
    """The API body for the form (only the fields named in `only`, when given), and what could not be read."""
    body: dict[str, Any] = {}
    errors: Errors = {}
    wanted = (lambda name: True) if only is None else only.__contains__
    for name in ("title", "description", "topics", "target_groups"):
        if wanted(name):
            body[name] = form[name]
    for name in ("kind", "delivery_mode"):  # an unchosen select is missing, not a code outside the vocabulary
        if wanted(name) and form[name]:
            body[name] = form[name]
    if wanted("regions") or wanted(NATIONWIDE):
        if form[NATIONWIDE]:
            body["regions"] = []
        elif not form["regions"]:
            errors["regions"] = [NO_REGION]
        else:
            body["regions"] = form["regions"]
    if wanted("languages"):
        body["languages"] = [code.lower() for code in SEPARATORS.split(form["languages"]) if code]
    if wanted("links"):
        body["links"] = [line.strip() for line in form["links"].splitlines() if line.strip()]
    if wanted("places"):
        _read(body, errors, "places", form["places"], _whole_number, NOT_A_NUMBER)
    if wanted("cost_pln"):
        _read(body, errors, "cost_pln", form["cost_pln"], _amount, NOT_AN_AMOUNT)
    for name in DATE_FIELDS:
        if wanted(name):
            _read(body, errors, name, form[name], _aware_time, NOT_A_DATE)
    if any(wanted(name) for name in CONTACT_FIELDS):
        contact = {part: form[f"contact_{part}"] or None for part in ("name", "email", "phone")}
        body["contact"] = contact if any(contact.values()) else None
    return body, errors


def release_body(text: str) -> tuple[dict[str, Any] | None, Errors]:
    """How many allocated places to give back: blank gives back all of them (no body, as the API takes it)."""
    if not text:
        return None, {}
    if not text.isdigit():
        return None, {"places": [NOT_A_NUMBER]}
    return {"places": int(text)}, {}


def checked_body(form: Form, only: frozenset[str] | None, schema: Schema) -> tuple[dict[str, Any], Errors]:
    """The body, and every problem with it: what could not be read, then what the API's body schema refuses."""
    body, errors = body_of(form, only)
    try:
        load_or_raise(schema, body)
    except InvalidInput as exc:
        refused = field_errors(exc.fields)
        errors = merged(errors, {name: found for name, found in refused.items() if name not in errors})
    return body, errors


def changed_fields(form: Form, current: Form) -> frozenset[str]:
    """The form's fields that differ from the opportunity as it is: an edit sends only those (as the API's PATCH
    does), so what the person left alone stays exactly as it was."""
    return frozenset(name for name, value in form.items() if current.get(name) != value)


def field_errors(fields: Mapping[str, Any]) -> Errors:
    """An `InvalidInput`'s `{field: [messages]}` per form field: a nested object's parts become `<object>_<part>`
    (`contact.email` is the form's `contact_email`), a list's items their list."""
    laid_out: Errors = {}
    for name, value in fields.items():
        if isinstance(value, Mapping):
            for part, messages in field_errors(value).items():
                _add(laid_out, name if part.isdigit() else f"{name}_{part}", messages)
        elif isinstance(value, list | tuple):
            _add(laid_out, name, [str(message) for message in value])
        else:
            _add(laid_out, name, [str(value)])
    return laid_out


def merged(*many: Errors) -> Errors:
    together: Errors = {}
    for errors in many:
        for name, messages in errors.items():
            _add(together, name, messages)
    return together


def _add(errors: Errors, name: str, messages: list[str]) -> None:
    known = errors.setdefault(name, [])
    known.extend(message for message in messages if message not in known)


def local_time(value: str | None) -> str:
    """An ISO date-time as a `datetime-local` control shows it: Warsaw's wall clock."""
    if not value:
        return ""
    at = datetime.fromisoformat(value).astimezone(WARSAW)
    return at.strftime(LOCAL_SECONDS if at.second else LOCAL_MINUTES)


def _read(body: dict[str, Any], errors: Errors, name: str, text: str, reader: Any, message: str) -> None:
    try:
        body[name] = reader(text) if text else None
    except ValueError:
        errors[name] = [message]


def _whole_number(text: str) -> int:
    if not text.isdigit():
        raise ValueError(text)
    return int(text)


def _amount(text: str) -> str:
    try:
        amount = Decimal(text.replace(" ", "").replace("\xa0", "").replace(",", "."))
    except InvalidOperation:
        raise ValueError(text) from None
    if not amount.is_finite():
        raise ValueError(text)
    return str(amount)


def _aware_time(text: str) -> str:
    """A `datetime-local` value, in Warsaw (an offset given, e.g. by a script, is kept)."""
    at = datetime.fromisoformat(text)
    return (at if at.tzinfo else at.replace(tzinfo=WARSAW)).isoformat()
