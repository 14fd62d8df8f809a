"""Turn Wagtail page lifecycle signals into outbox events, inside the same transaction.

Admin views, services and importers all end in these signals, so none of them can
forget the outbox. Requests are atomic (ATOMIC_REQUESTS) and services wrap their
writes in `transaction.atomic`, so the event commits or rolls back with the change.

Deleting a live page needs no handler of its own: Wagtail unpublishes every live page
before deleting it (`wagtail.signal_handlers.pre_delete_page_unpublish`), which sends
`page_unpublished` and so records the tombstone; a page that is not live has nothing
public to withdraw.
"""
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import CentrePage, CollectionPage, CoursePage, OutboxEvent, ResourcePage
from .services.events import dependents_of, record_change, record_changes

TRACKED = (ResourcePage, CoursePage, CollectionPage, CentrePage)


@receiver(page_published)
def on_published(sender, instance, **kwargs):
    if isinstance(instance, TRACKED):
        record_change(instance, OutboxEvent.UPSERT)
        _dependents_changed(instance)


@receiver(page_unpublished)
def on_unpublished(sender, instance, **kwargs):
    if isinstance(instance, TRACKED):
        record_change(instance, OutboxEvent.DELETE)
        _dependents_changed(instance)


def _dependents_changed(page):
    """Courses, collections and remixes that show `page` carry its title and link in their own
    records, so partners mirroring them need an upsert too."""
    if isinstance(page, (ResourcePage, CoursePage)):
        record_changes(dependents_of(page), OutboxEvent.UPSERT)


@receiver(post_page_move)
def on_moved(sender, instance, **kwargs):
    specific = instance.specific
    if isinstance(specific, TRACKED) and specific.live:
        record_change(specific, OutboxEvent.UPSERT)
