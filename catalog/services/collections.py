"""Curated collections (e.g. a reading-week shelf) of published resources and courses."""
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.errors import PermissionRefused, ValidationFailed

from ..models import CollectionItem, CollectionPage, HomePage
from ..queries import public_pages
from .resources import _unique_slug, add_page


@transaction.atomic
def create_collection(user, parent, *, title, summary="", items=(), topics=(), publish=False):
    """A collection under a centre (or the home page, for administrators) listing `items` in order."""
    parent = parent.specific
    if user is not None:
        perms = parent.permissions_for_user(user)
        if not perms.can_add_subpage() or (publish and not perms.can_publish_subpage()):
            raise PermissionRefused(_("You cannot add a collection here."))
        if isinstance(parent, HomePage) and not user.is_superuser:
            raise PermissionRefused(_("Only administrators can add site-wide collections."))
    items = list(items)
    visible = set(public_pages().filter(pk__in=[p.pk for p in items]).values_list("pk", flat=True))
    hidden = [str(p) for p in items if p.pk not in visible]
    if hidden:
        raise ValidationFailed(_("Only published materials can be collected: %(titles)s."),
                               params={"titles": ", ".join(hidden)}, code="not_published")
    page = CollectionPage(title=title, summary=summary, slug=_unique_slug(parent, title), owner=user)
    page.topics.set(list(topics))
    page.items = [CollectionItem(item=p) for p in items]
    return add_page(parent, page, user, publish)
