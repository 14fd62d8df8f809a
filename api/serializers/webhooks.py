"""The JSON of `/api/v1/webhooks/`: a partner's endpoints (with their signing secret) and their delivery log."""
from rest_framework import serializers

from ..changes import encode_cursor
from ..models.webhooks import EVENT_TYPES, WebhookDelivery, WebhookEndpoint

ENDPOINT_FIELDS = ("id", "url", "description", "event_types", "is_active", "created_at", "updated_at",
                   "consecutive_failures", "total_failures", "last_success_at", "last_failure_at")


class WebhookEndpointSerializer(serializers.ModelSerializer):
    event_types = serializers.ListField(
        child=serializers.ChoiceField(EVENT_TYPES), min_length=1, default=list(EVENT_TYPES),
        help_text="Events to receive; all of them when left out.")

    class Meta:
        model = WebhookEndpoint
        fields = ENDPOINT_FIELDS
        read_only_fields = ("id", "created_at", "updated_at", "consecutive_failures", "total_failures",
                            "last_success_at", "last_failure_at")
        extra_kwargs = {"url": {"help_text": "http:// or https:// address that accepts POST requests."}}

    def validate_event_types(self, value):
        return sorted(set(value), key=EVENT_TYPES.index)


class WebhookEndpointDetailSerializer(WebhookEndpointSerializer):
    secret = serializers.CharField(
        read_only=True,
        help_text="Key of the HMAC-SHA256 in X-OERHub-Signature. Shown here and when the webhook is created.")

    class Meta(WebhookEndpointSerializer.Meta):
        fields = ENDPOINT_FIELDS + ("secret",)


class AttemptSerializer(serializers.Serializer):
    attempt = serializers.IntegerField()
    at = serializers.DateTimeField()
    status_code = serializers.IntegerField(allow_null=True, help_text="HTTP status; null when no answer came.")
    error = serializers.CharField(allow_blank=True, help_text="Why it failed (empty on success).")
    milliseconds = serializers.IntegerField()
    next_attempt_at = serializers.DateTimeField(allow_null=True, help_text="When the retry is due, if any.")


class WebhookDeliverySerializer(serializers.ModelSerializer):
    cursor = serializers.SerializerMethodField(help_text="Change-feed cursor of the change (null for a ping).")
    attempt_log = AttemptSerializer(many=True, read_only=True)

    class Meta:
        model = WebhookDelivery
        fields = ("id", "event_type", "cursor", "status", "attempts", "created_at", "last_attempt_at",
                  "next_attempt_at", "delivered_at", "last_status_code", "last_error", "response_excerpt",
                  "attempt_log")
        read_only_fields = fields

    def get_cursor(self, delivery) -> str | None:
        return encode_cursor(delivery.change_id) if delivery.change_id else None


class WebhookDeliveryPageSerializer(serializers.Serializer):
    next = serializers.URLField(allow_null=True, help_text="Older deliveries.")
    previous = serializers.URLField(allow_null=True, help_text="Newer deliveries.")
    results = WebhookDeliverySerializer(many=True)
