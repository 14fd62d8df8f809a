"""Webhooks: a partner's registered URLs and the log of every delivery made to them.

A delivery is created for each change-feed event (`catalog.ChangeEvent`) an active endpoint
asked for, after the change committed (`api.webhooks.fan_out`), and sent in the background
(`api.webhooks.deliver_due`): publishing never waits for a partner's server.
"""
import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

RESOURCE_TYPES = ("resource", "course", "collection", "centre")
ACTIONS = {"upsert": "upserted", "delete": "deleted"}
# "resource.upserted", "resource.deleted", "course.upserted", ... (the feed's type × action).
EVENT_TYPES = tuple(f"{kind}.{verb}" for kind in RESOURCE_TYPES for verb in ACTIONS.values())
PING = "ping"


def event_type(item_type, action):
    """The webhook event name of a change-feed item: ("resource", "upsert") → "resource.upserted"."""
    return f"{item_type}.{ACTIONS[action]}"


def new_secret():
    return "whsec_" + secrets.token_urlsafe(32)


class WebhookEndpoint(models.Model):
    """A URL of a partner's that receives signed change events."""

    partner = models.ForeignKey("api.Partner", verbose_name=_("partner"), on_delete=models.CASCADE,
                                related_name="webhooks")
    url = models.URLField(_("URL"), max_length=1000)
    description = models.CharField(_("description"), max_length=200, blank=True)
    event_types = models.JSONField(
        _("event types"), default=list,
        help_text=_("Events sent to this URL, such as resource.upserted or course.deleted."))
    secret = models.CharField(_("signing secret"), max_length=100, default=new_secret, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    # Only changes recorded after the endpoint was registered are delivered to it.
    start_after = models.BigIntegerField(_("first change id not delivered"), default=0, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    consecutive_failures = models.PositiveIntegerField(_("failures in a row"), default=0, editable=False)
    total_failures = models.PositiveIntegerField(_("failed attempts"), default=0, editable=False)
    last_success_at = models.DateTimeField(_("last success"), null=True, blank=True, editable=False)
    last_failure_at = models.DateTimeField(_("last failure"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")

    def __str__(self):
        return f"{self.partner} → {self.url}"

    def wants(self, name):
        return name in (self.event_types or [])


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    SUCCEEDED = "succeeded", _("succeeded")
    FAILED = "failed", _("failed, will retry")
    GAVE_UP = "gave_up", _("gave up")


class WebhookDelivery(models.Model):
    """One event for one endpoint, with every attempt made to deliver it (`attempt_log`)."""

    endpoint = models.ForeignKey(WebhookEndpoint, verbose_name=_("endpoint"), on_delete=models.CASCADE,
                                 related_name="deliveries")
    change = models.ForeignKey("catalog.ChangeEvent", verbose_name=_("change"), null=True, blank=True,
                               on_delete=models.CASCADE, related_name="+")
    event_type = models.CharField(_("event"), max_length=40)
    status = models.CharField(_("status"), max_length=10, choices=DeliveryStatus.choices,
                              default=DeliveryStatus.PENDING)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    last_status_code = models.PositiveIntegerField(_("last HTTP status"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    response_excerpt = models.TextField(_("response excerpt"), blank=True)
    attempt_log = models.JSONField(_("attempts made"), default=list, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        indexes = [
            # "what is due now" for the sender; pending and failed rows only are ever due
            models.Index(fields=["status", "next_attempt_at"], name="webhookdelivery_due_idx"),
        ]

    def __str__(self):
        return f"#{self.pk} {self.event_type} → {self.endpoint_id} ({self.status})"


class WebhookFanout(models.Model):
    """A single row: the last change id for which deliveries were created (the fan-out's high-water mark).

    Locked while deliveries are created, so two workers never create the same delivery twice;
    change ids commit in order (catalog.services.events), so no change is skipped.
    """

    last_change_id = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("webhook fan-out position")
