"""nameko's `@rpc`, except that a reply the broker cannot take does not kill the whole service.

nameko sends the reply from the worker's greenthread; when the broker has just gone away the publish raises
there, and nameko kills the container: every other worker in flight dies with it and the process exits.
The caller has no reply either way (it times out: a 503 at the gateway), and the unacknowledged request
stays with the broker, so the service only logs and keeps running; its consumers reconnect on their own.
"""

from __future__ import annotations

from typing import Any

from nameko.rpc import Rpc

from lowe_backbone.broker_connections import BROKER_GONE
from lowe_backbone.logs import get_logger

log = get_logger(__name__)


class ReplyTolerantRpc(Rpc):
    def handle_result(self, message: Any, worker_ctx: Any, result: Any, exc_info: Any) -> Any:
        try:
            return super().handle_result(message, worker_ctx, result, exc_info)
        except BROKER_GONE as exc:
            log.warning("rpc_reply_not_sent", method=self.method_name, error=repr(exc))
            return result, exc_info


rpc = ReplyTolerantRpc.decorator
