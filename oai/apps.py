"""App configuration for the OAI-PMH data provider."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OaiConfig(AppConfig):
    name = "oai"
    verbose_name = _("OAI-PMH")
