"""Events written in the same transaction as every change learners can see.

`OutboxEvent` is a work queue: search indexing drains it and deletes a row only after the
engine accepted it. `ChangeEvent` is the permanent public history that partners follow
(the change feed, webhooks, OAI-PMH deletions): rows are never updated or deleted, and a
deletion or unpublishing stays as a tombstone forever. Do not write rows directly: call
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


class ChangeEvent(models.Model):
    """One public change, kept forever; `id` is the change feed's cursor.

    Ids are handed out in commit order (`catalog.services.events.record_changes` holds a
    lock from the insert to the commit on PostgreSQL; SQLite has one writer), so a reader
    that has seen id N never later finds a committed row below N.
    """

    UPSERT = OutboxEvent.UPSERT
    DELETE = OutboxEvent.DELETE

    id = models.BigAutoField(primary_key=True)
    object_type = models.CharField(_("object type"), max_length=40)
    object_id = models.BigIntegerField(_("object id"))
    source_id = models.CharField(_("source id"), max_length=500, blank=True)
    action = models.CharField(_("action"), max_length=10, choices=OutboxEvent.ACTIONS)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("change event")
        verbose_name_plural = _("change events")
        indexes = [
            # "latest event of this object" (OAI-PMH GetRecord, feed compaction)
            models.Index(fields=["object_type", "object_id", "id"], name="changeevent_object_idx"),
            # OAI-PMH from/until on datestamps
            models.Index(fields=["created_at"], name="changeevent_created_idx"),
        ]

    def __str__(self):
        return f"#{self.id} {self.action} {self.object_type}#{self.object_id}"
