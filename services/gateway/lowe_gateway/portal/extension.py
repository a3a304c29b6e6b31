"""`Portal`: what every page shares in one gateway process — the accounts on the gateway's database (through the
`Gatekeeper`'s engine), the password hasher, the sign-in limiters, the templates per language and the settings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from jinja2 import Environment
from nameko.extensions import DependencyProvider, SharedExtension
from sqlalchemy.orm import sessionmaker
from werkzeug.wrappers import Request, Response

from lowe_backbone.logs import get_logger
from lowe_gateway.access import Gatekeeper
from lowe_gateway.accounts.model import Account, PortalSession
from lowe_gateway.accounts.passwords import Argon2Hasher, hasher_from
from lowe_gateway.accounts.signing_in import session_of
from lowe_gateway.accounts.store import AccountsUnitOfWork
from lowe_gateway.limits import RateLimiter, Verdict, rate_limiter
from lowe_gateway.portal.i18n import environments
from lowe_gateway.portal.organisation_names import OrganisationNames
from lowe_gateway.portal.visits import SESSION_COOKIE, Visit, begin_visit

log = get_logger(__name__)
TRUE = ("1", "true", "yes", "on")


@dataclass(frozen=True)
class PortalSettings:
    base_url: str
    secure_cookies: bool


@dataclass(frozen=True)
class Page:
    """What a page answers: a template and its context (the layout adds the visitor, the language and the token)."""

    template: str
    context: dict[str, Any]
    status: int = 200


class Portal(SharedExtension):
    gatekeeper = Gatekeeper()

    def setup(self) -> None:
        config = self.container.config
        self.settings = PortalSettings(
            base_url=str(config.get("PORTAL_BASE_URL") or "http://127.0.0.1:8000").rstrip("/"),
            secure_cookies=str(config.get("PORTAL_SECURE_COOKIES", "false")).strip().lower() in TRUE,
        )
        self.templates: dict[str, Environment] = environments()
        self.names = OrganisationNames()
        self.hasher: Argon2Hasher = hasher_from(config)
        window = float(config.get("LOGIN_WINDOW", 900))
        per_email, per_ip = int(config.get("LOGIN_LIMIT_PER_EMAIL", 5)), int(config.get("LOGIN_LIMIT_PER_IP", 20))
        self.email_limiter: RateLimiter = rate_limiter(config, per_email, window, name="login-email")
        self.ip_limiter: RateLimiter = rate_limiter(config, per_ip, window, name="login-ip")

    def start(self) -> None:
        self.session_factory = sessionmaker(bind=self.gatekeeper.engine, expire_on_commit=False)

    def uow(self) -> AccountsUnitOfWork:
        """A new unit of work per use (one per request at most): never shared between greenthreads."""
        return AccountsUnitOfWork(self.session_factory)

    def visit(self, request: Request) -> Visit:
        secret = request.cookies.get(SESSION_COOKIE) or None
        found: tuple[Account, PortalSession] | None = None
        if secret is not None and len(secret) <= 100:
            found = session_of(secret, self.uow())
        return begin_visit(request, found, secret if found else None)

    def render(self, page: Page, visit: Visit, extra: dict[str, Any] | None = None) -> Response:
        env = self.templates[visit.language]
        context = {"organisation_name": None, **page.context, **(extra or {}), "visit": visit, "lang": visit.language}
        html = env.get_template(page.template).render(context)
        return Response(html, status=page.status, mimetype="text/html")

    def login_blocked(self, email_key: str, ip: str) -> int:
        """Seconds to wait when the e-mail or the address has used up its failures; 0 when it may try."""
        verdicts = [self._peek(self.email_limiter, email_key), self._peek(self.ip_limiter, ip)]
        return max((v.retry_after for v in verdicts if not v.allowed), default=0)

    def login_failed(self, email_key: str, ip: str) -> None:
        for limiter, key in ((self.email_limiter, email_key), (self.ip_limiter, ip)):
            try:
                limiter.hit(key)
            except Exception as exc:
                log.warning("login_limiter_unavailable", error=type(exc).__name__)

    @staticmethod
    def _peek(limiter: RateLimiter, key: str) -> Verdict:
        """A limiter that cannot count (Redis gone) lets the attempt through, as for the API's keys."""
        try:
            return limiter.peek(key)
        except Exception as exc:
            log.warning("login_limiter_unavailable", error=type(exc).__name__)
            return Verdict(True, limiter.limit, 0)


class PortalAccess(DependencyProvider):
    """The pages' handle on the `Portal`: accounts, hasher, limiters, settings."""

    portal = Portal()

    def get_dependency(self, worker_ctx: Any) -> Portal:
        return self.portal
