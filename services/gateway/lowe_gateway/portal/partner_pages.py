"""The portal's pages for a partner's opportunities, their form, interest decisions.

Each page does what its API route does, with the same RPC call and the same rule: the opportunity's owner only
(`require_opportunity_owner`: another partner's draft is not found, its published opportunity forbidden), the
partner side of an interest only (`require_interest_party`: another's interest is not found). The form is checked
by the API's own body schema before the service sees it; what either refuses is shown next to its field.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any
from uuid import UUID

from babel.numbers import format_currency
from werkzeug.utils import redirect
from werkzeug.wrappers import Request, Response

from lowe_backbone.errors import Conflict, InvalidInput
from lowe_backbone.validation import load_or_raise
from lowe_gateway.api_schemas.partners import PlacesRelease
from lowe_gateway.authorization import require_interest_party, require_opportunity_owner
from lowe_gateway.identity.keys import PARTNER, Caller
from lowe_gateway.partners_routes import OPPORTUNITY_BODY, OPPORTUNITY_CHANGES
from lowe_gateway.portal import partner_forms as forms
from lowe_gateway.portal.extension import Page, Portal
from lowe_gateway.portal.http import page
from lowe_gateway.portal.partner_interests import actions_for, centre_names, interest_summary, matched_centres
from lowe_gateway.portal.visits import Visit

PARTNERS_ONLY = (PARTNER,)
FINISHED = ("closed", "withdrawn")
DONE = ("created", "saved", "published", "withdrawn", "accepted", "declined", "released")
OPPORTUNITY_PAGE = "/portal/opportunities/{}/manage"
INTERESTS_PAGE = "/portal/opportunities/{}/interests"


class PartnerPortal:
    portal: Portal
    partners: Any
    centres: Any
    _call: Callable[..., Any]
    _page: Callable[..., Page]

    def _own_opportunity(self, caller: Caller | None, opportunity_id: UUID | str) -> dict[str, Any]:
        assert caller is not None
        opportunity: dict[str, Any] = self._call(self.partners.get_opportunity, str(opportunity_id))
        require_opportunity_owner(caller, opportunity)
        return opportunity

    # --- the opportunity form ---------------------------------------------------------------------------------

    @page("GET", "/portal/opportunities/new", roles=PARTNERS_ONLY)
    def portal_partner_new_opportunity(self, request: Request, visit: Visit) -> Page:
        return self._form_page(visit, None, forms.blank_form(), {})

    @page("POST", "/portal/opportunities/new", roles=PARTNERS_ONLY)
    def portal_partner_create_opportunity(self, request: Request, visit: Visit) -> Page | Response:
        """As `POST /api/v1/opportunities`: a draft of the signed-in partner's own."""
        caller, form = visit.caller, forms.read_form(request.form)
        assert caller is not None
        body, errors = forms.checked_body(form, None, OPPORTUNITY_BODY)
        if errors:
            return self._form_page(visit, None, form, errors, 400)
        try:
            created = self._call(self.partners.create_opportunity, {**body, "partner_id": str(caller.organisation_id)})
        except InvalidInput as exc:
            return self._form_page(visit, None, form, forms.field_errors(exc.fields), 400)
        return _done(OPPORTUNITY_PAGE.format(created["id"]), "created")

    @page("GET", "/portal/opportunities/<uuid:opportunity_id>/edit", roles=PARTNERS_ONLY)
    def portal_partner_edit_opportunity(self, request: Request, visit: Visit, opportunity_id: UUID) -> Page:
        opportunity = self._own_opportunity(visit.caller, opportunity_id)
        return self._form_page(visit, opportunity, forms.form_of(opportunity), {})

    @page("POST", "/portal/opportunities/<uuid:opportunity_id>/edit", roles=PARTNERS_ONLY)
    def portal_partner_update_opportunity(
        self, request: Request, visit: Visit, opportunity_id: UUID
    ) -> Page | Response:
        """As `PATCH /api/v1/opportunities/{id}`, sending only what the person changed."""
        opportunity = self._own_opportunity(visit.caller, opportunity_id)
        form = forms.read_form(request.form)
        body, errors = forms.checked_body(
            form, forms.changed_fields(form, forms.form_of(opportunity)), OPPORTUNITY_CHANGES
        )
        if errors:
            return self._form_page(visit, opportunity, form, errors, 400)
        try:
            if body:
                self._call(self.partners.update_opportunity, str(opportunity_id), body)
        except InvalidInput as exc:
            return self._form_page(visit, opportunity, form, forms.field_errors(exc.fields), 400)
        except Conflict:
            return self._form_page(visit, opportunity, form, {}, 409, problem="finished")
        return _done(OPPORTUNITY_PAGE.format(opportunity_id), "saved")

    def _form_page(
        self,
        visit: Visit,
        opportunity: dict[str, Any] | None,
        form: forms.Form,
        errors: forms.Errors,
        status: int = 200,
        problem: str | None = None,
    ) -> Page:
        if opportunity is not None and opportunity["status"] in FINISHED:
            problem, status = "finished", 409 if status == 200 else status
        context = {"opportunity": opportunity, "form": form, "errors": errors, "problem": problem}
        return self._page(visit, "partner_opportunity_form.html", status, **context)

    # --- one opportunity: publish, withdraw -------------------------------------------------------------------

    @page("GET", "/portal/opportunities/<uuid:opportunity_id>/manage", roles=PARTNERS_ONLY)
    def portal_partner_opportunity(self, request: Request, visit: Visit, opportunity_id: UUID) -> Page:
        opportunity = self._own_opportunity(visit.caller, opportunity_id)
        return self._manage_page(visit, opportunity, done=_done_of(request))

    @page("POST", "/portal/opportunities/<uuid:opportunity_id>/publish", roles=PARTNERS_ONLY)
    def portal_partner_publish(self, request: Request, visit: Visit, opportunity_id: UUID) -> Page | Response:
        """As `POST /api/v1/opportunities/{id}/publish`: dates that no longer fit are shown, by field."""
        opportunity = self._own_opportunity(visit.caller, opportunity_id)
        try:
            self._call(self.partners.publish_opportunity, str(opportunity_id))
        except InvalidInput as exc:
            return self._manage_page(visit, opportunity, 400, errors=forms.field_errors(exc.fields))
        except Conflict as exc:
            problem = "not_verified" if "partner_id" in exc.fields else "not_draft"
            return self._manage_page(visit, opportunity, 409, problem=problem)
        return _done(OPPORTUNITY_PAGE.format(opportunity_id), "published")

    @page("POST", "/portal/opportunities/<uuid:opportunity_id>/withdraw", roles=PARTNERS_ONLY)
    def portal_partner_withdraw(self, request: Request, visit: Visit, opportunity_id: UUID) -> Page | Response:
        """As `POST /api/v1/opportunities/{id}/withdraw`; the centres' open interests are turned away."""
        opportunity = self._own_opportunity(visit.caller, opportunity_id)
        try:
            self._call(self.partners.withdraw_opportunity, str(opportunity_id))
        except Conflict:
            return self._manage_page(visit, opportunity, 409, problem="finished")
        return _done(OPPORTUNITY_PAGE.format(opportunity_id), "withdrawn")

    def _manage_page(self, visit: Visit, opportunity: dict[str, Any], status: int = 200, **context: Any) -> Page:
        """`opportunity` is the partner's own (`_own_opportunity`): only then is the centres service asked about it."""
        opportunity_id = str(opportunity["id"])
        asked = [opportunity_id] if opportunity["status"] != "draft" else []
        reached = matched_centres(self._call, self.centres, asked)
        context = {
            "errors": {},
            "problem": None,
            "done": None,
            "cost": cost_label(opportunity, visit.language),
            "matched_centres": reached.get(opportunity_id),
            **context,
        }
        return self._page(visit, "partner_opportunity.html", status, opportunity=opportunity, **context)

    # --- the interest centres expressed -----------------------------------------------------------------------

    @page("GET", "/portal/opportunities/<uuid:opportunity_id>/interests", roles=PARTNERS_ONLY)
    def portal_partner_interests(self, request: Request, visit: Visit, opportunity_id: UUID) -> Page:
        opportunity = self._own_opportunity(visit.caller, opportunity_id)
        return self._interests_page(visit, opportunity, done=_done_of(request))

    @page("POST", "/portal/interests/<uuid:interest_id>/accept", roles=PARTNERS_ONLY)
    def portal_partner_accept(self, request: Request, visit: Visit, interest_id: UUID) -> Page | Response:
        """As `POST /api/v1/interests/{id}/accept`: the places asked for, or the waiting line when too few are left."""
        return self._decide(visit, interest_id, "accepted", lambda: self.partners.accept_interest(str(interest_id)))

    @page("POST", "/portal/interests/<uuid:interest_id>/decline", roles=PARTNERS_ONLY)
    def portal_partner_decline(self, request: Request, visit: Visit, interest_id: UUID) -> Page | Response:
        return self._decide(visit, interest_id, "declined", lambda: self.partners.decline_interest(str(interest_id)))

    @page("POST", "/portal/interests/<uuid:interest_id>/release", roles=PARTNERS_ONLY)
    def portal_partner_release(self, request: Request, visit: Visit, interest_id: UUID) -> Page | Response:
        """As `POST /api/v1/interests/{id}/release`: some of the allocated places back (all, when left blank)."""
        text = request.form.get("places", "").strip()
        body, errors = forms.release_body(text)
        if not errors:
            try:
                load_or_raise(PlacesRelease(), body or {})
            except InvalidInput as exc:
                errors = forms.field_errors(exc.fields)
        return self._decide(
            visit,
            interest_id,
            "released",
            lambda: self.partners.release_places(str(interest_id), body),
            {"places": text},
            errors,
        )

    def _decide(
        self,
        visit: Visit,
        interest_id: UUID,
        done: str,
        decision: Callable[[], Any],
        typed: dict[str, str] | None = None,
        errors: forms.Errors | None = None,
    ) -> Page | Response:
        assert visit.caller is not None
        interest = self._call(self.partners.get_interest, str(interest_id))
        require_interest_party(visit.caller, interest, PARTNER)
        opportunity = self._own_opportunity(visit.caller, interest["opportunity_id"])
        failed: dict[str, Any] = {"interest_id": str(interest_id), "typed": typed or {}, "errors": errors or {}}
        if errors:
            return self._interests_page(visit, opportunity, 400, failed=failed)
        try:
            self._call(decision)
        except InvalidInput as exc:
            failed["errors"] = forms.field_errors(exc.fields)
            return self._interests_page(visit, opportunity, 400, failed=failed)
        except Conflict as exc:
            if typed and "places" in exc.fields:  # more places than the interest holds: the API's 409 too
                failed["errors"] = {"places": [forms.TOO_MANY_PLACES]}
                return self._interests_page(visit, opportunity, 409, failed=failed)
            return self._interests_page(visit, opportunity, 409, failed=failed, problem="changed")
        return _done(INTERESTS_PAGE.format(opportunity["id"]), done)

    def _interests_page(self, visit: Visit, opportunity: dict[str, Any], status: int = 200, **context: Any) -> Page:
        listing = self._call(self.partners.list_interests, str(opportunity["id"]))
        interests = [{**interest, "actions": actions_for(interest)} for interest in listing["items"]]
        names = centre_names(self._call, self.centres, [interest["centre_id"] for interest in interests])
        context = {"failed": None, "problem": None, "done": None, **context}
        return self._page(
            visit,
            "partner_interests.html",
            status,
            opportunity=opportunity,
            interests=interests,
            centre_names=names,
            summary=interest_summary(listing),
            places=listing["places"],
            **context,
        )


def cost_label(opportunity: dict[str, Any], language: str) -> str | None:
    """The price in złoty as the language writes money (None: free)."""
    if opportunity["free"] or opportunity["cost_pln"] is None:
        return None
    return str(format_currency(Decimal(opportunity["cost_pln"]), "PLN", locale=language))


def _done(path: str, what: str) -> Response:
    return redirect(f"{path}?done={what}", 303)


def _done_of(request: Request) -> str | None:
    done = request.args.get("done")
    return done if done in DONE else None
