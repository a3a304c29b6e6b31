"""The partners service as the centres' use cases see it (`ports.Partners`), over a nameko `RpcProxy`.

The partners' refusals (`NotFound`, `Conflict`, `InvalidInput`) cross the wire as themselves and are left to
propagate: the centres' RPC re-raises them, so the gateway answers with the partners' own status and fields.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

import eventlet
from marshmallow import EXCLUDE, Schema, fields

from lowe_backbone.errors import Unavailable
from lowe_centres.ports import ExpressedInterest


class _InterestReply(Schema):
    class Meta:
        unknown = EXCLUDE

    id = fields.UUID(required=True)
    places = fields.Integer(required=True, allow_none=True)
    expressed_at = fields.AwareDateTime(required=True, format="iso")


class PartnersRpc:
    """`timeout` frees the worker when the partners service does not answer; the interest may still be created
    when it comes back, and its `interest_expressed` then claims the entry."""

    def __init__(self, proxy: Any, timeout: float = 10.0) -> None:
        self.proxy = proxy
        self.timeout = timeout

    def express_interest(
        self, opportunity_id: UUID, centre_id: UUID, places: int | None, note: str | None = None
    ) -> ExpressedInterest:
        late = Unavailable("The partners service did not answer in time.", {"opportunity_id": str(opportunity_id)})
        payload: dict[str, Any] = {"centre_id": str(centre_id), "places": places}
        if note is not None:
            payload["note"] = note
        with eventlet.Timeout(self.timeout, late):
            reply = self.proxy.express_interest(str(opportunity_id), payload)
        loaded = _InterestReply().load(reply)
        return ExpressedInterest(loaded["id"], loaded["places"], loaded["expressed_at"], dict(reply))
