"""The centres service's part of the public HTTP API: centres, their subscriptions, feed and interests.
Mixed into `GatewayService`. Everything under `/centres/{id}/` is the centre's own: its key, or an operator's."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from werkzeug.wrappers import Request

from lowe_gateway.api_schemas import centres as schemas
from lowe_gateway.api_schemas.common import changes
from lowe_gateway.api_schemas.partners import Decision
from lowe_gateway.authorization import require_centre, require_interest_party
from lowe_gateway.http import api
from lowe_gateway.identity.keys import CENTRE, OPERATOR, Caller
from lowe_gateway.keys_routes import issue_first_key

CENTRE_PATH = "/api/v1/centres/<uuid:centre_id>"
SUBSCRIPTION = CENTRE_PATH + "/subscriptions/<uuid:subscription_id>"
TAG = "centres"


class CentresRoutes:
    centres: Any  # RpcProxy("centres") and RpcProxy("partners"), declared on the service class
    partners: Any
    keys: Any  # Keys(), declared on KeysRoutes: the key store
    _call: Callable[..., Any]

    @api(
        "POST",
        "/api/v1/centres",
        roles=(OPERATOR,),
        tag=TAG,
        summary="Register a centre",
        description="The answer carries the centre's first API key (`api_key.key`), shown this once.",
        body=schemas.CentreDetails(),
        response=schemas.RegisteredCentre(),
        status=201,
    )
    def create_centre(self, request: Request, caller: Caller, body: Any) -> dict[str, Any]:
        centre = self._call(self.centres.register_centre, body)
        return {**centre, "api_key": issue_first_key(self.keys, CENTRE, centre["id"])}

    @api(
        "GET",
        "/api/v1/centres",
        tag=TAG,
        summary="The centres' directory",
        description="Every key may read it. By name.",
        query=schemas.CentreQuery(),
        response=schemas.CentrePage(),
    )
    def list_centres(self, request: Request, caller: Caller, query: dict[str, Any]) -> Any:
        return self._call(self.centres.list_centres, query)

    @api(
        "GET",
        CENTRE_PATH,
        roles=(OPERATOR, CENTRE),
        tag=TAG,
        summary="Read a centre",
        description="A centre reads itself only.",
        response=schemas.Centre(),
        errors=(403, 404),
    )
    def get_centre(self, request: Request, caller: Caller, centre_id: UUID) -> Any:
        require_centre(caller, centre_id)
        return self._call(self.centres.get_centre, str(centre_id))

    @api(
        "PATCH",
        CENTRE_PATH,
        roles=(OPERATOR, CENTRE),
        tag=TAG,
        summary="Change a centre's details",
        description="Only the fields sent change; optional details may be null to clear them.",
        body=changes(schemas.CentreDetails),
        response=schemas.Centre(),
        errors=(403, 404),
    )
    def update_centre(self, request: Request, caller: Caller, centre_id: UUID, body: Any) -> Any:
        require_centre(caller, centre_id)
        return self._call(self.centres.update_centre, str(centre_id), body)

    @api(
        "POST",
        CENTRE_PATH + "/subscriptions",
        roles=(OPERATOR, CENTRE),
        tag=TAG,
        summary="Subscribe to opportunities",
        description="What reaches the centre's feed from now on; nothing is back-filled.",
        body=schemas.SubscriptionDetails(),
        response=schemas.Subscription(),
        status=201,
        errors=(403, 404),
    )
    def create_subscription(self, request: Request, caller: Caller, centre_id: UUID, body: Any) -> Any:
        require_centre(caller, centre_id)
        return self._call(self.centres.add_subscription, str(centre_id), body)

    @api(
        "GET",
        CENTRE_PATH + "/subscriptions",
        roles=(OPERATOR, CENTRE),
        tag=TAG,
        summary="List a centre's subscriptions",
        response=schemas.SubscriptionPage(),
        errors=(403, 404),
    )
    def list_subscriptions(self, request: Request, caller: Caller, centre_id: UUID) -> Any:
        require_centre(caller, centre_id)
        return {"items": self._call(self.centres.list_subscriptions, str(centre_id)), "next_cursor": None}

    @api(
        "PATCH",
        SUBSCRIPTION,
        roles=(OPERATOR, CENTRE),
        tag=TAG,
        summary="Change, pause or resume a subscription",
        description="Only the fields sent change. A paused subscription matches nothing new until resumed.",
        body=changes(schemas.SubscriptionChanges),
        response=schemas.Subscription(),
        errors=(403, 404),
    )
    def update_subscription(
        self, request: Request, caller: Caller, centre_id: UUID, subscription_id: UUID, body: Any
    ) -> Any:
        require_centre(caller, centre_id)
        return self._call(self.centres.update_subscription, str(centre_id), str(subscription_id), body)

    @api(
        "DELETE",
        SUBSCRIPTION,
        roles=(OPERATOR, CENTRE),
        tag=TAG,
        summary="Delete a subscription",
        description="What it already matched stays in the feed.",
        status=204,
        errors=(403, 404),
    )
    def delete_subscription(self, request: Request, caller: Caller, centre_id: UUID, subscription_id: UUID) -> None:
        require_centre(caller, centre_id)
        self._call(self.centres.delete_subscription, str(centre_id), str(subscription_id))

    @api(
        "GET",
        CENTRE_PATH + "/feed",
        roles=(OPERATOR, CENTRE),
        tag=TAG,
        summary="Read a centre's feed",
        description="The opportunities matched for the centre, why, and what the centre made of them.",
        query=schemas.FeedQuery(),
        response=schemas.FeedPage(),
        errors=(403, 404),
    )
    def get_feed(self, request: Request, caller: Caller, centre_id: UUID, query: dict[str, Any]) -> Any:
        require_centre(caller, centre_id)
        return self._call(self.centres.list_feed, str(centre_id), query)

    @api(
        "PATCH",
        CENTRE_PATH + "/feed/<uuid:entry_id>",
        roles=(OPERATOR, CENTRE),
        tag=TAG,
        summary="Mark a feed entry",
        description="new, seen, saved or dismissed; an entry is claimed by expressing interest from it.",
        body=schemas.FeedMark(),
        response=schemas.FeedEntry(),
        errors=(403, 404, 409),
    )
    def mark_feed_entry(self, request: Request, caller: Caller, centre_id: UUID, entry_id: UUID, body: Any) -> Any:
        require_centre(caller, centre_id)
        return self._call(self.centres.mark_feed_entry, str(centre_id), str(entry_id), body)

    @api(
        "POST",
        CENTRE_PATH + "/interests",
        roles=(CENTRE,),
        tag=TAG,
        summary="Express interest in an opportunity",
        description="Asking for places or not; the partner decides. The feed entry follows the interest.",
        body=schemas.InterestRequest(),
        response=schemas.ExpressedInterest(),
        status=201,
        errors=(403, 404, 409),
    )
    def express_interest(self, request: Request, caller: Caller, centre_id: UUID, body: Any) -> Any:
        require_centre(caller, centre_id)
        return self._call(self.centres.express_interest, str(centre_id), body)

    @api(
        "DELETE",
        CENTRE_PATH + "/interests/<uuid:interest_id>",
        roles=(CENTRE,),
        tag=TAG,
        summary="Withdraw an interest",
        description="Places it holds are given back.",
        response=Decision(),
        errors=(403, 404, 409),
    )
    def withdraw_interest(self, request: Request, caller: Caller, centre_id: UUID, interest_id: UUID) -> Any:
        require_centre(caller, centre_id)
        require_interest_party(caller, self._call(self.partners.get_interest, str(interest_id)), CENTRE)
        return self._call(self.partners.withdraw_interest, str(interest_id))
