"""How the centres service reads the partners' opportunity events beyond what the contract tests cover: the
delivery mode, cost and dates its subscriptions filter on, and an older producer that sends none of them."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from lowe_centres.consumed import match_command, revise_command

OPPORTUNITY = {
    "opportunity_id": "0c5e5a4e-2f8e-4c55-9a55-0d3f2b0f7a01",
    "partner_id": "5b0e1f5c-8a57-4a40-9d59-6d7cbb0c4a11",
    "partner_name": "Fundacja Cyfrowa",
    "kind": "course",
    "title": "Excel",
    "description": "Kurs",
    "topics": ["digital_skills"],
    "target_groups": ["seniors"],
    "regions": ["14"],
    "nationwide": False,
    "published_at": "2025-03-03T11:30:00+00:00",
}


def with_(**changes: Any) -> dict[str, Any]:
    return {**OPPORTUNITY, **changes}


def test_the_delivery_mode_cost_and_dates_are_read() -> None:
    cmd = match_command(
        with_(
            delivery_mode="online",
            cost_pln="120.00",
            free=False,
            starts_at="2025-04-01T08:00:00+00:00",
            ends_at="2025-04-02T16:00:00+00:00",
            apply_by="2025-03-25T23:59:00+00:00",
            languages=["pl"],
            places=12,
        )
    )

    assert (cmd.delivery_mode, cmd.cost_pln, cmd.free) == ("online", Decimal("120.00"), False)
    assert (cmd.starts_at, cmd.apply_by) == (
        datetime(2025, 4, 1, 8, 0, tzinfo=UTC),
        datetime(2025, 3, 25, 23, 59, tzinfo=UTC),
    )
    assert cmd.ends_at == datetime(2025, 4, 2, 16, 0, tzinfo=UTC)


def test_an_older_producer_sending_none_of_them_reads_as_on_site_free_and_undated() -> None:
    cmd = match_command(OPPORTUNITY)

    assert (cmd.delivery_mode, cmd.free, cmd.cost_pln, cmd.starts_at, cmd.apply_by) == (
        "on_site",
        True,
        None,
        None,
        None,
    )


def test_without_the_free_flag_the_cost_decides() -> None:
    assert match_command(with_(cost_pln="40.00")).free is False
    assert match_command(with_(cost_pln="0.00")).free is True


def test_an_update_reads_them_too() -> None:
    cmd = revise_command(
        with_(delivery_mode="hybrid", free=True, changed=["delivery_mode"], updated_at="2025-03-04T09:00:00+00:00")
    )

    assert (cmd.opportunity.delivery_mode, cmd.opportunity.free, cmd.changed) == ("hybrid", True, ["delivery_mode"])
