"""A nameko timer whose interval comes from the service's config, so tests and operators can set it."""

from __future__ import annotations

from typing import Any

from nameko.timer import Timer


class ConfiguredTimer(Timer):
    def __init__(self, config_key: str, default: float, **kwargs: Any) -> None:
        super().__init__(interval=default, **kwargs)
        self.config_key = config_key
        self.default_interval = default

    def setup(self) -> None:
        self.interval = float(self.container.config.get(self.config_key, self.default_interval))
        super().setup()
