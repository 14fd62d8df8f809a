"""Recording public changes; the one place that writes `OutboxEvent` and `ChangeEvent` rows.

`outbox_written` is sent after rows are added (inside the writing transaction) so that
consumers, such as search and webhooks, can schedule their work for after the commit.
"""
from django.db import connection, models
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


def dependents_of(page):
    """Live pages whose public record shows `page`: courses listing it as a lesson, collections
    holding it, remixes based on it. Their records change when it is renamed or withdrawn."""
    from wagtail.models import ReferenceIndex

    from ..models import CollectionPage, CoursePage, ResourcePage

    referring = {int(ref.object_id) for ref in ReferenceIndex.get_references_to(page).only("object_id")
                 if str(ref.object_id).isdigit()}
    found = []
    for model, direct in ((CoursePage, None), (CollectionPage, "items__item"), (ResourcePage, "based_on")):
        match = models.Q(pk__in=referring)
        if direct:
            match |= models.Q(**{direct: page.pk})
        found.extend(model.objects.live().filter(match).exclude(pk=page.pk).distinct().order_by("pk"))
    return found
