"""Recording public changes; the one place that writes `OutboxEvent` and `ChangeEvent` rows.

`outbox_written` is sent after rows are added (inside the writing transaction) so that
consumers, such as search and webhooks, can schedule their work for after the commit.
"""
from django.db import connection
from django.dispatch import Signal

from ..models.events import ChangeEvent, OutboxEvent

outbox_written = Signal()

# Any constant shared by every writer: pg_advisory_xact_lock(key) is held until commit.
CHANGE_LOG_LOCK = 0x6F65725F6368  # "oer_ch"


def record_change(page, action):
    """Queue `page` for indexing and the change feed; call inside the writing transaction."""
    return record_changes([page], action)[0]


def record_changes(pages, action):
    rows = [dict(object_type=page._meta.model_name, object_id=page.pk,
                 source_id=getattr(page, "source_id", "") or "", action=action) for page in pages]
    if not rows:
        return []
    events = OutboxEvent.objects.bulk_create([OutboxEvent(**row) for row in rows])
    _serialise_change_log()
    ChangeEvent.objects.bulk_create([ChangeEvent(**row) for row in rows])
    outbox_written.send(sender=OutboxEvent, events=events)
    return events


def _serialise_change_log():
    """Make change ids commit in the order they are handed out.

    Two PostgreSQL transactions could otherwise take ids 10 and 11 and commit 11 first; a
    partner reading the feed in between would move its cursor past 10 and never see it.
    The transaction-level advisory lock is taken before the ids and released at commit or
    rollback. SQLite allows one writer at a time, which gives the same order.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHANGE_LOG_LOCK])
