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
        import sqlalchemy as sa
        from sqlalchemy.orm import sessionmaker

        from lowe_backbone.database import create_engine_for
        from lowe_backbone.spec import find_service
        from lowe_gateway.identity import orm
        from lowe_gateway.identity.keys import OPERATOR
        from lowe_gateway.identity.store import KeyStore
        from lowe_gateway.identity.use_cases import CreateKey, create_key
    except ImportError as exc:
        raise NoOperatorKey(
            f"no operator key given and the gateway is not installed here to make one ({exc.name}): "
            f"pass --operator-key or set {OPERATOR_KEY_ENV} (`lowe keys create --operator` prints one)"
        ) from None
    url = database_url or find_service("gateway").database_url()
    hint = f"set GATEWAY_DATABASE_URL to the gateway's database, or pass --operator-key / {OPERATOR_KEY_ENV}"
    orm.start_mappers()
    engine = create_engine_for(url)
    try:
        with engine.connect() as connection:
            if not sa.inspect(connection).has_table("api_keys"):
                raise NoOperatorKey(f"the gateway's database has no key table (run `lowe migrate` first, or {hint})")
        store = KeyStore(sessionmaker(bind=engine, expire_on_commit=False))
        return create_key(CreateKey(OPERATOR, None, label), store).secret
    except sa.exc.OperationalError as exc:
        raise NoOperatorKey(f"the gateway's database does not answer ({type(exc.orig).__name__}); {hint}") from None
    finally:
        engine.dispose()
