"""Creating many resources at once for importers: the same pages, revisions and outbox events, in a few queries.

`create_resource` adds one page through Wagtail (tree insert, revision, publish, logs,
reference and search-index updates: about a hundred queries). An import of thousands
of records cannot afford that, so this path writes the same rows in bulk: base page rows
with their tree paths, the resource rows, relations, a first revision per page (the
revision history teachers and moderators see), a creation log entry, and — when
published — the outbox events, all in the caller's transaction. What it leaves out is
Wagtail's own admin search index and reference index, which `python manage.py
update_index` and `rebuild_references_index` bring up to date (the hub's search reads the
outbox, not those).

Validation is the same as `create_resource` for a trusted caller (user=None).
"""
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.models import Page, PageLogEntry, Revision

from core.errors import ValidationFailed

from ..models import CentrePage, OutboxEvent, ResourceAuthor, ResourceFile, ResourcePage, ResourceTag
from .events import record_changes
from .resources import RESOURCE_FIELDS, RESOURCE_M2M, _apply, _require_publishable, _unique_slug

TREE_FIELDS = ("path", "depth", "numchild", "url_path", "draft_title", "live_revision", "latest_revision", "slug")


def prepare_resource(centre, data, *, publish):
    """Build and validate an unsaved resource page for `centre` (raises ValidationFailed); no writes."""
    if not isinstance(centre, CentrePage):
        raise ValidationFailed(_("Materials must belong to a centre."), code="no_centre")
    if not (data.get("title") or "").strip():
        raise ValidationFailed(_("A title is required."), field="title", code="required")
    page = ResourcePage(owner=None)
    _apply(page, data, RESOURCE_FIELDS, RESOURCE_M2M)
    if publish:
        _require_publishable(page)
    if page.licence_id and not page.licence.is_open:
        raise ValidationFailed(_("%(field)s: %(message)s"), field="licence", code="invalid",
                               params={"field": _("licence"), "message": _("Only open licences may be used.")})
    exclude = [f.name for f in page._meta.concrete_fields if f.is_relation] + list(TREE_FIELDS)
    exclude += ["source_id"]  # uniqueness is checked for the whole batch at once
    if not publish:
        exclude += [f.name for f in page._meta.concrete_fields if not f.blank and getattr(page, f.attname) in (None, "")]
    try:
        page.clean_fields(exclude=exclude)
    except Exception as exc:  # django ValidationError
        field, messages = next(iter(exc.message_dict.items()))
        label = page._meta.get_field(field).verbose_name
        raise ValidationFailed(_("%(field)s: %(message)s"), params={"field": label, "message": messages[0]},
                               field=field, code="invalid") from exc
    if not page.source_id:
        page.source_id = f"urn:uuid:{uuid.uuid4()}"
    page._bulk_centre = centre
    return page


def _place(pages, now, publish):
    """Give each page its slug, tree path and URL path under its centre (siblings appended in order)."""
    by_centre = {}
    for page in pages:
        by_centre.setdefault(page._bulk_centre.pk, []).append(page)
    content_type = ContentType.objects.get_for_model(ResourcePage)
    for siblings in by_centre.values():
        centre = CentrePage.objects.select_for_update().get(pk=siblings[0]._bulk_centre.pk)
        last = centre.get_last_child()
        step = Page._str2int(last.path[-Page.steplen:]) if last else 0
        taken = set()
        for page in siblings:
            step += 1
            slug = _unique_slug(centre, page.title)
            base, n = slug, 2
            while slug in taken:
                slug, n = f"{base}-{n}", n + 1
            taken.add(slug)
            page.slug = slug
            page.depth = centre.depth + 1
            page.path = Page._get_path(centre.path, page.depth, step)
            page.url_path = f"{centre.url_path}{slug}/"
            page.numchild = 0
            page.draft_title = page.title
            page.locale_id = centre.locale_id
            page.content_type = content_type
            page.translation_key = uuid.uuid4()
            page.live = publish
            page.has_unpublished_changes = not publish
            page.latest_revision_created_at = now
            if publish:
                page.first_published_at = page.last_published_at = now
        Page.objects.filter(pk=centre.pk).update(numchild=F("numchild") + len(siblings))


def _insert(pages):
    # Django refuses bulk_create for multi-table inheritance, so insert the two tables
    # separately: Page rows (ids returned), then ResourcePage rows pointing at them.
    Page.objects.bulk_create(pages)
    for page in pages:
        page.page_ptr_id = page.id
    fields = list(ResourcePage._meta.local_concrete_fields)
    ResourcePage._base_manager._insert(pages, fields=fields, using=ResourcePage.objects.db)


def _relations(pages):
    for name in RESOURCE_M2M:
        through = getattr(ResourcePage, name).through
        rows = []
        for page in pages:
            for obj in getattr(page, name).all():
                rows.append(through(resourcepage_id=page.pk, **{f"{through_target(through)}_id": obj.pk}))
        through.objects.bulk_create(rows)
    names = {tag.name for page in pages for tag in page.keywords.all()}
    existing = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
    missing = [Tag(name=name, slug=_tag_slug(name)) for name in sorted(names - set(existing))]
    for tag in missing:
        tag.save()  # taggit makes slugs unique on save; new tag names are few
        existing[tag.name] = tag
    ResourceTag.objects.bulk_create([
        ResourceTag(content_object_id=page.pk, tag=existing[tag.name]) for page in pages for tag in page.keywords.all()
    ])
    authors, files = [], []
    for page in pages:
        for order, author in enumerate(page.authors.all()):
            authors.append(ResourceAuthor(page_id=page.pk, sort_order=order, name=author.name, kind=author.kind,
                                          identifier=author.identifier, affiliation=author.affiliation))
        for order, item in enumerate(page.files.all()):
            files.append(ResourceFile(page_id=page.pk, sort_order=order, document_id=item.document_id,
                                      content_url=item.content_url, name=item.name, mime_type=item.mime_type,
                                      size=item.size))
    ResourceAuthor.objects.bulk_create(authors)
    ResourceFile.objects.bulk_create(files)


def through_target(through):
    """Name of the non-page side of a ParentalManyToMany through model (e.g. 'topic')."""
    return next(f.name for f in through._meta.concrete_fields if f.is_relation and f.name != "resourcepage")


def _tag_slug(name):
    from core.text import slugify_vi

    return slugify_vi(name, max_length=100)


def _revisions_and_logs(pages, now, publish):
    resource_type = ContentType.objects.get_for_model(ResourcePage)
    page_type = ContentType.objects.get_for_model(Page)
    revisions = [
        Revision(content_type=resource_type, base_content_type=page_type, object_id=str(page.pk), created_at=now,
                 object_str=page.title, content=page.serializable_data())
        for page in pages
    ]
    Revision.objects.bulk_create(revisions)
    for page, revision in zip(pages, revisions):
        page.latest_revision_id = revision.pk
        page.live_revision_id = revision.pk if publish else None
    Page.objects.bulk_update(pages, ["latest_revision", "live_revision"])
    logs = []
    for page, revision in zip(pages, revisions):
        actions = ["wagtail.create", "wagtail.publish"] if publish else ["wagtail.create"]
        logs += [PageLogEntry(content_type=resource_type, label=page.title, action=action, timestamp=now,
                              page_id=page.pk, revision=revision, content_changed=True) for action in actions]
    PageLogEntry.objects.bulk_create(logs)


@transaction.atomic
def bulk_create_resources(pages, *, publish):
    """Write pages made by `prepare_resource`; returns them saved. Source ids must be new (checked here)."""
    if not pages:
        return []
    source_ids = [p.source_id for p in pages]
    clash = ResourcePage.objects.filter(source_id__in=source_ids).values_list("source_id", flat=True).first()
    if clash or len(set(source_ids)) != len(source_ids):
        raise ValidationFailed(_("The identifier “%(id)s” is already used."),
                               params={"id": clash or source_ids[0]}, code="duplicate_id", field="source_id")
    now = timezone.now()
    _place(pages, now, publish)
    _insert(pages)
    _relations(pages)
    _revisions_and_logs(pages, now, publish)
    if publish:
        record_changes(pages, OutboxEvent.UPSERT)
    for page in pages:
        page._state.adding = False
    return pages
