"""Who may come in: API keys checked and requests counted before any route runs.

`Gatekeeper` is shared by every route of the gateway (one engine on the gateway's database, one rate limiter);
`Keys` gives a route the key store, for the routes that make, list and revoke keys.
"""

from __future__ import annotations

from typing import Any

from nameko.extensions import DependencyProvider, SharedExtension
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import sessionmaker
from werkzeug.wrappers import Request

from lowe_backbone.database import create_engine_for
from lowe_backbone.logs import get_logger
from lowe_gateway.errors import ServiceUnavailable
from lowe_gateway.identity import orm
from lowe_gateway.identity.keys import Caller, Unauthenticated, looks_like_a_key
from lowe_gateway.identity.store import KeyStore
from lowe_gateway.identity.use_cases import authenticate
from lowe_gateway.limits import RateLimiter, Verdict, rate_limiter

log = get_logger(__name__)


class Gatekeeper(SharedExtension):
    def setup(self) -> None:
        orm.start_mappers()
        self.engine = create_engine_for(str(self.container.config["DATABASE_URL"]))
        self.store = KeyStore(sessionmaker(bind=self.engine, expire_on_commit=False))
        self.limiter: RateLimiter = rate_limiter(self.container.config)

    def stop(self) -> None:
        self.engine.dispose()

    def kill(self) -> None:
        self.stop()

    def caller_of(self, request: Request) -> Caller:
        """The key's owner. A key anywhere in the URL is refused, even next to a good header: URLs end up in
        logs, browser histories and proxies."""
        if any(looks_like_a_key(value) for values in request.args.listvalues() for value in values):
            raise Unauthenticated("API keys go in the `Authorization` header, never in the URL.")
        try:
            return authenticate(request.headers.get("Authorization"), self.store)
        except SQLAlchemyError as exc:
            log.error("key_store_unavailable", error=type(exc).__name__)
            raise ServiceUnavailable("Keys cannot be checked just now.") from None

    def count(self, caller: Caller) -> Verdict:
        """A limiter that cannot count (Redis gone) lets requests through rather than failing every one."""
        try:
            return self.limiter.hit(str(caller.key_id))
        except Exception as exc:
            log.warning("rate_limiter_unavailable", error=type(exc).__name__)
            return Verdict(True, self.limiter.limit, 0)


class Keys(DependencyProvider):
    gatekeeper = Gatekeeper()

    def get_dependency(self, worker_ctx: Any) -> KeyStore:
        return self.gatekeeper.store
