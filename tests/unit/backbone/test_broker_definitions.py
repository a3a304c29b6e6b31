"""RabbitMQ's definitions are rendered with salted SHA-256 password hashes, never a password in clear."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

import pytest

from lowe_backbone.broker_definitions import HASHING_ALGORITHM, MissingPassword, password_hash, write_definitions

TEMPLATE = Path(__file__).resolve().parents[3] / "deploy" / "rabbitmq" / "definitions.json"
PASSWORDS = {"RABBITMQ_PASSWORD": "Zm9vYmFy-services", "RABBITMQ_ADMIN_PASSWORD": "Zm9vYmFy-admin"}


def test_a_password_hash_is_the_salt_then_sha256_of_salt_and_password() -> None:
    decoded = base64.b64decode(password_hash("s3cret", salt=b"\x90\x8d\xc6\x0a"))

    assert decoded[:4] == b"\x90\x8d\xc6\x0a"
    assert decoded[4:] == hashlib.sha256(b"\x90\x8d\xc6\x0as3cret").digest()


def test_two_hashes_of_one_password_differ_by_their_salt() -> None:
    assert password_hash("s3cret") != password_hash("s3cret")


def test_the_rendered_definitions_hold_hashes_and_no_password_or_comment(tmp_path: Path) -> None:
    out = tmp_path / "broker" / "definitions.json"

    write_definitions(TEMPLATE, out, PASSWORDS)

    text = out.read_text()
    rendered = json.loads(text)
    assert [user["name"] for user in rendered["users"]] == ["lowe", "lowe-admin"]
    assert {user["hashing_algorithm"] for user in rendered["users"]} == {HASHING_ALGORITHM}
    assert all(password not in text for password in PASSWORDS.values())
    assert "password_env" not in text and "_comment" not in rendered
    assert [vhost["name"] for vhost in rendered["vhosts"]] == ["lowe"]
    assert {policy["name"] for policy in rendered["policies"]} == {"lowe-event-queues", "lowe-rpc-replies"}


def test_a_missing_password_is_refused_by_its_variable(tmp_path: Path) -> None:
    with pytest.raises(MissingPassword, match="RABBITMQ_ADMIN_PASSWORD is not set"):
        write_definitions(TEMPLATE, tmp_path / "definitions.json", {"RABBITMQ_PASSWORD": "x" * 20})
    assert not (tmp_path / "definitions.json").exists()
