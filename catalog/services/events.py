"""Recording outbox events; the one place that writes `OutboxEvent` rows.

`outbox_written` is sent after rows are added (inside the writing transaction) so that
consumers, such as search, can schedule their work for after the commit.
"""
from django.dispatch import Signal

from ..models.events import OutboxEvent

outbox_written = Signal()


def record_change(page, action):
    """Queue `page` for indexing and the change feed; call inside the writing transaction."""
    return record_changes([page], action)[0]


def record_changes(pages, action):
    events = OutboxEvent.objects.bulk_create([
        OutboxEvent(object_type=page._meta.model_name, object_id=page.pk,
                    source_id=getattr(page, "source_id", "") or "", action=action)
        for page in pages
    ])
    outbox_written.send(sender=OutboxEvent, events=events)
    return events
