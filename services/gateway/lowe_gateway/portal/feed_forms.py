"""The centre's feed and subscription forms as the API's queries and bodies, and back: what a person typed is kept
as typed (strings), so a refused form shows it again; the API's schemas and the centres service judge it."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qs, urlencode

from werkzeug.datastructures import MultiDict

FEED_PATH = "/portal/feed"
FEED_FILTERS = ("state", "kind")  # repeatable
NEWEST, BEST = "matched", "score"
HOME, CHOSEN, NATIONWIDE = "home", "regions", "nationwide"
AREAS = (HOME, CHOSEN, NATIONWIDE)
CHOICE_FIELDS = ("kinds", "topics", "target_groups", "regions")
FLAG_FIELDS = ("online_anywhere", "free_only")
KEYWORD_SEPARATORS = re.compile(r"[\n,;]+")
WHOLE_NUMBER = re.compile(r"^\s*\d+\s*$")
CHOOSE_A_REGION = "Choose at least one voivodeship."


def feed_query(args: Mapping[str, Any]) -> dict[str, Any]:
    """The feed page's filters as `GET /api/v1/centres/{id}/feed` takes them; left out when not chosen."""
    found = MultiDict(args)
    query: dict[str, Any] = {}
    for name in FEED_FILTERS:
        values = [value for value in found.getlist(name) if value]
        if values:
            query[name] = values
    if found.get("order") == BEST:
        query["order"] = BEST
    if found.get("cursor"):
        query["cursor"] = str(found.get("cursor"))
    return query


def feed_url(query: Mapping[str, Any], cursor: str | None = None) -> str:
    """The feed page showing `query` (its filters and page), or the page after it when `cursor` is given."""
    chosen = query_string({**query, "cursor": cursor} if cursor else query)
    return f"{FEED_PATH}?{chosen}" if chosen else FEED_PATH


def query_string(query: Mapping[str, Any]) -> str:
    return urlencode([(name, value) for name, values in query.items() for value in _as_list(values)])


def back_to_feed(back: str | None) -> str:
    """Where an entry's action returns: the feed page it came from, rebuilt from its known filters only."""
    return feed_url(feed_query(MultiDict(parse_qs(back or "")))) if back else FEED_PATH


def interest_values(form: Mapping[str, Any]) -> dict[str, str]:
    return {"places": str(form.get("places", "")).strip(), "message": str(form.get("message", ""))}


def interest_body(opportunity_id: str, values: Mapping[str, str]) -> dict[str, Any]:
    """As `POST /api/v1/centres/{id}/interests` takes it: places left out when blank (interest without places)."""
    body: dict[str, Any] = {"opportunity_id": opportunity_id}
    if values["places"]:
        body["places"] = _number(values["places"])
    if values["message"].strip():
        body["message"] = values["message"]
    return body


def subscription_values(form: Mapping[str, Any]) -> dict[str, Any]:
    """What the subscription form sent, as typed."""
    found = MultiDict(form)
    values: dict[str, Any] = {name: found.getlist(name) for name in CHOICE_FIELDS}
    values.update({name: name in found for name in FLAG_FIELDS})
    area = found.get("area", HOME)
    values.update(
        name=found.get("name", ""),
        area=area if area in AREAS else HOME,
        keywords=found.get("keywords", ""),
        min_days_before_deadline=found.get("min_days_before_deadline", "").strip(),
        delivery=found.get("delivery", "instant"),
    )
    return values


def subscription_values_of(subscription: Mapping[str, Any]) -> dict[str, Any]:
    """A stored subscription in the form's terms (its regions are chosen ones: the service stores them all)."""
    values: dict[str, Any] = {name: list(subscription.get(name) or []) for name in CHOICE_FIELDS}
    values.update({name: bool(subscription.get(name)) for name in FLAG_FIELDS})
    days = subscription.get("min_days_before_deadline")
    values.update(
        name=subscription.get("name", ""),
        area=NATIONWIDE if subscription.get("nationwide") else CHOSEN,
        keywords="\n".join(subscription.get("keywords") or []),
        min_days_before_deadline="" if days is None else str(days),
        delivery=subscription.get("delivery", "instant"),
    )
    return values


def subscription_body(values: Mapping[str, Any], editing: bool = False) -> dict[str, Any]:
    """As `POST .../subscriptions` (or, `editing`, `PATCH .../subscriptions/{id}` with every field) takes it.
    The area: the centre's own voivodeship (regions left out, or null when editing), chosen ones, or nationwide."""
    body: dict[str, Any] = {name: list(values[name]) for name in ("kinds", "topics", "target_groups")}
    body.update({name: bool(values[name]) for name in FLAG_FIELDS})
    keywords = [word.strip() for word in KEYWORD_SEPARATORS.split(values["keywords"]) if word.strip()]
    days = values["min_days_before_deadline"]
    body.update(
        name=values["name"],
        keywords=keywords,
        min_days_before_deadline=_number(days) if days else None,
        delivery=values["delivery"],
        nationwide=values["area"] == NATIONWIDE,
    )
    if values["area"] == CHOSEN:
        body["regions"] = list(values["regions"])
    elif values["area"] == HOME and editing:
        body["regions"] = None
    return body


def subscription_form_errors(values: Mapping[str, Any]) -> dict[str, list[str]]:
    """What the form itself can tell before the API's schema does."""
    if values["area"] == CHOSEN and not values["regions"]:
        return {"regions": [CHOOSE_A_REGION]}
    return {}


def field_errors(fields: Mapping[str, Any] | None) -> dict[str, list[str]]:
    """An error's `{field: messages}`, each field's messages flat (a list's items report under their index)."""
    return {str(name): list(dict.fromkeys(_messages(detail))) for name, detail in (fields or {}).items()}


def _messages(detail: Any) -> list[str]:
    if isinstance(detail, str):
        return [detail]
    if isinstance(detail, Mapping):
        return [message for value in detail.values() for message in _messages(value)]
    if isinstance(detail, list | tuple):
        return [message for value in detail for message in _messages(value)]
    return [str(detail)]


def _number(typed: str) -> int | str:
    """A whole number when it is one; otherwise the text as typed, for the schema to refuse by name."""
    return int(typed) if WHOLE_NUMBER.match(typed) else typed


def _as_list(values: Any) -> list[Any]:
    return list(values) if isinstance(values, list | tuple) else [values]
