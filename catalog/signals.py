"""Turn Wagtail page lifecycle signals into outbox events, inside the same transaction.

Admin views, services and importers all end in these signals, so none of them can
forget the outbox. Requests are atomic (ATOMIC_REQUESTS) and services wrap their
writes in `transaction.atomic`, so the event commits or rolls back with the change.

Deleting a live page needs no handler of its own: Wagtail unpublishes every live page
before deleting it (`wagtail.signal_handlers.pre_delete_page_unpublish`), which sends
`page_unpublished` and so records the tombstone; a page that is not live has nothing
public to withdraw.
"""
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import PageLogEntry, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import CentrePage, CollectionPage, CoursePage, OutboxEvent, ResourcePage
from .services.events import dependents_of, record_change, record_changes

TRACKED = (ResourcePage, CoursePage, CollectionPage, CentrePage)


@receiver(page_published)
def on_published(sender, instance, revision=None, **kwargs):
    if isinstance(instance, TRACKED):
        record_change(instance, OutboxEvent.UPSERT)
        _dependents_changed(instance)
    if isinstance(instance, CentrePage) and _centre_identity_changed(instance):
        _centre_pages_changed(instance)


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


# What a centre lends to the public records of the pages inside it: the publisher's name and URI
# (from the slug), the province facet, and the URL path of every page below it.
CENTRE_IDENTITY = ("title", "slug", "province")


def _centre_identity_changed(centre):
    """Whether `centre`, published now, differs from its previous publication in anything its
    pages' records show. Wagtail logs "wagtail.publish" after sending `page_published`, so the
    newest such entry is the previous publication (a saved draft in between does not count)."""
    previous = (PageLogEntry.objects.filter(page_id=centre.pk, action="wagtail.publish", revision__isnull=False)
                .select_related("revision").order_by("-timestamp", "-pk").first())
    if previous is None:
        return True
    before = previous.revision.content
    now = {"title": centre.title, "slug": centre.slug, "province": centre.province_id}
    return any(before.get(name) != now[name] for name in CENTRE_IDENTITY)


def _centre_pages_changed(centre):
    """Re-send the records of every live resource, course and collection in a renamed centre."""
    pages = []
    for model in (ResourcePage, CoursePage, CollectionPage):
        pages.extend(model.objects.live().descendant_of(centre).order_by("pk"))
    record_changes(pages, OutboxEvent.UPSERT)


@receiver(post_page_move)
def on_moved(sender, instance, **kwargs):
    specific = instance.specific
    if isinstance(specific, TRACKED) and specific.live:
        record_change(specific, OutboxEvent.UPSERT)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def on_view_restriction_changed(sender, instance, **kwargs):
    """A page made private (or public again) takes every live page below it out of the public
    catalogue (or back in). The events are upserts: the change feed serves an upsert of a page
    that is no longer public as a delete, and search drops what learners may not see."""
    page = instance.page
    pages = []
    for model in TRACKED:
        pages.extend(model.objects.live().descendant_of(page, inclusive=True).order_by("path"))
    record_changes(pages, OutboxEvent.UPSERT)
