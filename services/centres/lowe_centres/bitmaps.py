"""Sets of slot numbers kept as Python ints, bit `i` set when slot `i` belongs: the union and intersection of sets of
100,000 members cost a few microseconds each, which is what lets the matching index answer inside its budget."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

EMPTY = 0


def bit(slot: int) -> int:
    return 1 << slot


def from_slots(slots: Iterable[int]) -> int:
    """Builds a bitmap in one pass (setting bits one by one on a large int copies it every time)."""
    ordered = sorted(slots)
    if not ordered:
        return EMPTY
    buffer = bytearray(ordered[-1] // 8 + 1)
    for slot in ordered:
        buffer[slot >> 3] |= 1 << (slot & 7)
    return int.from_bytes(buffer, "little")


def slots_of(bitmap: int) -> Iterator[int]:
    """The members, lowest first: found in the binary text with `str.find`, which skips runs of zeros in C."""
    text = bin(bitmap)[:1:-1]  # least significant bit first, without the '0b'
    slot = text.find("1")
    while slot != -1:
        yield slot
        slot = text.find("1", slot + 1)


class Postings:
    """For one dimension of an inverted index: each value -> the bitmap of the slots that accept it."""

    def __init__(self) -> None:
        self._bitmaps: dict[str, int] = {}

    def load(self, slots_by_value: dict[str, list[int]]) -> None:
        self._bitmaps = {value: from_slots(slots) for value, slots in slots_by_value.items()}

    def add(self, value: str, slot: int) -> None:
        self._bitmaps[value] = self._bitmaps.get(value, EMPTY) | bit(slot)

    def discard(self, value: str, slot: int) -> None:
        remaining = self._bitmaps.get(value, EMPTY) & ~bit(slot)
        if remaining:
            self._bitmaps[value] = remaining
        else:
            self._bitmaps.pop(value, None)

    def accepting(self, values: Iterable[str]) -> int:
        """The slots that accept any of these values."""
        found = EMPTY
        for value in values:
            found |= self._bitmaps.get(value, EMPTY)
        return found

    def __len__(self) -> int:
        return len(self._bitmaps)
