"""Creating, editing and deleting resources and courses, with permission checks and validation."""
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.actions.edit_page import EditPageAction

from core.errors import PermissionRefused, ValidationFailed
from core.text import slugify_vi

from ..models import CentrePage, CoursePage, ResourceAuthor, ResourceFile, ResourcePage

RESOURCE_FIELDS = (
    "title", "summary", "body", "external_url", "resource_type", "licence", "date_created",
    "source_id", "based_on", "based_on_record",
)
RESOURCE_M2M = ("topics", "audiences", "levels", "languages")
COURSE_FIELDS = ("title", "summary", "body", "hours", "completion_criteria", "licence", "source_id", "modules")
COURSE_M2M = ("topics", "audiences", "levels", "languages")


def _unique_slug(parent, title, exclude_pk=None):
    base = slugify_vi(title)
    taken = set(
        parent.get_children().filter(slug__startswith=base).exclude(pk=exclude_pk).values_list("slug", flat=True)
    )
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _apply(page, data, fields, m2m):
    unknown = set(data) - set(fields) - set(m2m) - {"keywords", "authors", "files", "slug"}
    if unknown:
        raise ValidationFailed(_("Unknown fields: %(fields)s."), params={"fields": ", ".join(sorted(unknown))},
                               code="unknown_field")
    for name in fields:
        if name in data:
            setattr(page, name, data[name])
    for name in m2m:
        if name in data:
            getattr(page, name).set(list(data[name]))
    if "keywords" in data:
        page.keywords.set(list(dict.fromkeys(k.strip() for k in data["keywords"] if k.strip())))
    # An explicit sort_order keeps authors and files in the given order on every database.
    if "authors" in data:
        page.authors = [ResourceAuthor(sort_order=i, **author) for i, author in enumerate(data["authors"])]
    if "files" in data:
        page.files = [ResourceFile(sort_order=i, **f) for i, f in enumerate(data["files"])]


def _require_publishable(page):
    """Fields a learner needs; drafts may leave them empty, published pages may not."""
    missing = []
    if not (page.summary or "").strip():
        missing.append(_("summary"))
    if isinstance(page, ResourcePage):
        if page.resource_type_id is None:
            missing.append(_("resource type"))
        if not page.topics.all():
            missing.append(_("topics"))
        if not page.languages.all():
            missing.append(_("languages"))
    if page.licence_id is None:
        missing.append(_("licence"))
    if missing:
        raise ValidationFailed(_("Cannot publish: fill in %(fields)s."),
                               params={"fields": ", ".join(str(m) for m in missing)}, code="incomplete")


def _validate(page, publish):
    exclude = ["path", "depth", "numchild", "url_path", "draft_title", "live_revision"]
    if publish:
        _require_publishable(page)
    else:
        # Drafts may leave required fields empty, as in the Wagtail editor; publishing checks them.
        exclude += [f.name for f in page._meta.concrete_fields if not f.blank and getattr(page, f.attname) in (None, "")]
    try:
        page.full_clean(exclude=exclude)
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        try:
            label = page._meta.get_field(field).verbose_name
        except FieldDoesNotExist:
            label = field
        raise ValidationFailed(_("%(field)s: %(message)s"), params={"field": label, "message": messages[0]},
                               field=field, code="invalid") from exc


def _check_add(user, centre, publish):
    if user is None:
        return
    perms = centre.permissions_for_user(user)
    if not perms.can_add_subpage():
        raise PermissionRefused(_("You can only add materials to a centre you belong to."))
    if publish and not perms.can_publish_subpage():
        raise PermissionRefused(_("Only the centre's moderators can publish; submit it for review instead."))


def _check_edit(user, page, publish):
    if user is None:
        return
    perms = page.permissions_for_user(user)
    if not perms.can_edit():
        raise PermissionRefused(_("You cannot edit materials of another centre."))
    if publish and not perms.can_publish():
        raise PermissionRefused(_("Only the centre's moderators can publish; submit it for review instead."))


def _create(model, fields, m2m, user, centre, data, publish):
    if not isinstance(centre, CentrePage):
        raise ValidationFailed(_("Materials must belong to a centre."), code="no_centre")
    _check_add(user, centre, publish)
    if not (data.get("title") or "").strip():
        raise ValidationFailed(_("A title is required."), field="title", code="required")
    page = model(owner=user)
    _apply(page, data, fields, m2m)
    page.slug = data.get("slug") or _unique_slug(centre, page.title)
    page.depth = centre.depth + 1  # lets full_clean check slug uniqueness among siblings
    page.path = centre.path + "0000"
    _validate(page, publish)
    page.path = page.depth = None
    return add_page(centre, page, user, publish)


def add_page(parent, page, user, publish):
    """Add a validated page under `parent` with its first revision, published if asked.

    Wagtail's CreatePageAction needs an admin form; without one, do what the admin's create
    view does: add the page (logs wagtail.create), save a revision, publish if asked.
    """
    page.live = False
    parent.add_child(instance=page)
    revision = page.save_revision(user=user, log_action=True, clean=False)
    if publish:
        revision.publish(user=user, skip_permission_checks=True)
        page.refresh_from_db()
    return page


def _update(model, fields, m2m, user, page, data, publish):
    page = model.objects.get(pk=page.pk)
    _check_edit(user, page, publish)
    draft = page.get_latest_revision_as_object()
    _apply(draft, data, fields, m2m)
    _validate(draft, publish)
    action = EditPageAction(draft, user=user, publish=publish, clean=False)
    return action.execute(skip_permission_checks=True)


@transaction.atomic
def create_resource(user, centre, data, *, publish=False):
    """A new resource in `centre`; a draft unless `publish` (moderators and importers only)."""
    return _create(ResourcePage, RESOURCE_FIELDS, RESOURCE_M2M, user, centre, data, publish)


@transaction.atomic
def update_resource(user, page, data, *, publish=False):
    """Save changes as a new revision; a live page keeps serving its published version until published."""
    return _update(ResourcePage, RESOURCE_FIELDS, RESOURCE_M2M, user, page, data, publish)


@transaction.atomic
def create_course(user, centre, data, *, publish=False):
    return _create(CoursePage, COURSE_FIELDS, COURSE_M2M, user, centre, data, publish)


@transaction.atomic
def update_course(user, page, data, *, publish=False):
    return _update(CoursePage, COURSE_FIELDS, COURSE_M2M, user, page, data, publish)


@transaction.atomic
def delete_page(user, page):
    """Delete a resource, course or collection; its outbox tombstone is recorded by the delete signal."""
    page = page.specific
    if user is not None and not page.permissions_for_user(user).can_delete():
        raise PermissionRefused(_("You cannot delete this material."))
    page.delete(user=user)
