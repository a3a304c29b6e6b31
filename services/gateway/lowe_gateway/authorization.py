"""Whether a caller may act on an object. Plain functions over the caller and what the owning service said.

The rule for an organisation that is not the owner: where the object's existence is public (partners, centres,
published opportunities) it is told 403; where it is not (drafts, interests, keys, webhooks, events,
registrations) it is told 404, the same answer as for an object that does not exist.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from lowe_backbone.errors import Forbidden, NotFound
from lowe_gateway.identity.keys import CENTRE, PARTNER, Caller

PRIVATE_STATUSES = frozenset({"draft"})


def _is(caller: Caller, role: str, organisation_id: Any) -> bool:
    return caller.role == role and str(caller.organisation_id) == str(organisation_id)


def require_partner(caller: Caller, partner_id: UUID | str, operator_too: bool = True) -> None:
    """The partner itself (and, unless told otherwise, an operator); another organisation gets 403."""
    if not (_is(caller, PARTNER, partner_id) or (operator_too and caller.is_operator)):
        raise Forbidden("This key may not act on that partner.", {"partner_id": str(partner_id)})


def require_centre(caller: Caller, centre_id: UUID | str, operator_too: bool = True) -> None:
    """The centre itself (and, unless told otherwise, an operator); another organisation gets 403."""
    if not (_is(caller, CENTRE, centre_id) or (operator_too and caller.is_operator)):
        raise Forbidden("This key may not act on that centre.", {"centre_id": str(centre_id)})


def readable_opportunity(caller: Caller, opportunity: dict[str, Any]) -> dict[str, Any]:
    """A draft is seen by its partner and the operators only; for everyone else it does not exist."""
    if opportunity["status"] in PRIVATE_STATUSES and not (
        caller.is_operator or _is(caller, PARTNER, opportunity["partner_id"])
    ):
        raise NotFound("Opportunity not found.", {"opportunity_id": str(opportunity["id"])})
    return opportunity


def require_opportunity_owner(caller: Caller, opportunity: dict[str, Any], operator_too: bool = False) -> None:
    readable_opportunity(caller, opportunity)
    if not (_is(caller, PARTNER, opportunity["partner_id"]) or (operator_too and caller.is_operator)):
        raise Forbidden(
            "Only the partner that posted the opportunity may do this.", {"opportunity_id": opportunity["id"]}
        )


def require_interest_party(caller: Caller, interest: dict[str, Any], role: str) -> None:
    """An interest is private between the centre that expressed it and the partner asked: `role` says which side
    may act; everyone else (the other side included) is told it does not exist."""
    owner = interest["partner_id"] if role == PARTNER else interest["centre_id"]
    if not _is(caller, role, owner):
        raise NotFound("Interest not found.", {"interest_id": str(interest["id"])})


def organisation_of(caller: Caller) -> tuple[str, str]:
    """The caller's organisation and its kind, for what belongs to an organisation (inbox, webhooks)."""
    if caller.organisation_id is None:
        raise Forbidden("An operator's key belongs to no organisation; use a partner's or a centre's key.")
    return str(caller.organisation_id), caller.role
