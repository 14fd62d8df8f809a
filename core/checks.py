"""System checks that catch misconfiguration at start-up and say how to fix it."""
from urllib.parse import urlparse

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

SEARCH_BACKENDS = ("database", "elasticsearch")


@register(Tags.compatibility)
def check_environment(app_configs, **kwargs):
    problems = []
    if settings.SEARCH_BACKEND not in SEARCH_BACKENDS:
        problems.append(Error(
            f"SEARCH_BACKEND is '{settings.SEARCH_BACKEND}'.",
            hint=f"Set SEARCH_BACKEND to one of: {', '.join(SEARCH_BACKENDS)}.", id="oerhub.E001",
        ))
    if settings.SEARCH_BACKEND == "elasticsearch" and not settings.ELASTICSEARCH_URL:
        problems.append(Error(
            "SEARCH_BACKEND is 'elasticsearch' but ELASTICSEARCH_URL is empty.",
            hint="Set ELASTICSEARCH_URL, e.g. http://elasticsearch:9200.", id="oerhub.E002",
        ))
    base = urlparse(settings.SITE_BASE_URL)
    if base.scheme not in ("http", "https") or not base.netloc:
        problems.append(Error(
            f"SITE_BASE_URL '{settings.SITE_BASE_URL}' is not an absolute http(s) URL.",
            hint="Set SITE_BASE_URL to the public address of the site, e.g. https://hoclieu.example.vn.",
            id="oerhub.E003",
        ))
    if not settings.OER_VOCAB_BASE_URI.endswith("/"):
        problems.append(Warning(
            "OER_VOCAB_BASE_URI should end with '/'; vocabulary URIs are built by appending to it.",
            id="oerhub.W001",
        ))
    return problems
