"""The portal's pages for a centre's subscriptions: listing, creating, editing, pausing, resuming and deleting them.
Each action makes the RPC call of its API route (`centres_routes.py`), with its checks; the bodies are validated by
the API's own schemas first, and refused fields show next to the form's fields, as typed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from werkzeug.utils import redirect
from werkzeug.wrappers import Request, Response

from lowe_backbone.contracts.vocabulary import OPPORTUNITY_KINDS, TARGET_GROUPS, TOPICS, VOIVODESHIPS
from lowe_backbone.errors import InvalidInput, NotFound
from lowe_backbone.validation import load_or_raise
from lowe_gateway.api_schemas import centres as schemas
from lowe_gateway.api_schemas.common import changes
from lowe_gateway.identity.keys import CENTRE
from lowe_gateway.portal.extension import Page
from lowe_gateway.portal.feed_counts import own_centre
from lowe_gateway.portal.feed_forms import (
    HOME,
    field_errors,
    subscription_body,
    subscription_form_errors,
    subscription_values,
    subscription_values_of,
)
from lowe_gateway.portal.http import page
from lowe_gateway.portal.visits import Visit

SUBSCRIPTIONS_PATH = "/portal/subscriptions"
SUBSCRIPTION_PATH = SUBSCRIPTIONS_PATH + "/<uuid:subscription_id>"
SUBSCRIPTION_CHANGES = changes(schemas.SubscriptionChanges)  # as `PATCH .../subscriptions/{id}` validates
NEW_SUBSCRIPTION: dict[str, Any] = {
    "name": "",
    "kinds": [],
    "topics": [],
    "target_groups": [],
    "regions": [],
    "area": HOME,
    "online_anywhere": False,
    "free_only": False,
    "keywords": "",
    "min_days_before_deadline": "",
    "delivery": "instant",
}
VOCABULARY = {
    "kinds": OPPORTUNITY_KINDS,
    "topics": TOPICS,
    "target_groups": TARGET_GROUPS,
    "regions": tuple(VOIVODESHIPS),
}


class SubscriptionPages:
    centres: Any
    _call: Callable[..., Any]
    _page: Callable[..., Page]

    @page("GET", SUBSCRIPTIONS_PATH, roles=(CENTRE,))
    def portal_subscriptions(self, request: Request, visit: Visit) -> Page:
        """As `GET /api/v1/centres/{id}/subscriptions`."""
        subscriptions = self._call(self.centres.list_subscriptions, own_centre(visit.caller))
        return self._page(
            visit,
            "subscriptions.html",
            subscriptions=subscriptions,
            done=request.args.get("done"),
        )

    @page("GET", SUBSCRIPTIONS_PATH + "/new", roles=(CENTRE,))
    def portal_new_subscription_form(self, request: Request, visit: Visit) -> Page:
        own_centre(visit.caller)
        return self._form(visit, None, dict(NEW_SUBSCRIPTION))

    @page("POST", SUBSCRIPTIONS_PATH + "/new", roles=(CENTRE,))
    def portal_create_subscription(self, request: Request, visit: Visit) -> Page | Response:
        """As `POST /api/v1/centres/{id}/subscriptions`."""
        centre_id, values = own_centre(visit.caller), subscription_values(request.form)
        body = subscription_body(values)
        try:
            _validated(schemas.SubscriptionDetails(), body, subscription_form_errors(values))
            self._call(self.centres.add_subscription, centre_id, body)
        except InvalidInput as exc:
            return self._form(visit, None, values, field_errors(exc.fields), 400)
        return redirect(f"{SUBSCRIPTIONS_PATH}?done=created", 303)

    @page("GET", SUBSCRIPTION_PATH + "/edit", roles=(CENTRE,))
    def portal_edit_subscription_form(self, request: Request, visit: Visit, subscription_id: UUID) -> Page:
        subscription = self._own_subscription(visit, subscription_id)
        return self._form(visit, subscription, subscription_values_of(subscription))

    @page("POST", SUBSCRIPTION_PATH + "/edit", roles=(CENTRE,))
    def portal_update_subscription(self, request: Request, visit: Visit, subscription_id: UUID) -> Page | Response:
        """As `PATCH /api/v1/centres/{id}/subscriptions/{subscription_id}`, with every field of the form."""
        subscription = self._own_subscription(visit, subscription_id)
        values = subscription_values(request.form)
        body = subscription_body(values, editing=True)
        try:
            _validated(SUBSCRIPTION_CHANGES, body, subscription_form_errors(values))
            self._call(self.centres.update_subscription, own_centre(visit.caller), str(subscription_id), body)
        except InvalidInput as exc:
            return self._form(visit, subscription, values, field_errors(exc.fields), 400)
        return redirect(f"{SUBSCRIPTIONS_PATH}?done=saved", 303)

    @page("POST", SUBSCRIPTION_PATH + "/pause", roles=(CENTRE,))
    def portal_pause_subscription(self, request: Request, visit: Visit, subscription_id: UUID) -> Response:
        return self._set_active(visit, subscription_id, False)

    @page("POST", SUBSCRIPTION_PATH + "/resume", roles=(CENTRE,))
    def portal_resume_subscription(self, request: Request, visit: Visit, subscription_id: UUID) -> Response:
        return self._set_active(visit, subscription_id, True)

    @page("GET", SUBSCRIPTION_PATH + "/delete", roles=(CENTRE,))
    def portal_delete_subscription_form(self, request: Request, visit: Visit, subscription_id: UUID) -> Page:
        subscription = self._own_subscription(visit, subscription_id)
        return self._page(visit, "subscription_delete.html", subscription=subscription)

    @page("POST", SUBSCRIPTION_PATH + "/delete", roles=(CENTRE,))
    def portal_delete_subscription(self, request: Request, visit: Visit, subscription_id: UUID) -> Response:
        """As `DELETE /api/v1/centres/{id}/subscriptions/{subscription_id}`: another centre's is not found."""
        self._call(self.centres.delete_subscription, own_centre(visit.caller), str(subscription_id))
        return redirect(f"{SUBSCRIPTIONS_PATH}?done=deleted", 303)

    def _set_active(self, visit: Visit, subscription_id: UUID, active: bool) -> Response:
        """As `PATCH .../subscriptions/{id}` with `active` alone: false pauses, true resumes."""
        centre_id, body = own_centre(visit.caller), {"active": active}
        load_or_raise(SUBSCRIPTION_CHANGES, body)
        self._call(self.centres.update_subscription, centre_id, str(subscription_id), body)
        return redirect(f"{SUBSCRIPTIONS_PATH}?done={'resumed' if active else 'paused'}", 303)

    def _own_subscription(self, visit: Visit, subscription_id: UUID) -> dict[str, Any]:
        """One of the signed-in centre's subscriptions (from the list the API shows it); any other is not found."""
        for subscription in self._call(self.centres.list_subscriptions, own_centre(visit.caller)):
            if subscription["id"] == str(subscription_id):
                return dict(subscription)
        raise NotFound("Subscription not found.", {"subscription_id": str(subscription_id)})

    def _form(
        self,
        visit: Visit,
        subscription: dict[str, Any] | None,
        values: dict[str, Any],
        errors: dict[str, list[str]] | None = None,
        status: int = 200,
    ) -> Page:
        return self._page(
            visit,
            "subscription_form.html",
            status,
            subscription=subscription,
            form=values,
            errors=errors or {},
            vocabulary=VOCABULARY,
        )


def _validated(schema: Any, body: dict[str, Any], form_errors: dict[str, list[str]]) -> None:
    """The API's schema judges the body; what the form found itself is told with it, in one answer."""
    try:
        load_or_raise(schema, body)
    except InvalidInput as exc:
        raise InvalidInput(exc.message, {**field_errors(exc.fields), **form_errors}) from None
    if form_errors:
        raise InvalidInput("The request has invalid fields.", form_errors)
