from alembic import context

from lowe_backbone.migrations import run_env
from lowe_gateway.identity.orm import metadata

run_env(context, metadata)
