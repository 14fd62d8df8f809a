"""Remix (tạo bản phái sinh): a new draft in the teacher's centre that adapts a published resource."""
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.errors import PermissionRefused, ValidationFailed

from .. import licences
from ..models import ResourcePage
from ..queries import public_resources
from .centres import centres_for_user
from .resources import create_resource


@transaction.atomic
def remix_resource(user, source, *, centre=None, licence=None, title=None):
    """Copy `source` into a draft of the teacher's centre, linked to it and attributed.

    Refused when the source licence forbids derivatives (ND) or when `licence` is not
    one a derivative may carry (share-alike keeps the licence; non-commercial stays so).
    """
    source = ResourcePage.objects.get(pk=source.pk)
    if not public_resources().filter(pk=source.pk).exists():
        raise ValidationFailed(_("Only published materials can be remixed."), code="not_published")
    if not licences.allows_remix(source.licence):
        raise ValidationFailed(
            _("“%(title)s” is licensed %(licence)s, which does not allow derivatives (ND). "
              "You may share it unchanged with attribution, but not remix it."),
            params={"title": source.title, "licence": source.licence}, code="remix_not_allowed",
        )
    licence = licence or source.licence
    if not licences.remix_licence_ok(source.licence, licence):
        raise ValidationFailed(
            _("A remix of material licensed %(source)s cannot be released under %(target)s."),
            params={"source": source.licence, "target": licence}, code="licence_incompatible", field="licence",
        )
    if centre is None:
        centre = centres_for_user(user).first()
        if centre is None:
            raise PermissionRefused(_("Join a centre before remixing materials."))
    data = {
        "title": title or _("%(title)s (remix)") % {"title": source.title},
        "summary": source.summary,
        "body": source.body,
        "external_url": source.external_url,
        "resource_type": source.resource_type,
        "licence": licence,
        "topics": source.topics.all(),
        "audiences": source.audiences.all(),
        "levels": source.levels.all(),
        "languages": source.languages.all(),
        "keywords": [tag.name for tag in source.keywords.all()],
        # The remixer authors the adaptation; the source's authors are credited through `based_on`.
        "authors": [{"name": user.get_full_name() or user.get_username()}],
        "based_on": source,
    }
    return create_resource(user, centre, data)
