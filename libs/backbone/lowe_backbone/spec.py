"""How the operations command finds the installed services (entry point group `lowe.services`)."""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass
from importlib.metadata import entry_points

ENTRY_POINT_GROUP = "lowe.services"


@dataclass(frozen=True)
class ServiceSpec:
    name: str
    service_class: str
    migrations_package: str | None = None

    def load_class(self) -> type:
        module_name, _, attribute = self.service_class.partition(":")
        return getattr(importlib.import_module(module_name), attribute)

    def migrations_path(self) -> str | None:
        if self.migrations_package is None:
            return None
        module = importlib.import_module(self.migrations_package)
        return os.path.dirname(module.__file__ or "")

    def database_url(self) -> str:
        return os.environ.get(f"{self.name.upper()}_DATABASE_URL", f"sqlite:///var/{self.name}.db")


def installed_services() -> list[ServiceSpec]:
    specs = [entry.load() for entry in entry_points(group=ENTRY_POINT_GROUP)]
    return sorted(specs, key=lambda spec: spec.name)


def find_service(name: str) -> ServiceSpec:
    for spec in installed_services():
        if spec.name == name:
            return spec
    raise LookupError(f"no installed service called {name!r}")
