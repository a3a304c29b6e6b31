"""Root fixtures. eventlet must be patched before anything else imports sockets or threads."""

import warnings

warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated")

import eventlet  # noqa: E402

eventlet.monkey_patch()

pytest_plugins = ["tests.fixtures.broker", "tests.fixtures.databases", "tests.fixtures.services"]
