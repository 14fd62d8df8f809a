"""App configuration for the REST API layer."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("REST API")

    def ready(self):
        from . import schema  # noqa: F401  (registers the OpenAPI extensions)
        from . import webhooks  # noqa: F401  (schedules deliveries after each committed change)
