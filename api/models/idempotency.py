"""Stored responses of POSTs sent with an `Idempotency-Key` header, so a retried request is answered without a second write.

A record is written in the same transaction as the resources the request creates: it
exists exactly when the write committed. Records are scoped to one credential (an API
key, or a signed-in user) and kept for `API_IDEMPOTENCY_HOURS`.
"""
from django.db import models
from django.utils.translation import gettext_lazy as _


class IdempotencyRecord(models.Model):
    """The first response to (credential, key); `fingerprint` is the digest of what was sent."""

    credential = models.CharField(_("credential"), max_length=40,
                                  help_text=_("Whose key this is: \"key:<id>\" or \"user:<id>\"."))
    key = models.CharField(_("idempotency key"), max_length=255)
    fingerprint = models.CharField(_("request digest"), max_length=64)
    status = models.PositiveSmallIntegerField(_("response status"))
    body = models.JSONField(_("response body"), null=True, blank=True)
    location = models.CharField(_("Location header"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("idempotency record")
        verbose_name_plural = _("idempotency records")
        constraints = [models.UniqueConstraint(fields=["credential", "key"], name="idempotency_credential_key")]

    def __str__(self):
        return f"{self.credential} {self.key}"
