"""The portal's pages for accounts: inviting someone, accepting an invitation, forgetting and resetting a password.
The e-mails go out through the notifications service (`send_account_message`); links carry the raw token once."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode
from uuid import UUID

import eventlet
from werkzeug.utils import redirect
from werkzeug.wrappers import Request, Response

from lowe_backbone.errors import InvalidInput
from lowe_backbone.logs import get_logger
from lowe_gateway.accounts.administration import CreateAccount
from lowe_gateway.accounts.model import AccountExists, InvalidToken, WeakPassword, masked
from lowe_gateway.accounts.tokens import (
    Issued,
    UseToken,
    accept_invitation,
    invite_account,
    request_password_reset,
    reset_password,
)
from lowe_gateway.authorization import require_centre, require_partner
from lowe_gateway.identity.keys import CENTRE, OPERATOR, PARTNER, ROLES, Caller
from lowe_gateway.portal.extension import Page, Portal
from lowe_gateway.portal.http import page
from lowe_gateway.portal.i18n import DEFAULT_LANGUAGE, language_of
from lowe_gateway.portal.visits import Visit

log = get_logger(__name__)
INVITED, RESET = "account_invited", "password_reset"
NETWORK_NAME = "LOWE"
FORGOT_ANSWER_SECONDS = 1.0


class AccountPages:
    portal: Portal
    partners: Any
    centres: Any
    notifications: Any
    _call: Callable[..., Any]
    _page: Callable[..., Page]

    def _organisation_name(self, role: str, organisation_id: UUID | None) -> str:
        if role == PARTNER:
            return str(self._call(self.partners.get_partner, str(organisation_id))["name"])
        if role == CENTRE:
            return str(self._call(self.centres.get_centre, str(organisation_id))["name"])
        return NETWORK_NAME

    def _send(self, kind: str, issued: Issued, path: str) -> None:
        account = issued.account
        link = f"{self.portal.settings.base_url}{path}?{urlencode({'token': issued.token})}"
        name = self._organisation_name(account.role, account.organisation_id)
        self._call(self.notifications.send_account_message, kind, account.email, account.language, link, name)
        log.info("portal_account_message", kind=kind, account_id=str(account.id), email=masked(account.email))

    @page("GET", "/portal/invite")
    def portal_invite_form(self, request: Request, visit: Visit) -> Page:
        return self._page(visit, "invite.html", form={}, error=None, done=False)

    @page("POST", "/portal/invite")
    def portal_invite(self, request: Request, visit: Visit) -> Page:
        """An operator invites into any organisation (or as an operator); anyone else into their own only."""
        caller, form = visit.caller, request.form
        assert caller is not None
        role, organisation = _invited_as(caller, form.get("role", ""), form.get("organisation_id", ""))
        language = language_of(form.get("language")) or DEFAULT_LANGUAGE
        email, name = form.get("email", "").strip()[:320], form.get("display_name", "").strip()[:200]
        if "@" not in email:
            return self._page(visit, "invite.html", 400, form=form, error="email", done=False)
        if role == PARTNER:
            require_partner(caller, str(organisation))
        elif role == CENTRE:
            require_centre(caller, str(organisation))
        self._organisation_name(role, organisation)  # it exists (else 404 before anything is written)
        try:
            issued = invite_account(CreateAccount(email, name, role, organisation, language), self.portal.uow())
        except AccountExists:
            return self._page(visit, "invite.html", 409, form=form, error="exists", done=False)
        self._send(INVITED, issued, "/portal/invitation")
        return self._page(visit, "invite.html", form={}, error=None, done=True)

    @page("GET", "/portal/invitation", signed_in=False)
    def portal_invitation_form(self, request: Request, visit: Visit) -> Page:
        return Page("set_password.html", {"token": request.args.get("token", ""), "purpose": "invite", "error": None})

    @page("POST", "/portal/invitation", signed_in=False)
    def portal_accept_invitation(self, request: Request, visit: Visit) -> Page | Response:
        token, password = request.form.get("token", ""), _new_password(request)
        if password is None:
            return _password_page(token, "invite", "mismatch")
        try:
            signed_in = accept_invitation(UseToken(token, password), self.portal.uow(), self.portal.hasher)
        except (InvalidToken, WeakPassword) as exc:
            return _password_page(token, "invite", _reason(exc))
        visit.signed_in(signed_in.account, signed_in.session, signed_in.secret)
        return redirect("/portal/", 303)

    @page("GET", "/portal/forgot-password", signed_in=False)
    def portal_forgot_form(self, request: Request, visit: Visit) -> Page:
        return Page("forgot_password.html", {"sent": False})

    @page("POST", "/portal/forgot-password", signed_in=False)
    def portal_forgot(self, request: Request, visit: Visit) -> Page:
        """The same answer whether or not the address has an account, and after the same time: only a known address
        costs the e-mail's RPC calls, so every answer waits until `FORGOT_ANSWER_SECONDS` have passed."""
        started = time.monotonic()
        issued = request_password_reset(request.form.get("email", "")[:320], self.portal.uow())
        if issued is not None:
            self._send(RESET, issued, "/portal/reset-password")
        eventlet.sleep(max(0.0, FORGOT_ANSWER_SECONDS - (time.monotonic() - started)))
        return Page("forgot_password.html", {"sent": True})

    @page("GET", "/portal/reset-password", signed_in=False)
    def portal_reset_form(self, request: Request, visit: Visit) -> Page:
        return Page("set_password.html", {"token": request.args.get("token", ""), "purpose": "reset", "error": None})

    @page("POST", "/portal/reset-password", signed_in=False)
    def portal_reset(self, request: Request, visit: Visit) -> Page | Response:
        token, password = request.form.get("token", ""), _new_password(request)
        if password is None:
            return _password_page(token, "reset", "mismatch")
        try:
            account = reset_password(UseToken(token, password), self.portal.uow(), self.portal.hasher)
        except (InvalidToken, WeakPassword) as exc:
            return _password_page(token, "reset", _reason(exc))
        log.info("portal_password_reset", account_id=str(account.id))
        if visit.session is not None and visit.session.account_id == account.id:
            visit.signed_out()  # every session of the account ended, this one too
        return redirect("/portal/sign-in?reset=1", 303)


def _invited_as(caller: Caller, role: str, organisation_id: str) -> tuple[str, UUID | None]:
    if not caller.is_operator:
        return caller.role, caller.organisation_id
    if role not in ROLES:
        raise InvalidInput("Choose a role.", {"role": ["Not one of the roles."]})
    if role == OPERATOR:
        return OPERATOR, None
    try:
        return role, UUID(organisation_id.strip())
    except ValueError:
        raise InvalidInput("Give the organisation's id.", {"organisation_id": ["Not a valid id."]}) from None


def _new_password(request: Request) -> str | None:
    """The password, when both fields agree; None when they do not."""
    password, repeated = request.form.get("password", ""), request.form.get("password_repeated", "")
    return password if password == repeated else None


def _reason(exc: Exception) -> str:
    return exc.reason if isinstance(exc, WeakPassword) else "token"


def _password_page(token: str, purpose: str, error: str) -> Page:
    return Page("set_password.html", {"token": token, "purpose": purpose, "error": error}, 400)
