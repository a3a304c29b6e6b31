"""When a digest goes out: the recipient's hour in Europe/Warsaw, across changes of clocks."""

from __future__ import annotations

from datetime import UTC, date, datetime

from lowe_notifications.model.digest import digest_key, digest_slot, group_items


def test_before_the_hour_the_digest_is_today() -> None:
    day, due = digest_slot(datetime(2025, 3, 3, 5, 0, tzinfo=UTC), hour=7)  # 06:00 in Warsaw (CET)

    assert (day, due) == (date(2025, 3, 3), datetime(2025, 3, 3, 6, 0, tzinfo=UTC))


def test_after_the_hour_the_digest_is_tomorrow() -> None:
    day, due = digest_slot(datetime(2025, 3, 3, 6, 0, tzinfo=UTC), hour=7)  # 07:00 in Warsaw: just gone

    assert (day, due) == (date(2025, 3, 4), datetime(2025, 3, 4, 6, 0, tzinfo=UTC))


def test_the_local_hour_holds_across_the_change_to_summer_time() -> None:
    _, before = digest_slot(datetime(2025, 3, 29, 12, 0, tzinfo=UTC), hour=7)
    _, after = digest_slot(datetime(2025, 3, 30, 12, 0, tzinfo=UTC), hour=7)

    assert before == datetime(2025, 3, 30, 5, 0, tzinfo=UTC)  # 07:00 CEST
    assert after == datetime(2025, 3, 31, 5, 0, tzinfo=UTC)


def test_the_local_date_counts_not_the_utc_one() -> None:
    day, _ = digest_slot(datetime(2025, 3, 3, 23, 30, tzinfo=UTC), hour=7)  # 00:30 on the 4th in Warsaw

    assert day == date(2025, 3, 4)


def test_one_digest_key_per_recipient_per_day() -> None:
    assert digest_key("r-1", date(2025, 3, 4)) == digest_key("r-1", "2025-03-04") != digest_key("r-2", "2025-03-04")


def test_items_are_grouped_by_type_in_the_given_order_then_by_arrival() -> None:
    sections = group_items([("b", {"n": 1}), ("a", {"n": 2}), ("z", {"n": 3}), ("b", {"n": 4})], type_order=("a", "b"))

    assert [(s.type, [i["n"] for i in s.items]) for s in sections] == [("a", [2]), ("b", [1, 4]), ("z", [3])]
