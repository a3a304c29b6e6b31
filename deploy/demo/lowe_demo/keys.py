"""The operator's key the demo loads with: given (`--operator-key`, `LOWE_OPERATOR_KEY`), or made in the gateway's
database the way `lowe keys create --operator` makes one (which needs `GATEWAY_DATABASE_URL`)."""

from __future__ import annotations

import os

OPERATOR_KEY_ENV = "LOWE_OPERATOR_KEY"
DEMO_KEY_LABEL = "lowe demo load"


class NoOperatorKey(RuntimeError):
    """Neither given nor makeable; the message says what to do."""


def given_operator_key(option: str | None) -> str | None:
    """`--operator-key`, else `LOWE_OPERATOR_KEY`; blank counts as not given."""
    key = (option or os.environ.get(OPERATOR_KEY_ENV) or "").strip()
    return key or None


def make_operator_key(database_url: str | None = None, label: str = DEMO_KEY_LABEL) -> str:
    """A new operator key, stored (as its hash) in the gateway's database: `database_url`, else the gateway's own
    setting (`GATEWAY_DATABASE_URL`, default sqlite:///var/gateway.db, as `lowe keys` reads it)."""
    try:
        from lowe_backbone.spec import find_service
        from lowe_gateway.identity.keys import OPERATOR
        from lowe_gateway.identity.store import KeyStoreUnavailable, opened_key_store
        from lowe_gateway.identity.use_cases import CreateKey, create_key
    except ImportError as exc:
        raise NoOperatorKey(
            f"no operator key given and the gateway is not installed here to make one ({exc.name}): "
            f"pass --operator-key or set {OPERATOR_KEY_ENV} (`lowe keys create --operator` prints one)"
        ) from None
    url = database_url or find_service("gateway").database_url()
    hint = f"set GATEWAY_DATABASE_URL to the gateway's database, or pass --operator-key / {OPERATOR_KEY_ENV}"
    try:
        with opened_key_store(url) as store:
            return create_key(CreateKey(OPERATOR, None, label), store).secret
    except KeyStoreUnavailable as exc:
        raise NoOperatorKey(f"{exc}; {hint}") from None
