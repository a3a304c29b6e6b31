"""Portal accounts: signing in (timing-safe), sessions, invitations and password resets, with hand-written fakes."""

from __future__ import annotations

import uuid

import pytest

from lowe_gateway.accounts.administration import CreateAccount, create_account, disable_account
from lowe_gateway.accounts.model import (
    SESSION_ABSOLUTE,
    AccountExists,
    AccountNotFound,
    InvalidCredentials,
    InvalidToken,
    WeakPassword,
    hash_secret,
    masked,
)
from lowe_gateway.accounts.signing_in import SignIn, session_of, sign_in, sign_out
from lowe_gateway.accounts.tokens import (
    UseToken,
    accept_invitation,
    invite_account,
    request_password_reset,
    reset_password,
)
from lowe_gateway.identity.keys import PARTNER
from tests.unit.gateway.account_fakes import Clock, FakeHasher, FakeUnitOfWork

PASSWORD = "correct horse battery"
PARTNER_ID = uuid.UUID("1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed")


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork()


def partner_account(uow: FakeUnitOfWork, email: str = "Anna@Example.PL", password: str | None = PASSWORD) -> None:
    create_account(CreateAccount(email, "Anna", PARTNER, PARTNER_ID, "pl", password), uow, FakeHasher())


def test_an_account_signs_in_with_its_email_in_any_case_and_acts_as_its_organisation(uow: FakeUnitOfWork) -> None:
    partner_account(uow)

    signed_in = sign_in(SignIn(" anna@example.pl ", PASSWORD), uow, FakeHasher())

    caller = signed_in.session.caller(signed_in.account)
    assert (caller.role, caller.organisation_id) == (PARTNER, PARTNER_ID)
    assert signed_in.session.id_hash == hash_secret(signed_in.secret)  # only the hash is stored
    assert signed_in.secret not in uow.sessions.rows


def test_emails_are_unique_ignoring_case(uow: FakeUnitOfWork) -> None:
    partner_account(uow)
    with pytest.raises(AccountExists):
        partner_account(uow, "ANNA@example.pl")


def test_an_unknown_email_costs_the_same_verification_as_a_wrong_password(uow: FakeUnitOfWork) -> None:
    partner_account(uow)
    known, unknown = FakeHasher(), FakeHasher()

    with pytest.raises(InvalidCredentials):
        sign_in(SignIn("anna@example.pl", "wrong password!"), uow, known)
    with pytest.raises(InvalidCredentials):
        sign_in(SignIn("nobody@example.pl", "wrong password!"), uow, unknown)

    assert known.verifications == unknown.verifications == 1


def test_signing_in_replaces_the_previous_session(uow: FakeUnitOfWork) -> None:
    partner_account(uow)
    first = sign_in(SignIn("anna@example.pl", PASSWORD), uow, FakeHasher())

    second = sign_in(SignIn("anna@example.pl", PASSWORD, previous_session=first.secret), uow, FakeHasher())

    assert list(uow.sessions.rows) == [second.session.id_hash]
    assert second.session.csrf_token != first.session.csrf_token


def test_a_session_ends_after_8_idle_hours_or_7_days_and_with_sign_out(uow: FakeUnitOfWork) -> None:
    partner_account(uow)
    clock = Clock()
    idle = sign_in(SignIn("anna@example.pl", PASSWORD), uow, FakeHasher(), clock)
    busy = sign_in(SignIn("anna@example.pl", PASSWORD), uow, FakeHasher(), clock)
    clock.advance(hours=7, minutes=59)
    assert session_of(busy.secret, uow, clock) is not None
    clock.advance(minutes=2)

    assert session_of(idle.secret, uow, clock) is None  # idle for 8 h 01
    assert session_of(busy.secret, uow, clock) is not None  # seen 2 minutes ago
    while clock.now < busy.session.created_at + SESSION_ABSOLUTE:
        assert session_of(busy.secret, uow, clock) is not None
        clock.advance(hours=6)
    assert session_of(busy.secret, uow, clock) is None

    other = sign_in(SignIn("anna@example.pl", PASSWORD), uow, FakeHasher(), clock)
    sign_out(other.secret, uow)
    assert session_of(other.secret, uow, clock) is None


def test_a_disabled_accounts_sessions_stop_working_and_it_cannot_sign_in(uow: FakeUnitOfWork) -> None:
    partner_account(uow)
    clock = Clock()
    signed_in = sign_in(SignIn("anna@example.pl", PASSWORD), uow, FakeHasher(), clock)

    signed_in.account.disable(clock())

    assert session_of(signed_in.secret, uow, clock) is None
    with pytest.raises(InvalidCredentials):
        sign_in(SignIn("anna@example.pl", PASSWORD), uow, FakeHasher(), clock)


def test_disabling_an_account_ends_its_sessions_and_refuses_its_next_sign_in(uow: FakeUnitOfWork) -> None:
    partner_account(uow)
    clock = Clock()
    signed_in = sign_in(SignIn("anna@example.pl", PASSWORD), uow, FakeHasher(), clock)

    disabled = disable_account("ANNA@example.pl", uow, clock)

    assert disabled.disabled_at == clock()
    assert session_of(signed_in.secret, uow, clock) is None
    with pytest.raises(InvalidCredentials):
        sign_in(SignIn("anna@example.pl", PASSWORD), uow, FakeHasher(), clock)
    with pytest.raises(AccountNotFound):
        disable_account("nobody@example.pl", uow, clock)


@pytest.mark.parametrize(
    ("password", "reason"),
    [("short pass", "too_short"), ("anna@example.pl", "is_email"), ("ANNA@EXAMPLE.PL ", "is_email")],
)
def test_passwords_have_12_characters_and_are_not_the_email(password: str, reason: str) -> None:
    with pytest.raises(WeakPassword) as refused:
        partner_account(FakeUnitOfWork(), "anna@example.pl", password)
    assert refused.value.reason == reason


def test_an_invitation_is_accepted_once_within_7_days_and_signs_the_person_in(uow: FakeUnitOfWork) -> None:
    clock = Clock()
    issued = invite_account(CreateAccount("ola@example.pl", "Ola", PARTNER, PARTNER_ID, "en"), uow, clock)
    assert issued.token not in uow.tokens.rows  # stored as its hash only
    with pytest.raises(InvalidCredentials):  # no password yet
        sign_in(SignIn("ola@example.pl", ""), uow, FakeHasher(), clock)

    clock.advance(days=6, hours=23)
    signed_in = accept_invitation(UseToken(issued.token, PASSWORD), uow, FakeHasher(), clock)

    assert signed_in.account.email == "ola@example.pl" and signed_in.account.language == "en"
    with pytest.raises(InvalidToken):
        accept_invitation(UseToken(issued.token, PASSWORD), uow, FakeHasher(), clock)


def test_an_expired_invitation_or_a_newer_one_leaves_the_old_link_useless(uow: FakeUnitOfWork) -> None:
    clock = Clock()
    cmd = CreateAccount("ola@example.pl", "Ola", PARTNER, PARTNER_ID)
    first = invite_account(cmd, uow, clock)
    second = invite_account(cmd, uow, clock)
    with pytest.raises(InvalidToken):
        accept_invitation(UseToken(first.token, PASSWORD), uow, FakeHasher(), clock)
    clock.advance(days=7, seconds=1)
    with pytest.raises(InvalidToken):
        accept_invitation(UseToken(second.token, PASSWORD), uow, FakeHasher(), clock)


def test_an_account_with_a_password_is_not_invited_again(uow: FakeUnitOfWork) -> None:
    partner_account(uow)
    with pytest.raises(AccountExists):
        invite_account(CreateAccount("anna@example.pl", "Anna", PARTNER, PARTNER_ID), uow)


def test_a_reset_link_works_once_for_an_hour_and_ends_every_session(uow: FakeUnitOfWork) -> None:
    partner_account(uow)
    clock = Clock()
    signed_in = sign_in(SignIn("anna@example.pl", PASSWORD), uow, FakeHasher(), clock)
    assert request_password_reset("nobody@example.pl", uow, clock) is None
    issued = request_password_reset("ANNA@example.pl", uow, clock)
    assert issued is not None

    clock.advance(minutes=59)
    reset_password(UseToken(issued.token, "a brand new password"), uow, FakeHasher(), clock)

    assert session_of(signed_in.secret, uow, clock) is None
    assert sign_in(SignIn("anna@example.pl", "a brand new password"), uow, FakeHasher(), clock)
    with pytest.raises(InvalidToken):
        reset_password(UseToken(issued.token, "another new password"), uow, FakeHasher(), clock)
    late = request_password_reset("anna@example.pl", uow, clock)
    assert late is not None
    clock.advance(hours=1, seconds=1)
    with pytest.raises(InvalidToken):
        reset_password(UseToken(late.token, "another new password"), uow, FakeHasher(), clock)


def test_an_invitation_link_does_not_reset_a_password(uow: FakeUnitOfWork) -> None:
    issued = invite_account(CreateAccount("ola@example.pl", "Ola", PARTNER, PARTNER_ID), uow)
    with pytest.raises(InvalidToken):
        reset_password(UseToken(issued.token, PASSWORD), uow, FakeHasher())


def test_logs_get_a_masked_address() -> None:
    assert masked("anna.kowalska@example.pl") == "a***@example.pl"
    assert "kowalska" not in masked("anna.kowalska@example.pl")
