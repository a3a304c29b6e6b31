"""Domain errors become the wire errors the gateway knows, through one table per service."""

from __future__ import annotations

import pytest

from lowe_backbone.errors import Conflict, NotFound
from lowe_backbone.rpc_errors import ErrorTable, translate_errors


class ThingError(Exception):
    pass


class ThingNotFound(ThingError):
    pass


class ThingTaken(ThingError):
    pass


class SpecialThingNotFound(ThingNotFound):
    pass


TABLE: ErrorTable = {
    ThingNotFound: lambda exc: NotFound("Thing not found.", {"thing_id": str(exc)}),
    ThingTaken: lambda exc: Conflict("Thing taken."),
}


@translate_errors(TABLE)
def fail_with(exc: Exception) -> None:
    raise exc


@translate_errors(TABLE)
def succeed(value: int, *, plus: int = 0) -> int:
    return value + plus


def test_a_domain_error_in_the_table_becomes_its_wire_error() -> None:
    with pytest.raises(NotFound) as caught:
        fail_with(ThingNotFound("t-1"))

    assert (caught.value.message, caught.value.fields) == ("Thing not found.", {"thing_id": "t-1"})
    assert isinstance(caught.value.__cause__, ThingNotFound)


def test_each_error_type_gets_its_own_translation() -> None:
    with pytest.raises(Conflict):
        fail_with(ThingTaken())


def test_a_subclass_of_a_listed_error_is_translated_too() -> None:
    with pytest.raises(NotFound):
        fail_with(SpecialThingNotFound("t-2"))


@pytest.mark.parametrize("exc", [ThingError("base"), KeyError("k"), RuntimeError("boom")])
def test_an_error_not_in_the_table_passes_through_unchanged(exc: Exception) -> None:
    with pytest.raises(type(exc)) as caught:
        fail_with(exc)

    assert caught.value is exc


def test_a_translated_method_returns_what_it_returns_and_keeps_its_name() -> None:
    assert succeed(1, plus=2) == 3
    assert succeed.__name__ == "succeed"
