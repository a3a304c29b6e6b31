"""The events pages' forms: what a person typed, as the body the events API takes, and the service's field errors
(`{field: [messages]}`, nested as the body is) keyed by the form's own field names, to show next to each field.

Nothing is checked here: the events service judges the body, so the page says exactly what the API would."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from werkzeug.datastructures import MultiDict

SESSION_ROWS = 5  # the rows a new event's form offers (an edit shows every session and two more)
MAX_SESSION_ROWS = 100  # the events service's most sessions
CHANGEABLE = (
    "title",
    "description",
    "kind",
    "capacity",
    "sessions",
    "location",
    "languages",
    "target_groups",
    "accessibility",
    "accessibility_notes",
    "organiser",
)  # `EventChanges`: all but the opportunity
UNORDERED = ("languages", "target_groups", "accessibility")  # kept sorted by the service
INTEGER = re.compile(r"^\s*-?\d{1,9}\s*$")
LANGUAGE_SEPARATORS = re.compile(r"[\s,;]+")
YES_NO = {"yes": True, "no": False}


Form = MultiDict[str, str]  # a request's form (or a page's first values)


def _text(form: Form, name: str) -> str:
    return str(form.get(name, "")).strip()


def _optional(form: Form, name: str) -> str | None:
    return _text(form, name) or None


def _number(value: str) -> int | str:
    """A whole number as one; anything else as typed, so the service names what is wrong with it."""
    return int(value) if INTEGER.match(value) else value


def _checked(form: Form, name: str) -> bool:
    return form.get(name, "") in ("on", "yes", "true", "1")


def session_rows(form: Form) -> list[int]:
    """The schedule rows with anything typed in them, in order: the sessions of the body, by position."""
    return [
        row
        for row in range(MAX_SESSION_ROWS)
        if any(_text(form, f"session_{part}_{row}") for part in ("date", "start", "end"))
    ]


def rows_to_show(form: Form) -> range:
    """Every filled row and two empty ones after the last: at least `SESSION_ROWS`."""
    filled = session_rows(form)
    return range(min(max(SESSION_ROWS, (filled[-1] + 3) if filled else 0), MAX_SESSION_ROWS))


def event_body(form: Form) -> dict[str, Any]:
    """`POST /api/v1/events`'s body (`EventDetails`) from the new-event form."""
    body: dict[str, Any] = {
        "title": _text(form, "title"),
        "description": str(form.get("description", "")),
        "sessions": [
            {"starts_at": _moment(form, row, "start"), "ends_at": _moment(form, row, "end")}
            for row in session_rows(form)
        ],
        "location": {
            "kind": _text(form, "location_kind") or "centre",
            "address": _optional(form, "location_address"),
            "url": _optional(form, "location_url"),
        },
        "target_groups": form.getlist("target_groups"),
        "accessibility": form.getlist("accessibility"),
        "accessibility_notes": _optional(form, "accessibility_notes"),
        "organiser": _optional(form, "organiser"),
        "opportunity_id": _optional(form, "opportunity_id"),
    }
    for name in ("kind", "capacity", "repeat_weekly"):
        value = _text(form, name)
        if value:
            body[name] = value if name == "kind" else _number(value)
    languages = [code.lower() for code in LANGUAGE_SEPARATORS.split(_text(form, "languages")) if code]
    if languages:
        body["languages"] = languages
    return body


def event_form(event: Mapping[str, Any]) -> Form:
    """The form filled in with the event as it is (the events API's `Event`), sessions in Polish time."""
    location = event["location"]
    form: Form = MultiDict(
        {
            "title": event["title"],
            "description": event["description"],
            "kind": event["kind"],
            "capacity": str(event["capacity"]),
            "location_kind": location["kind"],
            "location_address": location["address"] or "",
            "location_url": location["url"] or "",
            "languages": ", ".join(event["languages"]),
            "accessibility_notes": event["accessibility_notes"] or "",
            "organiser": event["organiser"] or "",
        }
    )
    for row, session in enumerate(event["sessions"]):
        starts, ends = session["local_starts_at"], session["local_ends_at"]
        form[f"session_date_{row}"], form[f"session_start_{row}"] = starts[:10], starts[11:16]
        form[f"session_end_{row}"] = ends[11:16]
    form.setlist("target_groups", event["target_groups"])
    form.setlist("accessibility", event["accessibility"])
    return form


def event_changes(form: Form, event: Mapping[str, Any]) -> dict[str, Any]:
    """`PATCH /api/v1/events/{id}`'s body from the edit form: only the fields that differ from the event as it is
    (one emptied as None, so the service says it is required). `repeat_weekly`, when given, takes the sessions."""
    before, after = event_body(event_form(event)), event_body(form)
    after["description"] = after["description"].replace("\r\n", "\n")  # as browsers send a textarea's lines
    changes = {name: after.get(name) for name in CHANGEABLE if _comparable(name, before) != _comparable(name, after)}
    if "repeat_weekly" in after:
        changes.update(repeat_weekly=after["repeat_weekly"], sessions=after["sessions"])
    return changes


def _comparable(name: str, body: dict[str, Any]) -> Any:
    value = body.get(name)
    return sorted(set(value)) if name in UNORDERED and isinstance(value, list) else value


def _moment(form: Form, row: int, part: str) -> str:
    """A Warsaw wall-clock time (`2026-03-05T17:00`) from the row's day and time."""
    return f"{_text(form, f'session_date_{row}')}T{_text(form, f'session_{part}_{row}')}"


def registration_body(form: Form) -> dict[str, Any]:
    """`POST /api/v1/events/{id}/registrations`'s body (`Registration`) from the event page's form."""
    version = _text(form, "consent_version")
    body: dict[str, Any] = {
        "name": _text(form, "name"),
        "email": _optional(form, "email"),
        "phone": _optional(form, "phone"),
        "language": _optional(form, "language"),
        "consent": {"version": version, "given": _checked(form, "consent_given")},
        "demographics": None,
    }
    if _checked(form, "demographics_consent"):
        body["demographics"] = {
            "consent": {"version": version, "given": True},
            "health_data_consent": _checked(form, "health_data_consent"),
            "age_band": _optional(form, "age_band"),
            "gender": _optional(form, "gender"),
            "labour_market_status": _optional(form, "labour_market_status"),
            "target_groups": form.getlist("target_groups"),
            "disability": YES_NO.get(_text(form, "disability")),
        }
    return body


def flat_errors(fields: Mapping[str, Any], prefix: str = "") -> dict[str, list[str]]:
    """`{"location": {"address": ["..."]}}` as `{"location.address": ["..."]}`."""
    flat: dict[str, list[str]] = {}
    for key, value in fields.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(flat_errors(value, f"{name}."))
        elif isinstance(value, list | tuple):
            flat.setdefault(name, []).extend(str(item) for item in value)
        else:
            flat.setdefault(name, []).append(str(value))
    return flat


def _merge(into: dict[str, list[str]], name: str, messages: list[str]) -> None:
    known = into.setdefault(name, [])
    known.extend(message for message in messages if message not in known)


def event_errors(fields: Mapping[str, Any], rows: list[int]) -> dict[str, list[str]]:
    """The service's errors for the new-event form: a session's at its row (`session_<row>`), the location's at
    `location_<part>`, the rest at the field of the same name."""
    errors: dict[str, list[str]] = {}
    for key, messages in flat_errors(fields).items():
        parts = key.split(".")
        if parts[0] == "sessions" and len(parts) > 1 and parts[1].isdigit() and int(parts[1]) < len(rows):
            _merge(errors, f"session_{rows[int(parts[1])]}", messages)
        elif parts[0] == "location" and len(parts) > 1:
            _merge(errors, f"location_{parts[1]}", messages)
        else:
            _merge(errors, parts[0], messages)
    return errors


def registration_errors(fields: Mapping[str, Any]) -> dict[str, list[str]]:
    """The service's errors for the registration form: `consent.given` at `consent_given`, a demographic at its
    own field (`demographics.age_band` at `age_band`), the rest at the field of the same name."""
    errors: dict[str, list[str]] = {}
    for key, messages in flat_errors(fields).items():
        parts = [part for part in key.split(".") if part != "demographics"] or ["demographics_consent"]
        if parts[0] == "consent":
            name = "consent_version" if parts[1:] == ["version"] else "consent_given"
        else:
            name = parts[0]
        _merge(errors, name, messages)
    return errors
