"""The outbox: one row per change learners can see, written in the same transaction as the change.

Search indexing drains it (and deletes a row only after the engine accepted it); the
partner change feed builds on the same events. Do not write rows directly: call
`catalog.services.record_change`.
"""
from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxEvent(models.Model):
    UPSERT = "upsert"
    DELETE = "delete"
    ACTIONS = [(UPSERT, _("created or updated")), (DELETE, _("deleted or unpublished"))]

    id = models.BigAutoField(primary_key=True)
    object_type = models.CharField(_("object type"), max_length=40)
    object_id = models.BigIntegerField(_("object id"))
    source_id = models.CharField(_("source id"), max_length=500, blank=True)
    action = models.CharField(_("action"), max_length=10, choices=ACTIONS)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("outbox event")
        verbose_name_plural = _("outbox events")
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self):
        return f"{self.action} {self.object_type}#{self.object_id}"
