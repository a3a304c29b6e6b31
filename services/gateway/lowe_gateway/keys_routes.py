"""API keys over HTTP: an organisation makes, lists and revokes its own; operators also for any organisation."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from werkzeug.wrappers import Request

from lowe_backbone.errors import InvalidInput, NotFound
from lowe_backbone.validation import load_or_raise
from lowe_gateway.access import Keys
from lowe_gateway.api_schemas import notifications as schemas
from lowe_gateway.api_schemas.partners import IssuedKey as IssuedKeyView
from lowe_gateway.http import api
from lowe_gateway.identity.keys import OPERATOR, PARTNER, ApiKey, Caller, KeyNotFound
from lowe_gateway.identity.store import KeyStore
from lowe_gateway.identity.use_cases import CreateKey, IssuedKey, create_key, list_keys, revoke_key

FIRST_KEY_LABEL = "first key"


TAG = "keys"


def key_view(key: ApiKey) -> dict[str, Any]:
    return {
        "id": str(key.id),
        "prefix": key.prefix,
        "role": key.role,
        "organisation_id": str(key.organisation_id) if key.organisation_id else None,
        "label": key.label,
        "created_at": key.created_at.isoformat(),
        "expires_at": key.expires_at.isoformat() if key.expires_at else None,
        "revoked_at": key.revoked_at.isoformat() if key.revoked_at else None,
    }


def issued_view(issued: IssuedKey) -> dict[str, Any]:
    """The only answer that carries a key itself."""
    return {**key_view(issued.key), "key": issued.secret}


def issue_first_key(store: KeyStore, role: str, organisation_id: str) -> dict[str, Any]:
    return issued_view(create_key(CreateKey(role, UUID(organisation_id), FIRST_KEY_LABEL), store))


def _command(caller: Caller, body: Any) -> CreateKey:
    loaded = load_or_raise(schemas.NewKey(), body if body is not None else {}, "The key request is not valid.")
    data = {"label": "", "expires_at": None, "role": None, "organisation_id": None, **loaded}
    role, organisation = data["role"], data["organisation_id"]
    if not caller.is_operator:
        stray = {name: ["Unknown field."] for name in ("role", "organisation_id") if data[name] is not None}
        if stray:  # an organisation's keys are its own
            raise InvalidInput("Unknown field.", stray)
        role, organisation = caller.role, caller.organisation_id
    elif role is None:
        role = OPERATOR if organisation is None else None
    if role is None or (role == OPERATOR) != (organisation is None):
        fields_ = {"organisation_id": ["An operator's key has none; a partner's or centre's key needs one."]}
        raise InvalidInput("The key's owner does not fit its role.", fields_)
    return CreateKey(role, organisation, data["label"], data["expires_at"])


class KeysRoutes:
    keys = Keys()
    partners: Any  # RpcProxy("partners") and RpcProxy("centres"), declared on the service class
    centres: Any
    _call: Callable[..., Any]

    @api(
        "POST",
        "/api/v1/keys",
        tag=TAG,
        summary="Make an API key",
        description="For the caller's own organisation; operators also for any organisation, or another "
        "operator. The answer carries the key itself, shown this once.",
        body=schemas.NewKey(),
        body_required=False,
        response=IssuedKeyView(),
        status=201,
        calls_services=True,  # an operator's key for an organisation: its service is asked that it exists
    )
    def create_key(self, request: Request, caller: Caller, body: Any) -> Any:
        command = _command(caller, body)
        if caller.is_operator and command.organisation_id is not None:
            self._require_organisation(command.role, str(command.organisation_id))
        return issued_view(create_key(command, self.keys))

    def _require_organisation(self, role: str, organisation_id: str) -> None:
        """A key only for an organisation its service knows."""
        lookup = self.partners.get_partner if role == PARTNER else self.centres.get_centre
        try:
            self._call(lookup, organisation_id)
        except NotFound:
            raise InvalidInput("No such organisation.", {"organisation_id": [f"No {role} has this id."]}) from None

    @api(
        "GET",
        "/api/v1/keys",
        tag=TAG,
        summary="List API keys",
        description="The caller's organisation's keys (an operator: the operators' keys), without the keys themselves.",
        response=schemas.KeyList(),
        calls_services=False,
    )
    def list_keys(self, request: Request, caller: Caller) -> Any:
        return {"items": [key_view(key) for key in list_keys(caller, self.keys)], "next_cursor": None}

    @api(
        "DELETE",
        "/api/v1/keys/<uuid:key_id>",
        tag=TAG,
        summary="Revoke an API key",
        description="An organisation revokes its own keys; an operator any key.",
        response=schemas.Key(),
        errors=(404,),
        calls_services=False,
    )
    def revoke_key(self, request: Request, caller: Caller, key_id: UUID) -> Any:
        try:
            return key_view(revoke_key(key_id, caller, self.keys))
        except KeyNotFound:
            raise NotFound("Key not found.", {"key_id": str(key_id)}) from None
