"""Which voivodeships border which (TERYT codes): how near an opportunity held elsewhere is."""

from __future__ import annotations

NEIGHBOURS: dict[str, frozenset[str]] = {
    code: frozenset(near.split())
    for code, near in {
        "02": "08 16 30",
        "04": "10 14 22 28 30",
        "06": "14 18 20 26",
        "08": "02 30 32",
        "10": "04 14 16 24 26 30",
        "12": "18 24 26",
        "14": "04 06 10 20 26 28",
        "16": "02 10 24 30",
        "18": "06 12 26",
        "20": "06 14 28",
        "22": "04 28 30 32",
        "24": "10 12 16 26",
        "26": "06 10 12 14 18 24",
        "28": "04 14 20 22",
        "30": "02 04 08 10 16 22 32",
        "32": "08 22 30",
    }.items()
}
