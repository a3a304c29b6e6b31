"""Argon2id password hashes (argon2-cffi, RFC 9106's low-memory profile: 64 MiB, 3 passes, 4 lanes)."""

from __future__ import annotations

from functools import cached_property

from argon2 import PasswordHasher as Argon2
from argon2 import Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError


class Argon2Hasher:
    def __init__(self, time_cost: int = 3, memory_cost: int = 65536, parallelism: int = 4) -> None:
        self._argon2 = Argon2(time_cost=time_cost, memory_cost=memory_cost, parallelism=parallelism, type=Type.ID)

    def hash(self, password: str) -> str:
        return self._argon2.hash(password)

    def verify(self, password_hash: str, password: str) -> bool:
        try:
            return self._argon2.verify(password_hash, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, password_hash: str) -> bool:
        return self._argon2.check_needs_rehash(password_hash)

    @cached_property
    def dummy_hash(self) -> str:
        return self._argon2.hash("no account has this password")


def hasher_from(config: dict[str, object]) -> Argon2Hasher:
    """`ARGON2_MEMORY_KIB` / `ARGON2_TIME_COST` lower the cost for tests only; production keeps the defaults."""
    memory = config.get("ARGON2_MEMORY_KIB") or 65536
    time_cost = config.get("ARGON2_TIME_COST") or 3
    return Argon2Hasher(time_cost=int(str(time_cost)), memory_cost=int(str(memory)))
