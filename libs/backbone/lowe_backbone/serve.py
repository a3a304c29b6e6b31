"""`lowe-serve NAME`: runs one installed service under nameko, one process per service.

eventlet is patched before anything else is imported, as nameko requires.
"""

import warnings

warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated")
warnings.filterwarnings("ignore", message="pkg_resources is deprecated")  # nameko's CLI, pinned setuptools<81

import eventlet  # noqa: E402

eventlet.monkey_patch()

import argparse  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402

from lowe_backbone.broker_connections import drop_connections_that_miss_heartbeats  # noqa: E402
from lowe_backbone.deployment import refuse_example_secrets  # noqa: E402
from lowe_backbone.spec import find_service  # noqa: E402


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="lowe-serve", description=__doc__)
    parser.add_argument("service", help="partners, centres, notifications or gateway")
    parser.add_argument(
        "--config", help="YAML config; default deploy/config/SERVICE.yaml or $LOWE_CONFIG_DIR/SERVICE.yaml"
    )
    args = parser.parse_args(argv)
    refuse_example_secrets(os.environ)
    spec = find_service(args.service)
    config = args.config or os.path.join(os.environ.get("LOWE_CONFIG_DIR", "deploy/config"), f"{spec.name}.yaml")
    drop_connections_that_miss_heartbeats()
    from nameko.cli.main import main as nameko_main

    sys.argv = ["nameko", "run", "--config", config, spec.service_class]
    nameko_main()


if __name__ == "__main__":
    main()
