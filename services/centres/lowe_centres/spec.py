from lowe_backbone.spec import ServiceSpec

SPEC = ServiceSpec(
    name="centres",
    service_class="lowe_centres.service:CentresService",
    migrations_package="lowe_centres.migrations",
)
