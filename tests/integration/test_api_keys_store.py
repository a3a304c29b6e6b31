"""API keys in the gateway's real database: `lowe keys create --operator` prints a key once, the database holds only
its hash, and the key is found again by that hash; revocation sticks."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import sessionmaker

from lowe_backbone.database import create_engine_for
from lowe_gateway.identity import orm
from lowe_gateway.identity.keys import CENTRE, Unauthenticated, hash_secret
from lowe_gateway.identity.store import KeyStore
from lowe_gateway.identity.use_cases import CreateKey, authenticate, create_key, revoke_key

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def gateway_database(database_url: Callable[[str], str]) -> Iterator[tuple[str, KeyStore]]:
    orm.start_mappers()
    url = database_url("gateway")
    engine = create_engine_for(url)
    yield url, KeyStore(sessionmaker(bind=engine, expire_on_commit=False))
    engine.dispose()


def every_stored_value(url: str) -> str:
    engine = create_engine_for(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(sa.text("SELECT * FROM api_keys")).all()
    finally:
        engine.dispose()
    return " ".join(str(value) for row in rows for value in row)


def test_the_operator_command_prints_a_key_the_database_holds_only_as_a_hash(
    gateway_database: tuple[str, KeyStore],
) -> None:
    url, store = gateway_database
    done = subprocess.run(
        [sys.executable, "-m", "lowe_backbone.cli", "keys", "create", "--operator", "--label", "first operator"],
        env={**os.environ, "GATEWAY_DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )

    assert done.returncode == 0, done.stderr
    secret = done.stdout.splitlines()[0]
    assert secret not in every_stored_value(url)
    assert hash_secret(secret) in every_stored_value(url)
    assert authenticate(f"Bearer {secret}", store).is_operator


def test_a_revoked_key_no_longer_authenticates(gateway_database: tuple[str, KeyStore]) -> None:
    _url, store = gateway_database
    issued = create_key(CreateKey(CENTRE, uuid.uuid4(), "kiosk"), store)
    caller = authenticate(f"Bearer {issued.secret}", store)

    revoke_key(issued.key.id, caller, store)

    with pytest.raises(Unauthenticated):
        authenticate(f"Bearer {issued.secret}", store)


def test_the_command_says_plainly_when_the_database_is_not_migrated(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "lowe_backbone.cli", "keys", "create", "--operator"],
        env={**os.environ, "GATEWAY_DATABASE_URL": f"sqlite:///{tmp_path / 'empty.db'}"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert "run `lowe migrate` first" in done.stderr
