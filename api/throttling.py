"""Rate limits for the API: per API key, and per client IP for requests without a key (anonymous or signed in).

Counters live in the default cache: Redis when `REDIS_URL` is set (shared by every web
process), the process's own memory otherwise. Rates come from `API_THROTTLE_RATES`
(env `API_THROTTLE_KEY_RATE`, `API_THROTTLE_IP_RATE`, e.g. "1200/min"; "off" disables)
and are read on every request, so a changed setting applies at once. A refusal is 429
`throttled` with `Retry-After` and a message in the client's language.
"""
import math

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from rest_framework import exceptions
from rest_framework.throttling import SimpleRateThrottle

from .models import ApiKey


class RateLimited(exceptions.Throttled):
    """DRF's 429 with a translated message (DRF has no Vietnamese one)."""

    default_detail = _("Too many requests.")

    def __init__(self, wait):
        wait = max(1, math.ceil(wait or 1))
        super().__init__(detail=ngettext(
            "Too many requests: the limit for this API key or address was reached. Try again in %(wait)s second.",
            "Too many requests: the limit for this API key or address was reached. Try again in %(wait)s seconds.",
            wait) % {"wait": wait})
        self.wait = wait


def parse_rate(value):
    """A rate setting ("600/min", "10/s", "off" or empty) as DRF's "N/period", or None when disabled."""
    value = (value or "").strip().lower()
    return None if value in ("", "off", "none", "0") else value


class _SettingsRateThrottle(SimpleRateThrottle):
    def get_rate(self):
        return parse_rate(settings.API_THROTTLE_RATES.get(self.scope))

    def throttle_failure(self):
        raise RateLimited(self.wait())


class ApiKeyThrottle(_SettingsRateThrottle):
    """Counts the requests of each API key, wherever they come from."""

    scope = "api_key"

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiKey):
            return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}
        return None


class ClientIpThrottle(_SettingsRateThrottle):
    """Counts requests without an API key by client address (REST_FRAMEWORK NUM_PROXIES says which one)."""

    scope = "client_ip"

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiKey):
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
