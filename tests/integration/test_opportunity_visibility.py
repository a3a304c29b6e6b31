"""Who reads the opportunities decides which drafts they see: a partner its own only, a centre none."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from nameko.containers import ServiceContainer
from nameko.standalone.rpc import ClusterRpcProxy

from lowe_backbone.errors import InvalidInput
from lowe_partners.service import PartnersService
from tests.integration.test_partner_places import PARTNER, opportunity_body


@pytest.fixture
def rpc(start_service: Callable[..., ServiceContainer], broker_uri: str) -> Iterator[Any]:
    start_service(PartnersService)
    with ClusterRpcProxy({"AMQP_URI": broker_uri}, timeout=10) as proxy:
        yield proxy


def listed(rpc: Any, params: dict[str, Any], viewer: dict[str, Any] | None = None) -> set[str]:
    ids: set[str] = set()
    cursor = None
    while True:
        page = rpc.partners.list_opportunities({**params, **({"cursor": cursor} if cursor else {})}, viewer)
        ids |= {item["id"] for item in page["items"]}
        cursor = page["next_cursor"]
        if cursor is None:
            return ids


def test_a_partner_never_sees_another_partners_drafts_whatever_the_status_filter(rpc: Any) -> None:
    opportunities: dict[str, dict[str, str]] = {}
    for name in ("a", "b"):
        partner = rpc.partners.register_partner({**PARTNER, "name": f"Partner {name}"})
        rpc.partners.verify_partner(partner["id"])
        draft = rpc.partners.create_opportunity(opportunity_body(partner["id"], places=None))
        public = rpc.partners.create_opportunity(opportunity_body(partner["id"], places=None))
        rpc.partners.publish_opportunity(public["id"])
        opportunities[name] = {"partner": partner["id"], "draft": draft["id"], "published": public["id"]}
    a, b = opportunities["a"], opportunities["b"]
    everything = {a["draft"], a["published"], b["draft"], b["published"]}

    assert listed(rpc, {}) == everything
    assert listed(rpc, {}, {"operator": True}) == everything
    assert listed(rpc, {"page_size": "1"}, {"partner_id": a["partner"]}) == everything - {b["draft"]}
    assert listed(rpc, {"status": ["draft"]}, {"partner_id": a["partner"]}) == {a["draft"]}
    assert listed(rpc, {"status": ["draft"], "partner_id": b["partner"]}, {"partner_id": a["partner"]}) == set()
    assert listed(rpc, {}, {"centre_id": str(uuid.uuid4())}) == {a["published"], b["published"]}
    assert listed(rpc, {"status": ["draft"]}, {"centre_id": str(uuid.uuid4())}) == set()


@pytest.mark.parametrize(
    ("params", "viewer", "named"),
    [
        ({"page_size": "101"}, None, "page_size"),
        ({"page_size": "101"}, {"centre_id": "5b0e1f5c-8a57-4a40-9d59-6d7cbb0c4a11"}, "page_size"),
        ({}, {"partner_id": "nope"}, "viewer"),
        ({}, {"role": "operator"}, "viewer"),
    ],
)
def test_a_bad_page_size_or_viewer_is_named(
    rpc: Any, params: dict[str, Any], viewer: dict[str, Any] | None, named: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        rpc.partners.list_opportunities(params, viewer)

    assert set(refused.value.fields) == {named}
