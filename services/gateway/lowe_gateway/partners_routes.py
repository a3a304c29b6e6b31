"""The partners service's part of the public HTTP API: partners, their opportunities, and the interest centres
express in them. Mixed into `GatewayService`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from werkzeug.wrappers import Request

from lowe_gateway.api_schemas import partners as schemas
from lowe_gateway.api_schemas.common import changes
from lowe_gateway.authorization import (
    readable_opportunity,
    require_interest_party,
    require_opportunity_owner,
    require_partner,
)
from lowe_gateway.http import api
from lowe_gateway.identity.keys import CENTRE, OPERATOR, PARTNER, Caller
from lowe_gateway.keys_routes import issue_first_key

OPPORTUNITY = "/api/v1/opportunities/<uuid:opportunity_id>"
INTEREST = "/api/v1/interests/<uuid:interest_id>"
TAG = "partners"
PARTNER_BODY = schemas.PartnerRegistration()
OPPORTUNITY_BODY = schemas.OpportunityDetails()
OPPORTUNITY_CHANGES = changes(schemas.OpportunityDetails)
PARTNER_CHANGES = changes(schemas.PartnerRegistration)


def viewer_of(caller: Caller) -> dict[str, Any]:
    if caller.role == PARTNER:
        return {"partner_id": str(caller.organisation_id)}
    if caller.role == CENTRE:
        return {"centre_id": str(caller.organisation_id)}
    return {"operator": True}


class PartnersRoutes:
    partners: Any  # RpcProxy("partners"), declared on the service class
    keys: Any  # Keys(), declared on KeysRoutes: the key store
    _call: Callable[..., Any]

    def _opportunity(self, opportunity_id: UUID) -> dict[str, Any]:
        found: dict[str, Any] = self._call(self.partners.get_opportunity, str(opportunity_id))
        return found

    def _interest(self, interest_id: UUID) -> dict[str, Any]:
        found: dict[str, Any] = self._call(self.partners.get_interest, str(interest_id))
        return found

    @api(
        "POST",
        "/api/v1/partners",
        roles=(OPERATOR,),
        tag=TAG,
        summary="Register a partner",
        description="The answer carries the partner's first API key (`api_key.key`), shown this once.",
        body=PARTNER_BODY,
        response=schemas.RegisteredPartner(),
        status=201,
    )
    def create_partner(self, request: Request, caller: Caller, body: Any) -> dict[str, Any]:
        partner = self._call(self.partners.register_partner, body)
        return {**partner, "api_key": issue_first_key(self.keys, PARTNER, partner["id"])}

    @api(
        "GET",
        "/api/v1/partners",
        roles=(OPERATOR,),
        tag=TAG,
        summary="List partners",
        query=schemas.PartnerQuery(),
        response=schemas.PartnerPage(),
    )
    def list_partners(self, request: Request, caller: Caller, query: dict[str, Any]) -> Any:
        return self._call(self.partners.list_partners, query)

    @api(
        "GET",
        "/api/v1/partners/<uuid:partner_id>",
        roles=(OPERATOR, PARTNER),
        tag=TAG,
        summary="Read a partner",
        description="A partner reads itself only.",
        response=schemas.Partner(),
        errors=(403, 404),
    )
    def get_partner(self, request: Request, caller: Caller, partner_id: UUID) -> Any:
        require_partner(caller, partner_id)
        return self._call(self.partners.get_partner, str(partner_id))

    @api(
        "PATCH",
        "/api/v1/partners/<uuid:partner_id>",
        roles=(OPERATOR, PARTNER),
        tag=TAG,
        summary="Change a partner's details",
        description="Only the fields sent change. A partner changes itself only.",
        body=PARTNER_CHANGES,
        response=schemas.Partner(),
        errors=(403, 404),
    )
    def update_partner(self, request: Request, caller: Caller, partner_id: UUID, body: Any) -> Any:
        require_partner(caller, partner_id)
        return self._call(self.partners.update_partner, str(partner_id), body)

    @api(
        "POST",
        "/api/v1/partners/<uuid:partner_id>/verify",
        roles=(OPERATOR,),
        tag=TAG,
        summary="Verify a partner",
        description="A verified partner's opportunities reach the centres once published.",
        response=schemas.Partner(),
        errors=(404, 409),
    )
    def verify_partner(self, request: Request, caller: Caller, partner_id: UUID) -> Any:
        return self._call(self.partners.verify_partner, str(partner_id))

    @api(
        "POST",
        "/api/v1/partners/<uuid:partner_id>/suspend",
        roles=(OPERATOR,),
        tag=TAG,
        summary="Suspend a partner",
        description="Withdraws every open opportunity of the partner.",
        body=schemas.Suspension(),
        response=schemas.Partner(),
        errors=(404, 409),
    )
    def suspend_partner(self, request: Request, caller: Caller, partner_id: UUID, body: Any) -> Any:
        return self._call(self.partners.suspend_partner, str(partner_id), body)

    @api(
        "POST",
        "/api/v1/opportunities",
        roles=(PARTNER,),
        tag=TAG,
        summary="Draft an opportunity",
        description="The partner is the key's; `partner_id` and `status` are never fields of the body.",
        body=OPPORTUNITY_BODY,
        response=schemas.Opportunity(),
        status=201,
        errors=(409,),
    )
    def create_opportunity(self, request: Request, caller: Caller, body: Any) -> Any:
        return self._call(self.partners.create_opportunity, {**body, "partner_id": str(caller.organisation_id)})

    @api(
        "GET",
        "/api/v1/opportunities",
        tag=TAG,
        summary="Search opportunities",
        description="Newest first. Drafts are listed to their partner and operators only.",
        query=schemas.OpportunityQuery(),
        response=schemas.OpportunityPage(),
    )
    def list_opportunities(self, request: Request, caller: Caller, query: dict[str, Any]) -> Any:
        return self._call(self.partners.list_opportunities, query, viewer_of(caller))

    @api(
        "GET",
        OPPORTUNITY,
        tag=TAG,
        summary="Read an opportunity",
        description="A draft is found by its partner and operators only.",
        response=schemas.Opportunity(),
        errors=(404,),
    )
    def get_opportunity(self, request: Request, caller: Caller, opportunity_id: UUID) -> Any:
        return readable_opportunity(caller, self._opportunity(opportunity_id))

    @api(
        "PATCH",
        OPPORTUNITY,
        roles=(PARTNER,),
        tag=TAG,
        summary="Change an opportunity",
        description="Only the fields sent change; a published opportunity's centres are told what changed.",
        body=OPPORTUNITY_CHANGES,
        response=schemas.Opportunity(),
        errors=(403, 404, 409),
    )
    def update_opportunity(self, request: Request, caller: Caller, opportunity_id: UUID, body: Any) -> Any:
        require_opportunity_owner(caller, self._opportunity(opportunity_id))
        return self._call(self.partners.update_opportunity, str(opportunity_id), body)

    @api(
        "POST",
        OPPORTUNITY + "/publish",
        roles=(PARTNER,),
        tag=TAG,
        summary="Publish an opportunity",
        description="Only a verified partner publishes; the matching centres' feeds receive it.",
        response=schemas.Opportunity(),
        errors=(403, 404, 409),
    )
    def publish_opportunity(self, request: Request, caller: Caller, opportunity_id: UUID) -> Any:
        require_opportunity_owner(caller, self._opportunity(opportunity_id))
        return self._call(self.partners.publish_opportunity, str(opportunity_id))

    @api(
        "POST",
        OPPORTUNITY + "/withdraw",
        roles=(OPERATOR, PARTNER),
        tag=TAG,
        summary="Withdraw an opportunity",
        description="Operators may withdraw any opportunity (moderation); a partner only its own.",
        response=schemas.Opportunity(),
        errors=(403, 404, 409),
    )
    def withdraw_opportunity(self, request: Request, caller: Caller, opportunity_id: UUID) -> Any:
        require_opportunity_owner(caller, self._opportunity(opportunity_id), operator_too=True)
        return self._call(self.partners.withdraw_opportunity, str(opportunity_id))

    @api(
        "GET",
        OPPORTUNITY + "/interests",
        roles=(OPERATOR, PARTNER),
        tag=TAG,
        summary="List the interest centres expressed in an opportunity",
        response=schemas.InterestList(),
        errors=(403, 404),
    )
    def list_interests(self, request: Request, caller: Caller, opportunity_id: UUID) -> Any:
        require_opportunity_owner(caller, self._opportunity(opportunity_id), operator_too=True)
        return self._call(self.partners.list_interests, str(opportunity_id))

    @api(
        "POST",
        INTEREST + "/accept",
        roles=(PARTNER,),
        tag=TAG,
        summary="Accept an interest",
        description="Allocates the places asked for, or puts the interest on the waiting line.",
        response=schemas.Decision(),
        errors=(404, 409),
    )
    def accept_interest(self, request: Request, caller: Caller, interest_id: UUID) -> Any:
        require_interest_party(caller, self._interest(interest_id), PARTNER)
        return self._call(self.partners.accept_interest, str(interest_id))

    @api(
        "POST",
        INTEREST + "/decline",
        roles=(PARTNER,),
        tag=TAG,
        summary="Decline an interest",
        response=schemas.Decision(),
        errors=(404, 409),
    )
    def decline_interest(self, request: Request, caller: Caller, interest_id: UUID) -> Any:
        require_interest_party(caller, self._interest(interest_id), PARTNER)
        return self._call(self.partners.decline_interest, str(interest_id))

    @api(
        "POST",
        INTEREST + "/release",
        roles=(PARTNER, CENTRE),
        tag=TAG,
        summary="Release allocated places",
        description="Either side gives back places allocated to the centre (all of them when no body is sent).",
        body=schemas.PlacesRelease(),
        body_required=False,
        response=schemas.Decision(),
        errors=(404, 409),
    )
    def release_places(self, request: Request, caller: Caller, interest_id: UUID, body: Any) -> Any:
        require_interest_party(caller, self._interest(interest_id), caller.role)
        return self._call(self.partners.release_places, str(interest_id), body)
