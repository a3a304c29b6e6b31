from lowe_backbone.spec import ServiceSpec

SPEC = ServiceSpec(
    name="events",
    service_class="lowe_events.service:EventsService",
    migrations_package="lowe_events.migrations",
)
