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


def public_url(page):
    """The absolute public address of a page, on SITE_BASE_URL (what attribution and exports cite)."""
    from django.conf import settings

    _site_id, _root, path = page.get_url_parts() or (None, None, None)
    if path is None:
        return ""
    return settings.SITE_BASE_URL.rstrip("/") + path
