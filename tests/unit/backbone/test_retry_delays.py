"""How the retry delays are read from configuration."""

from __future__ import annotations

import pytest

from lowe_backbone.topology import DEFAULT_RETRY_DELAYS_MS, parse_retry_delays


@pytest.mark.parametrize("value", [None, ""])
def test_no_setting_means_the_default_delays(value: object) -> None:
    assert parse_retry_delays(value) == DEFAULT_RETRY_DELAYS_MS == (1000, 5000, 30000)


@pytest.mark.parametrize("value", ["100,200", " 100 , 200 ", "100,200,", [100, 200], ["100", "200"], (100, 200)])
def test_delays_are_read_from_a_comma_separated_string_or_a_list(value: object) -> None:
    assert parse_retry_delays(value) == (100, 200)


def test_a_single_number_is_one_delay() -> None:
    assert parse_retry_delays(250) == (250,)


@pytest.mark.parametrize("value", ["fast", "100,soon", "100,-5", "0", [100, 0], 0, -5, True])
def test_an_invalid_delay_is_refused(value: object) -> None:
    with pytest.raises(ValueError):
        parse_retry_delays(value)
