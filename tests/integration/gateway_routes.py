"""The gateway's routes as its class declares them, for tests that must cover every route."""

from __future__ import annotations

import inspect
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field

from nameko.extensions import ENTRYPOINT_EXTENSIONS_ATTR

from lowe_gateway.contract import Contract
from lowe_gateway.http import JsonHttpEntrypoint
from lowe_gateway.service import GatewayService

SAMPLE_ID = "2b1f5a70-9c4e-4d1a-8f3b-6e2d7c9a0b14"
_PATH_PARAMETER = re.compile(r"<(?:[a-z]+:)?([a-z_]+)>")


@dataclass(frozen=True)
class Route:
    method: str
    url: str
    public: bool
    roles: tuple[str, ...]
    handler: str
    contract: Contract = field(compare=False)

    def __str__(self) -> str:
        return f"{self.method} {self.url}"

    @property
    def parameters(self) -> list[str]:
        return _PATH_PARAMETER.findall(self.url)


def gateway_routes() -> Iterator[Route]:
    for name, function in inspect.getmembers(GatewayService, inspect.isfunction):
        for entrypoint in getattr(function, ENTRYPOINT_EXTENSIONS_ATTR, ()):
            if isinstance(entrypoint, JsonHttpEntrypoint):
                yield Route(
                    entrypoint.method, entrypoint.url, entrypoint.public, entrypoint.roles, name, entrypoint.contract
                )


def fill_path(url: str, values: dict[str, str]) -> str:
    return _PATH_PARAMETER.sub(lambda found: values[found.group(1)], url)


def sample_path(url: str) -> str:
    """The route with an id that names nothing in every parameter."""
    return _PATH_PARAMETER.sub(lambda _: SAMPLE_ID, url)


def new_id() -> str:
    return str(uuid.uuid4())
