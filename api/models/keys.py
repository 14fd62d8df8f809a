"""API keys for partners and centres: shown once, stored as a SHA-256 digest, scoped and revocable.

A key looks like `oerhub_<prefix>_<secret>`. The prefix is stored in clear to find the row
and to let people tell keys apart in lists; the whole key is stored only as its SHA-256
digest. Keys carry 256 bits of randomness, so a fast digest is safe here (a slow password
hash is for guessable secrets) and verifying a key costs microseconds per request.

Written by hand rather than with djangorestframework-api-key: that package authorises in
permission classes and leaves `request.auth` empty, while the hub needs the key as the
request's credentials (its scopes, its owner, its acting user) in authentication, throttling
and the services alike.
"""
import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

KEY_PREFIX = "oerhub"


class Scope(models.TextChoices):
    READ = "read", _("read: catalogue records, including a partner's own unpublished ones")
    SYNC = "sync", _("sync: change feed, webhooks and their delivery log")
    WRITE = "write", _("write: create, update and retire resources, bulk ingest")


def digest(raw_key):
    return hashlib.sha256(raw_key.encode("utf-8")).hexdigest()


class ApiKeyQuerySet(models.QuerySet):
    def active(self):
        now = timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now))

    def find(self, raw_key):
        """The active key whose secret is `raw_key`, or None (also for any malformed value)."""
        parts = (raw_key or "").split("_")
        if len(parts) != 3 or parts[0] != KEY_PREFIX or not parts[1] or not parts[2]:
            return None
        key = self.active().select_related("partner", "centre", "user").filter(prefix=parts[1]).first()
        if key is None or not hmac.compare_digest(key.hashed_key, digest(raw_key)):
            return None
        return key


class ApiKey(models.Model):
    """A credential held by a partner organisation or a centre.

    `user` is the account the key acts as when it writes: catalog.services checks that
    account's permissions, so a key can never do more than the person it acts for.
    """

    name = models.CharField(_("name"), max_length=100, help_text=_("What the key is used for, e.g. \"Moodle sync\"."))
    prefix = models.CharField(_("prefix"), max_length=16, unique=True, editable=False)
    hashed_key = models.CharField(_("key digest"), max_length=64, editable=False)
    scopes = models.JSONField(_("scopes"), default=list)
    partner = models.ForeignKey("api.Partner", verbose_name=_("partner"), null=True, blank=True,
                                on_delete=models.CASCADE, related_name="api_keys")
    centre = models.ForeignKey("catalog.CentrePage", verbose_name=_("centre"), null=True, blank=True,
                               on_delete=models.CASCADE, related_name="api_keys")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("acts as"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="api_keys")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = ApiKeyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(partner__isnull=False, centre__isnull=True)
                | models.Q(partner__isnull=True, centre__isnull=False),
                name="apikey_partner_xor_centre",
                violation_error_message=_("A key belongs to exactly one partner or one centre."),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({KEY_PREFIX}_{self.prefix}_…)"

    @classmethod
    def generate(cls, **fields):
        """A new unsaved key and its raw value; the raw value is shown once and never stored."""
        prefix = secrets.token_hex(4)
        raw = f"{KEY_PREFIX}_{prefix}_{secrets.token_urlsafe(32).replace('_', '-')}"
        return cls(prefix=prefix, hashed_key=digest(raw), **fields), raw

    @property
    def owner(self):
        return self.partner or self.centre

    @property
    def is_active(self):
        now = timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)

    def has_scope(self, scope):
        return scope in (self.scopes or [])
