"""Drains catalogue outbox events into the search backend; a row is deleted only after the engine accepted it.

Several events for one page collapse into its current state: a live, public page is
(re)indexed from the database, anything else is deleted from the index. A centre's
change re-indexes the pages under it (their centre and province facets), a collection's
change re-indexes its items (their popularity).
"""
import logging
from dataclasses import dataclass

from django.db import connection, transaction

from catalog.models import CentrePage, CollectionPage, CoursePage, OutboxEvent, ResourcePage

from .backends import get_search_backend
from .backends.base import BackendUnavailable
from .schema import documents_of

logger = logging.getLogger(__name__)
INDEXED_TYPES = ("resourcepage", "coursepage")
BATCH = 500


@dataclass
class DrainReport:
    indexed: int = 0
    deleted: int = 0
    events: int = 0
    error: str = ""


def _indexable():
    return (ResourcePage.objects.live().public(), CoursePage.objects.live().public())


def _affected_page_ids(events):
    """Ids of resources and courses whose index documents these events change."""
    ids = set()
    for event in events:
        if event.object_type in INDEXED_TYPES:
            ids.add(event.object_id)
        elif event.object_type == "centrepage":
            centre = CentrePage.objects.filter(pk=event.object_id).first()
            if centre is not None:
                ids.update(centre.get_descendants().values_list("pk", flat=True))
        elif event.object_type == "collectionpage":
            collection = CollectionPage.objects.filter(pk=event.object_id).first()
            if collection is not None:
                ids.update(collection.items.values_list("item_id", flat=True))
    return ids


def documents_and_deletions(page_ids):
    """Documents for the ids that are live and public; every other id is to be removed from the index."""
    documents = [doc for queryset in _indexable() for doc in documents_of(queryset.filter(pk__in=page_ids))]
    found = {doc["id"] for doc in documents}
    return documents, sorted(set(page_ids) - found)


def _claim(limit):
    queryset = OutboxEvent.objects.order_by("id")
    if connection.features.has_select_for_update_skip_locked:
        # Several workers may drain at once; each takes rows the others have not locked.
        queryset = queryset.select_for_update(skip_locked=True)
    return list(queryset[:limit])


def drain(backend=None, limit=BATCH, max_batches=None):
    """Index pending events until none are left (or `max_batches`); returns a DrainReport.

    When the engine is unreachable the rows stay, the report carries the error, and a
    later drain (after the next write, or the periodic task) catches up.
    """
    backend = backend or get_search_backend()
    report, batches = DrainReport(), 0
    while max_batches is None or batches < max_batches:
        batches += 1
        with transaction.atomic():
            events = _claim(limit)
            if not events:
                break
            documents, deletions = documents_and_deletions(_affected_page_ids(events))
            try:
                if documents:
                    backend.index_many(documents)
                if deletions:
                    backend.delete(deletions)
            except BackendUnavailable as exc:
                report.error = str(exc)
                logger.warning("Search engine unavailable; %s outbox events kept for later: %s", len(events), exc)
                break
            OutboxEvent.objects.filter(pk__in=[e.pk for e in events]).delete()
        report.indexed += len(documents)
        report.deleted += len(deletions)
        report.events += len(events)
        if len(events) < limit:
            break
    return report


def pending():
    return OutboxEvent.objects.count()
