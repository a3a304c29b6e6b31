"""The header's organisation names: asked once per organisation while fresh, asked again when stale or unanswered."""

from __future__ import annotations

from lowe_gateway.portal.organisation_names import OrganisationNames


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_name_is_asked_once_while_fresh_and_again_once_stale() -> None:
    clock, asked = Clock(), []
    names = OrganisationNames(ttl=60, clock=clock)

    def fetch() -> str:
        asked.append(1)
        return f"Fundacja {len(asked)}"

    assert names.name_of(("partner", "a"), fetch) == "Fundacja 1"
    clock.now = 59
    assert names.name_of(("partner", "a"), fetch) == "Fundacja 1"
    clock.now = 61
    assert names.name_of(("partner", "a"), fetch) == "Fundacja 2"
    assert names.name_of(("centre", "b"), fetch) == "Fundacja 3"
    assert len(asked) == 3


def test_an_unanswered_ask_is_not_kept_and_the_memory_starts_over_when_full() -> None:
    names = OrganisationNames(most=2, clock=Clock())
    answers = iter([None, "LOWE Liw", "LOWE Radom", "LOWE Mszczonów", "LOWE Liw again"])

    assert names.name_of("liw", lambda: next(answers)) is None
    assert names.name_of("liw", lambda: next(answers)) == "LOWE Liw"
    assert names.name_of("radom", lambda: next(answers)) == "LOWE Radom"
    assert names.name_of("mszczonow", lambda: next(answers)) == "LOWE Mszczonów"  # full: forgets the others
    assert names.name_of("liw", lambda: next(answers)) == "LOWE Liw again"
