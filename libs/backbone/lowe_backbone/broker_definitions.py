"""Renders RabbitMQ's definitions (`deploy/rabbitmq/definitions.json`) with each user's password hashed the way
RabbitMQ checks it (`rabbit_password_hashing_sha256`: base64 of a 4-byte salt followed by SHA-256 of the salt and
the password), so no password is ever written in clear into a file the broker reads."""

from __future__ import annotations

import base64
import hashlib
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

HASHING_ALGORITHM = "rabbit_password_hashing_sha256"


class MissingPassword(SystemExit):
    pass


def password_hash(password: str, salt: bytes | None = None) -> str:
    salt = os.urandom(4) if salt is None else salt
    return base64.b64encode(salt + hashlib.sha256(salt + password.encode()).digest()).decode()


def render(template: Mapping[str, Any], environ: Mapping[str, str]) -> dict[str, Any]:
    """The template without its comments, each user's `password_env` replaced by the hash of that variable."""
    rendered = {key: value for key, value in template.items() if not key.startswith("_")}
    users = []
    for user in template.get("users", []):
        variable = user["password_env"]
        password = environ.get(variable, "")
        if not password:
            raise MissingPassword(f"{variable} is not set: the broker user {user['name']!r} needs a password")
        users.append(
            {
                "name": user["name"],
                "password_hash": password_hash(password),
                "hashing_algorithm": HASHING_ALGORITHM,
                "tags": user.get("tags", []),
            }
        )
    rendered["users"] = users
    return rendered


def write_definitions(template_path: Path, out_path: Path, environ: Mapping[str, str]) -> dict[str, Any]:
    rendered = render(json.loads(template_path.read_text()), environ)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    partial = out_path.with_suffix(".tmp")
    partial.write_text(json.dumps(rendered, indent=2))
    partial.chmod(0o644)  # the broker runs as its own user
    partial.replace(out_path)  # whole or not at all: the broker never reads half a file
    return rendered
