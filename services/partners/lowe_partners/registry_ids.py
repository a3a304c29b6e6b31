"""Polish registry identifiers and the Erasmus+ organisation ID, checked the way their registries define them.

NIP: 10 digits; the weighted sum of the first nine (6 5 7 2 3 4 5 6 7) mod 11 is the tenth (never 10).
REGON: 9 digits (weights 8 9 2 3 4 5 6 7) or 14 digits (weights 2 4 8 5 0 9 7 3 6 1 2 4 8), the weighted
sum mod 11 being the last digit, 10 counting as 0; a 14-digit REGON starts with its unit's valid 9-digit one.
KRS: 10 digits, no checksum. Erasmus+ OID: `E` followed by 8 digits.
"""

from __future__ import annotations

import re

_NIP_WEIGHTS = (6, 5, 7, 2, 3, 4, 5, 6, 7)
_REGON9_WEIGHTS = (8, 9, 2, 3, 4, 5, 6, 7)
_REGON14_WEIGHTS = (2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8)
_SEPARATORS = re.compile(r"[\s-]")


def normalise(value: str) -> str:
    """People write NIPs as 123-456-32-18; the registries store digits only."""
    return _SEPARATORS.sub("", value)


def _weighted(digits: str, weights: tuple[int, ...]) -> int:
    return sum(int(digit) * weight for digit, weight in zip(digits, weights, strict=False))


def nip_problem(value: str) -> str | None:
    if not re.fullmatch(r"\d{10}", value):
        return "A NIP has 10 digits."
    check = _weighted(value, _NIP_WEIGHTS) % 11
    if check == 10 or check != int(value[9]):
        return "This NIP's check digit is wrong."
    return None


def regon_problem(value: str) -> str | None:
    if not re.fullmatch(r"\d{9}|\d{14}", value):
        return "A REGON has 9 or 14 digits."
    if _weighted(value[:8], _REGON9_WEIGHTS) % 11 % 10 != int(value[8]):
        return "This REGON's check digit is wrong."
    if len(value) == 14 and _weighted(value[:13], _REGON14_WEIGHTS) % 11 % 10 != int(value[13]):
        return "This REGON's check digit is wrong."
    return None


def krs_problem(value: str) -> str | None:
    return None if re.fullmatch(r"\d{10}", value) else "A KRS number has 10 digits."


def erasmus_oid_problem(value: str) -> str | None:
    return None if re.fullmatch(r"E\d{8}", value) else "An Erasmus+ organisation ID is E followed by 8 digits."
