"""What the public (learners, partners, anonymous users) may see: live, public pages only."""
from wagtail.models import Page

from .models import CentrePage, CollectionPage, CoursePage, ResourcePage


def public_pages():
    return Page.objects.live().public()


def public_resources():
    return (
        ResourcePage.objects.live().public()
        .select_related("licence", "resource_type")
        .prefetch_related("topics", "languages", "authors")
    )


def public_courses():
    return CoursePage.objects.live().public().select_related("licence")


def public_collections():
    return CollectionPage.objects.live().public()


def public_centres():
    return CentrePage.objects.live().public().select_related("province", "district")


def public_url(page, request=None):
    """The absolute public address of a page, on SITE_BASE_URL: the one address that records,
    exports, the change feed, OAI and attribution cite (whatever host names Wagtail's Site has).
    `request` may be any object Wagtail caches its site root paths on, as in `get_url_parts`."""
    from django.conf import settings

    _site_id, _root, path = page.get_url_parts(request=request) or (None, None, None)
    if path is None:
        return ""
    return settings.SITE_BASE_URL.rstrip("/") + path


def with_centres(pages):
    """Pair each page with its (public) centre, fetching all centres in one query.

    Returns a list of ``{"page": page, "centre": centre_or_None}`` for result cards.
    """
    pages = list(pages)
    step = Page.steplen
    prefixes = {p.path[:i] for p in pages for i in range(step, len(p.path), step)}
    centres = {c.path: c for c in public_centres().filter(path__in=prefixes)} if prefixes else {}
    cards = []
    for page in pages:
        centre = next(
            (centres[page.path[:i]] for i in range(len(page.path) - step, 0, -step) if page.path[:i] in centres),
            None,
        )
        cards.append({"page": page, "centre": centre})
    return cards
