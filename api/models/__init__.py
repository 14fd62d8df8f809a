"""Models of the partner-facing API, re-exported so callers import from `api.models`.

The api app has ONE migration, 0001_initial, until the first release: after changing a
model, delete it and run `manage.py makemigrations api --name initial`.
"""
from .idempotency import IdempotencyRecord  # noqa: F401
from .keys import ApiKey, Scope  # noqa: F401
from .partners import Partner  # noqa: F401
from .webhooks import DeliveryStatus, WebhookDelivery, WebhookEndpoint, WebhookFanout  # noqa: F401
