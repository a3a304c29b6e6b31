"""Registry identifiers are checked the way the Polish registries and the Erasmus+ programme define them."""

from __future__ import annotations

import pytest

from lowe_partners.registry_ids import erasmus_oid_problem, krs_problem, nip_problem, normalise, regon_problem


@pytest.mark.parametrize("nip", ["1234563218", "5260250995", "7740001454"])
def test_a_nip_with_the_right_check_digit_is_accepted(nip: str) -> None:
    assert nip_problem(nip) is None


@pytest.mark.parametrize("nip", ["1234563217", "5260250996", "123456321", "12345632189", "12345632a8"])
def test_a_nip_with_a_wrong_check_digit_or_length_is_refused(nip: str) -> None:
    assert nip_problem(nip)


def test_a_nip_whose_checksum_would_be_ten_is_never_valid() -> None:
    # 0 2 0 0 0 0 0 0 0: the weighted sum is 5 * 2 = 10, so no check digit can make it valid
    assert all(nip_problem(f"020000000{digit}") for digit in range(10))


@pytest.mark.parametrize("regon", ["123456785", "12345678512347", "000000000"])
def test_a_regon_of_nine_or_fourteen_digits_with_right_check_digits_is_accepted(regon: str) -> None:
    assert regon_problem(regon) is None


@pytest.mark.parametrize("regon", ["123456786", "12345678512348", "12345678612347", "1234567851", "abcdefghi"])
def test_a_regon_with_a_wrong_check_digit_or_length_is_refused(regon: str) -> None:
    assert regon_problem(regon)


def test_krs_is_ten_digits_and_erasmus_oid_is_e_and_eight_digits() -> None:
    assert krs_problem("0000123456") is None and krs_problem("123456") is not None
    assert erasmus_oid_problem("E10012345") is None
    assert erasmus_oid_problem("e10012345") is not None and erasmus_oid_problem("E1001234") is not None


def test_separators_people_write_are_dropped() -> None:
    assert normalise("123-456-32-18") == "1234563218"
    assert normalise("123 456 785") == "123456785"
