"""Maps a service's domain errors to the wire errors the gateway knows, in one table per service."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from lowe_backbone.errors import ServiceError

F = TypeVar("F", bound=Callable[..., Any])
ErrorTable = Mapping[type[Exception], Callable[[Any], ServiceError]]


def translate_errors(table: ErrorTable) -> Callable[[F], F]:
    def decorate(method: F) -> F:
        @functools.wraps(method)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                return method(*args, **kwargs)
            except tuple(table) as exc:
                for error_type, translate in table.items():
                    if isinstance(exc, error_type):
                        raise translate(exc) from exc
                raise

        return wrapper  # type: ignore[return-value]

    return decorate
