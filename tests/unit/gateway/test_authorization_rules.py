"""The gateway's object rules, with plain callers: owners and operators pass; other organisations are told 403
where the object's existence is public and 404 where it is not."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from lowe_backbone.errors import Forbidden, NotFound
from lowe_gateway.authorization import (
    organisation_of,
    readable_opportunity,
    require_centre,
    require_interest_party,
    require_opportunity_owner,
    require_partner,
)
from lowe_gateway.identity.keys import CENTRE, OPERATOR, PARTNER, Caller

PARTNER_A, PARTNER_B, CENTRE_X = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()


def caller(role: str, organisation: uuid.UUID | None = None) -> Caller:
    return Caller(role, organisation, uuid.uuid4())


OPERATOR_KEY = caller(OPERATOR)
A, B, X = caller(PARTNER, PARTNER_A), caller(PARTNER, PARTNER_B), caller(CENTRE, CENTRE_X)


def opportunity(status: str) -> dict[str, Any]:
    return {"id": str(uuid.uuid4()), "partner_id": str(PARTNER_A), "status": status}


def test_a_partner_acts_on_itself_and_an_operator_on_any_partner() -> None:
    require_partner(A, PARTNER_A)
    require_partner(OPERATOR_KEY, PARTNER_A)
    for other in (B, X):
        with pytest.raises(Forbidden):
            require_partner(other, PARTNER_A)
    with pytest.raises(Forbidden):
        require_partner(OPERATOR_KEY, PARTNER_A, operator_too=False)


def test_a_centre_is_told_403_about_another_centre_it_knows_exists() -> None:
    require_centre(X, str(CENTRE_X))
    with pytest.raises(Forbidden):
        require_centre(caller(CENTRE, uuid.uuid4()), CENTRE_X)
    with pytest.raises(Forbidden):
        require_centre(A, CENTRE_X)


def test_a_draft_does_not_exist_for_anyone_but_its_partner_and_the_operators() -> None:
    draft = opportunity("draft")
    assert readable_opportunity(A, draft) is draft
    assert readable_opportunity(OPERATOR_KEY, draft) is draft
    for other in (B, X):
        with pytest.raises(NotFound):
            readable_opportunity(other, draft)


def test_a_published_opportunity_is_read_by_all_but_changed_by_its_partner_only() -> None:
    published = opportunity("published")
    for anyone in (A, B, X, OPERATOR_KEY):
        readable_opportunity(anyone, published)
    require_opportunity_owner(A, published)
    with pytest.raises(Forbidden):
        require_opportunity_owner(B, published)
    with pytest.raises(Forbidden):
        require_opportunity_owner(OPERATOR_KEY, published)
    require_opportunity_owner(OPERATOR_KEY, published, operator_too=True)
    with pytest.raises(NotFound):
        require_opportunity_owner(B, opportunity("draft"))


def test_an_interest_is_private_to_the_side_that_may_act_on_it() -> None:
    interest = {"id": str(uuid.uuid4()), "partner_id": str(PARTNER_A), "centre_id": str(CENTRE_X)}
    require_interest_party(A, interest, PARTNER)
    require_interest_party(X, interest, CENTRE)
    for other, side in ((B, PARTNER), (X, PARTNER), (A, CENTRE), (OPERATOR_KEY, PARTNER)):
        with pytest.raises(NotFound):
            require_interest_party(other, interest, side)


def test_an_operator_has_no_inbox_of_its_own() -> None:
    assert organisation_of(X) == (str(CENTRE_X), CENTRE)
    with pytest.raises(Forbidden):
        organisation_of(OPERATOR_KEY)
