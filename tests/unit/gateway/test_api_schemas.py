"""The gateway's contract against the services' own rules, without a network: each request schema names the same
fields (and the same vocabularies) as the service schema it fronts, so the two cannot drift; requests are validated
as the contract says; answers carry only what the contract names; the document is valid OpenAPI."""

from __future__ import annotations

from typing import Any

import pytest
from marshmallow import Schema, fields, validate
from openapi_spec_validator import validate as validate_document

from lowe_backbone.errors import InvalidInput
from lowe_centres import centre_schema, feed_commands, subscription_schema
from lowe_events import commands as events_commands
from lowe_events import event_schema, queries, registration_schema
from lowe_gateway.api_schemas import centres, events, notifications, partners
from lowe_gateway.contract import Contract
from lowe_gateway.openapi import build_document, openapi_path, routes
from lowe_gateway.service import GatewayService
from lowe_notifications import commands as notifications_commands
from lowe_partners import commands as partners_commands
from lowe_partners import interest_commands, opportunity_schema
from lowe_partners import queries as partners_queries

# gateway schema -> the service schema the same body or query reaches (fields the gateway sets itself excluded)
PAIRS: list[tuple[type[Schema], type[Schema]]] = [
    (partners.PartnerRegistration, partners_commands.RegisterPartnerSchema),
    (partners.Suspension, partners_commands._SuspensionSchema),
    (partners.OpportunityDetails, opportunity_schema.OpportunityDetailsSchema),
    (partners.Contact, opportunity_schema.ContactSchema),
    (partners.OpportunityQuery, partners_queries._ListingSchema),
    (partners.PartnerQuery, partners_queries._PartnerListingSchema),
    (partners.PlacesRelease, interest_commands.ReleasePlacesSchema),
    (centres.CentreDetails, centre_schema.CentreSchema),
    (centres.CentreQuery, feed_commands.CentreQuerySchema),
    (centres.SubscriptionDetails, subscription_schema.AddSubscriptionSchema),
    (centres.SubscriptionChanges, subscription_schema.UpdateSubscriptionSchema),
    (centres.FeedQuery, feed_commands.FeedQuerySchema),
    (centres.FeedMark, feed_commands.MarkFeedEntrySchema),
    (centres.InterestRequest, feed_commands.ExpressInterestSchema),
    (events.EventDetails, event_schema.EventSchema),
    (events.EventChanges, event_schema.EventChangesSchema),
    (events.Session, event_schema.SessionSchema),
    (events.Location, event_schema.LocationSchema),
    (events.Cancellation, event_schema.CancelEventSchema),
    (events.Registration, registration_schema.RegistrationSchema),
    (events.Consent, registration_schema.ConsentSchema),
    (events.Demographics, registration_schema.DemographicsSchema),
    (events.Person, registration_schema.PersonSchema),
    (events.Attendance, events_commands._AttendanceSchema),
    (events.Mark, events_commands._MarkSchema),
    (events.EventQuery, queries._EventListSchema),
    (events.ReportQuery, queries._ReportScopeSchema),
    (notifications.InboxQuery, notifications_commands._InboxQuery),
    (notifications.TypePreference, notifications_commands._TypePreference),
    (notifications.PreferenceChanges, notifications_commands._Preferences),
    (notifications.WebhookRequest, notifications_commands._Webhook),
    (notifications.LedgerQuery, notifications_commands._LedgerQuery),
]


def _names(schema: type[Schema]) -> set[str]:
    return {item.data_key or name for name, item in schema().fields.items()}


def _choices(item: fields.Field) -> set[str] | None:
    if isinstance(item, fields.List):
        item = item.inner
    found = [set(v.choices) for v in item.validators if isinstance(v, validate.OneOf)]
    return found[0] if found else None


@pytest.mark.parametrize(("gateway", "service"), PAIRS, ids=lambda schema: schema.__name__)
def test_each_request_schema_names_the_fields_its_service_takes(gateway: type[Schema], service: type[Schema]) -> None:
    assert _names(gateway) == _names(service)


@pytest.mark.parametrize(("gateway", "service"), PAIRS, ids=lambda schema: schema.__name__)
def test_each_vocabulary_is_the_services(gateway: type[Schema], service: type[Schema]) -> None:
    ours, theirs = gateway().fields, {item.data_key or name: item for name, item in service().fields.items()}
    for name, item in ours.items():
        assert _choices(item) == _choices(theirs[item.data_key or name]), name


def test_notification_preferences_name_the_types_the_service_takes() -> None:
    keys = notifications_commands._Preferences().fields["types"].key_field
    assert keys is not None
    assert set(notifications.NotificationTypes().fields) == _choices(keys)


def test_the_ledger_types_are_the_services() -> None:
    assert set(notifications.LEDGER_TYPES) == set(notifications_commands.LEDGER_TYPES)


# --- validation as the contract says --------------------------------------------------------------------------------


def _refused(call: Any, *args: Any) -> dict[str, Any]:
    with pytest.raises(InvalidInput) as raised:
        call(*args)
    assert raised.value.code == "invalid_input"
    return raised.value.fields


def test_unknown_query_parameters_are_refused_even_where_none_are_declared() -> None:
    assert _refused(Contract().load_query, {"colour": "red"}) == {"colour": ["Unknown field."]}
    assert Contract().load_query({}) == {}


def test_page_size_is_bounded_for_every_list() -> None:
    lists = [
        partners.OpportunityQuery,
        partners.PartnerQuery,
        centres.CentreQuery,
        centres.FeedQuery,
        events.EventQuery,
        notifications.InboxQuery,
        notifications.LedgerQuery,
    ]
    for query in lists:
        contract = Contract(query=query())
        assert set(_refused(contract.load_query, {"page_size": "101"})) == {"page_size"}, query
        assert contract.load_query({"page_size": "100"}) == {"page_size": "100"}


def test_a_valid_query_is_passed_on_unchanged() -> None:
    contract = Contract(query=partners.OpportunityQuery())
    params = {"kind": ["course", "workshop"], "page_size": "5", "starts_from": "2026-01-01T00:00:00+01:00"}
    assert contract.load_query(params) is params
    assert contract.repeatable() == frozenset({"kind", "status"})


def test_a_body_names_every_bad_field_and_is_passed_on_unchanged() -> None:
    contract = Contract(body=partners.OpportunityDetails())
    refused = _refused(contract.load_body, {"kind": "nap", "title": " ", "topics": [], "colour": 1})
    assert set(refused) == {"kind", "title", "description", "topics", "regions", "colour"}
    body = {"kind": "course", "title": "T", "description": "D", "topics": ["health"], "regions": [], "cost_pln": "9.5"}
    assert contract.load_body(body) is body


def test_strings_and_lists_are_bounded() -> None:
    contract = Contract(body=centres.SubscriptionDetails())
    refused = _refused(contract.load_body, {"name": "x" * 101, "keywords": ["kurs"] * 21})
    assert set(refused) == {"name", "keywords"}
    assert set(_refused(contract.load_body, {"name": "a\x00b"})) == {"name"}


def test_an_optional_body_may_be_left_out_but_one_sent_must_be_an_object() -> None:
    contract = Contract(body=events.Cancellation(), body_required=False)
    assert contract.load_body(None, present=False) is None
    assert _refused(contract.load_body, None) == {"_body": ["Must be a JSON object."]}
    assert _refused(contract.load_body, [1]) == {"_body": ["Must be a JSON object."]}


# --- answers ---------------------------------------------------------------------------------------------------------


def test_an_answer_carries_only_what_its_schema_names_and_dumps_values_unchanged() -> None:
    sent = {
        "id": "5f0c7b9e-2d41-4c3a-9e8b-7a6d5c4b3a21",
        "prefix": "lowe_abcdefg",
        "role": "partner",
        "organisation_id": None,
        "label": "",
        "created_at": "2026-01-01T10:00:00+00:00",
        "expires_at": None,
        "revoked_at": None,
        "key_hash": "secret",
    }
    assert notifications.Key().dump(sent) == {name: value for name, value in sent.items() if name != "key_hash"}


# --- the document -----------------------------------------------------------------------------------------------------


def test_the_document_is_valid_and_has_every_route() -> None:
    document = build_document(GatewayService)
    validate_document(document)
    for name, entrypoint in routes(GatewayService):
        path, _ = openapi_path(entrypoint.url)
        assert document["paths"][path][entrypoint.method.lower()]["operationId"] == name


def test_request_schemas_refuse_unknown_fields_in_the_document() -> None:
    schemas = build_document(GatewayService)["components"]["schemas"]
    for name in ("PartnerRegistration", "OpportunityDetails", "OpportunityChanges", "Contact", "EventDetails"):
        assert schemas[name]["additionalProperties"] is False, name
