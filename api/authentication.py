"""Authenticates partners and centres by API key: `Authorization: Bearer oerhub_…` or `X-Api-Key: oerhub_…`.

A valid key makes `request.auth` the `ApiKey` and `request.user` the account it acts as
(anonymous when it has none). A key that is unknown, malformed, revoked, expired, or whose
partner is inactive is refused with 401 — never silently treated as anonymous, so a
partner notices a revoked key at once.
"""
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from .models import ApiKey

# last_used_at is written at most this often per key (seconds), not on every request.
LAST_USED_RESOLUTION = 60


class InvalidApiKey(exceptions.AuthenticationFailed):
    default_detail = _("The API key is not valid: it is unknown, revoked or expired.")
    default_code = "invalid_api_key"


def raw_key_from(request):
    header = authentication.get_authorization_header(request).decode("latin-1")
    if header:
        scheme, _sep, value = header.partition(" ")
        if scheme.lower() in ("bearer", "api-key", "apikey") and value.strip():
            return value.strip()
        return None
    return request.META.get("HTTP_X_API_KEY", "").strip() or None


class ApiKeyAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        raw = raw_key_from(request)
        if raw is None:
            return None
        key = ApiKey.objects.find(raw)
        if key is None or (key.partner is not None and not key.partner.is_active):
            raise InvalidApiKey()
        now = timezone.now()
        if key.last_used_at is None or (now - key.last_used_at).total_seconds() > LAST_USED_RESOLUTION:
            ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
        user = key.user if key.user is not None and key.user.is_active else AnonymousUser()
        return user, key

    def authenticate_header(self, request):
        # Makes DRF answer 401 (not 403) with WWW-Authenticate when credentials are missing or bad.
        return f'{self.keyword} realm="api"'
