from lowe_backbone.spec import ServiceSpec

SPEC = ServiceSpec(
    name="notifications",
    service_class="lowe_notifications.service:NotificationsService",
    migrations_package="lowe_notifications.migrations",
)
