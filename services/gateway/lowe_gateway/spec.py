from lowe_backbone.spec import ServiceSpec

SPEC = ServiceSpec(
    name="gateway",
    service_class="lowe_gateway.service:GatewayService",
    migrations_package="lowe_gateway.migrations",  # its API keys' hashes
)
