from lowe_backbone.spec import ServiceSpec

SPEC = ServiceSpec(
    name="partners",
    service_class="lowe_partners.service:PartnersService",
    migrations_package="lowe_partners.migrations",
)
