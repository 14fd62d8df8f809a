"""Recording outbox events; the one place that writes `OutboxEvent` rows."""
from ..models.events import OutboxEvent


def record_change(page, action):
    """Queue `page` for indexing and the change feed; call inside the writing transaction."""
    return OutboxEvent.objects.create(
        object_type=page._meta.model_name,
        object_id=page.pk,
        source_id=getattr(page, "source_id", "") or "",
        action=action,
    )
