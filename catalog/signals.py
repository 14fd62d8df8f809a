"""Turn Wagtail page lifecycle signals into outbox events, inside the same transaction.

Admin views, services and importers all end in these signals, so none of them can
forget the outbox. Requests are atomic (ATOMIC_REQUESTS) and services wrap their
writes in `transaction.atomic`, so the event commits or rolls back with the change.
"""
from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import CentrePage, CollectionPage, CoursePage, OutboxEvent, ResourcePage
from .services.events import record_change

TRACKED = (ResourcePage, CoursePage, CollectionPage, CentrePage)


@receiver(page_published)
def on_published(sender, instance, **kwargs):
    if isinstance(instance, TRACKED):
        record_change(instance, OutboxEvent.UPSERT)


@receiver(page_unpublished)
def on_unpublished(sender, instance, **kwargs):
    if isinstance(instance, TRACKED):
        record_change(instance, OutboxEvent.DELETE)


@receiver(post_page_move)
def on_moved(sender, instance, **kwargs):
    specific = instance.specific
    if isinstance(specific, TRACKED) and specific.live:
        record_change(specific, OutboxEvent.UPSERT)


def on_deleted(sender, instance, **kwargs):
    record_change(instance, OutboxEvent.DELETE)


for model in TRACKED:
    post_delete.connect(on_deleted, sender=model, dispatch_uid=f"outbox-delete-{model.__name__}")
