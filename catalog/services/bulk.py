"""Creating many resources at once for importers: the same pages, revisions and outbox events, in a few queries.

`create_resource` adds one page through Wagtail (tree insert, revision, publish, logs,
reference and search-index updates: about a hundred queries). An import of thousands
of records cannot afford that, so this path writes the same rows in bulk: base page rows
with their tree paths, the resource rows, relations, a first revision per page (the
revision history teachers and moderators see), a creation log entry, and — when
published — the outbox events, all in the caller's transaction, with a fixed number of
statements per call whatever the number of pages (rows whose ids nobody needs back go in
with one `executemany` per table; see `_insert_rows`). What it leaves out is
Wagtail's own admin search index and reference index, which `python manage.py
update_index` and `rebuild_references_index` bring up to date (the hub's search reads the
outbox, not those).

Validation and permission checks are the same as `create_resource`.
"""
import uuid
from collections import Counter

from django.contrib.contenttypes.models import ContentType
from django.db import connections, router, transaction
from django.db.models import Case, CharField, F, OuterRef, Subquery, Value, When
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.models import Page, PageLogEntry, Revision
from wagtail.models.pages import COMMENTS_RELATION_NAME

from core.errors import ValidationFailed
from core.text import slugify_vi

from ..models import CentrePage, OutboxEvent, ResourceAuthor, ResourceFile, ResourcePage, ResourceTag
from .events import record_changes
from .resources import RESOURCE_FIELDS, RESOURCE_M2M, _apply, _check_add, _require_publishable

TREE_FIELDS = ("path", "depth", "numchild", "url_path", "draft_title", "live_revision", "latest_revision", "slug")


def prepare_resource(centre, data, *, publish, user=None, allowed=None):
    """Build and validate an unsaved resource page for `centre` (raises ValidationFailed); no writes.

    `user` (None for trusted importers) must be allowed to add, and to publish if asked.
    `allowed`, a set the caller keeps for one user and one `publish`, remembers the centres
    already checked, so that many records cost one permission check per centre.
    """
    if not isinstance(centre, CentrePage):
        raise ValidationFailed(_("Materials must belong to a centre."), code="no_centre")
    if allowed is None or centre.pk not in allowed:
        _check_add(user, centre, publish)
        if allowed is not None:
            allowed.add(centre.pk)
    if not (data.get("title") or "").strip():
        raise ValidationFailed(_("A title is required."), field="title", code="required")
    page = ResourcePage(owner=user)
    # Keywords are matched to tags for the whole batch at once (`_tags`), not one query per page.
    _apply(page, {name: value for name, value in data.items() if name != "keywords"}, RESOURCE_FIELDS, RESOURCE_M2M)
    page._bulk_keywords = list(dict.fromkeys(k.strip() for k in data.get("keywords") or () if k.strip()))
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


def _children(centre):
    """The centre's child pages (`centre` is a dict of its tree fields): an indexed range of paths."""
    return Page.objects.filter(depth=centre["depth"] + 1,
                               path__range=Page._get_children_path_interval(centre["path"]))


def _free_slugs(centre, titles):
    """One slug per title, unique among `centre`'s children and among themselves, as `_unique_slug` picks them.

    The slug of "Bài 1" is `bai-1`, or `bai-1-2`, `bai-1-3`… when taken. Rather than one scan
    of the centre per page, the candidates of every title are looked up together by exact
    slug (an indexed look-up); a title whose candidates are all taken gets twice as many in
    the next round, so a batch costs one query unless its titles have many namesakes.
    """
    bases = [slugify_vi(title) for title in titles]
    needed = Counter(bases)
    window = dict(needed)  # candidates looked at per base
    free = {}
    while True:
        candidates = {base: [base] + [f"{base}-{n}" for n in range(2, window[base] + 1)] for base in needed}
        wanted = {slug for slugs in candidates.values() for slug in slugs}
        taken = set(_children(centre).filter(slug__in=wanted).values_list("slug", flat=True))
        short = {}
        for base, count in needed.items():
            free[base] = [slug for slug in candidates[base] if slug not in taken][:count]
            if len(free[base]) < count:
                short[base] = count
        if not short:
            break
        window = {base: window[base] * 2 + count for base, count in short.items()}
        needed = short
    return [free[base].pop(0) for base in bases]


def _place(pages, now, publish):
    """Give each page its slug, tree path and URL path under its centre (siblings appended in order).

    The centres' rows are locked until commit, so no other writer adds a child meanwhile.
    """
    by_centre = {}
    for page in pages:
        by_centre.setdefault(page._bulk_centre.pk, []).append(page)
    content_type = ContentType.objects.get_for_model(ResourcePage)
    centres = {row["pk"]: row for row in Page.objects.select_for_update().filter(pk__in=list(by_centre)).values(
        "pk", "path", "depth", "url_path", "locale_id")}
    for centre_pk, siblings in by_centre.items():
        centre = centres[centre_pk]
        last = _children(centre).order_by("-path").values_list("path", flat=True).first()
        step = Page._str2int(last[-Page.steplen:]) if last else 0
        for page, slug in zip(siblings, _free_slugs(centre, [page.title for page in siblings])):
            step += 1
            page.slug = slug
            page.depth = centre["depth"] + 1
            page.path = Page._get_path(centre["path"], page.depth, step)
            page.url_path = f"{centre['url_path']}{slug}/"
            page.numchild = 0
            page.draft_title = page.title
            page.locale_id = centre["locale_id"]
            page.content_type = content_type
            page.translation_key = uuid.uuid4()
            page.live = publish
            page.has_unpublished_changes = not publish
            page.latest_revision_created_at = now
            if publish:
                page.first_published_at = page.last_published_at = now
    Page.objects.filter(pk__in=list(by_centre)).update(numchild=F("numchild") + Case(
        *(When(pk=pk, then=Value(len(siblings))) for pk, siblings in by_centre.items()), default=Value(0)))


def _insert(pages):
    """Insert the Page rows, read their ids back by their (unique) paths, then insert the ResourcePage rows.

    Django's `bulk_create` refuses multi-table inheritance, and compiles a multi-row statement
    value by value; `_insert_rows` sends the same values with one `executemany` per table.
    """
    page_fields = [field for field in Page._meta.local_concrete_fields if not field.primary_key]
    _insert_rows(Page, page_fields, [[field.pre_save(page, True) for field in page_fields] for page in pages])
    ids = dict(Page.objects.filter(path__in=[page.path for page in pages]).values_list("path", "pk"))
    for page in pages:
        page.id = page.page_ptr_id = ids[page.path]
    based_on = ResourcePage._meta.get_field("based_on")
    for page in pages:
        source = based_on.get_cached_value(page, None)
        if source is not None and page.based_on_id is None:
            page.based_on_id = source.pk  # a remix of a page of this batch, which had no id until now
    fields = list(ResourcePage._meta.local_concrete_fields)
    _insert_rows(ResourcePage, fields, [[field.pre_save(page, True) for field in fields] for page in pages])


def _insert_rows(model, fields, rows):
    """INSERT rows (lists of values for `fields`, each converted by its field) with one `executemany`.

    For rows whose ids nobody needs back: several times cheaper than `bulk_create`, which
    compiles a multi-row statement value by value (thousands of rows per batch here).
    """
    if not rows:
        return
    connection = connections[router.db_for_write(model)]
    fields = [model._meta.get_field(field) if isinstance(field, str) else field for field in fields]
    quote = connection.ops.quote_name
    sql = (f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(field.column) for field in fields)}) "
           f"VALUES ({', '.join(['%s'] * len(fields))})")
    converted = {}  # many values repeat (flags, ids, the batch's timestamp): convert each once per column

    def convert(column, field, value):
        if value is None:
            return None
        try:
            return converted[column, value]
        except KeyError:
            result = converted[column, value] = field.get_db_prep_save(value, connection)
            return result
        except TypeError:  # unhashable (a JSON value)
            return field.get_db_prep_save(value, connection)

    columns = list(enumerate(fields))
    with connection.cursor() as cursor:
        cursor.executemany(sql, [[convert(column, field, value) for (column, field), value in zip(columns, row)]
                                 for row in rows])


def _tags(pages):
    """Match every page's keywords to tags: one query, and one insert for the new names.

    New tags get taggit's own slug (`Tag.slugify`); a name whose slug is taken, or shared
    with another new name, is saved on its own so that taggit picks the next free slug.
    """
    names = {name for page in pages for name in getattr(page, "_bulk_keywords", ())}
    existing = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
    new = [Tag(name=name) for name in sorted(names - set(existing))]
    for tag in new:
        tag.slug = tag.slugify(tag.name)
    slugs = Counter(tag.slug for tag in new)
    taken = set(Tag.objects.filter(slug__in=list(slugs)).values_list("slug", flat=True))
    clear = [tag for tag in new if slugs[tag.slug] == 1 and tag.slug not in taken]
    Tag.objects.bulk_create(clear)
    for tag in new:
        if tag.pk is None:
            tag.slug = ""
            tag.save()
        existing[tag.name] = tag
    for page in pages:
        if hasattr(page, "_bulk_keywords"):
            page.tagged_items = [ResourceTag(tag=existing[name]) for name in page._bulk_keywords]


def _relations(pages):
    for name in RESOURCE_M2M:
        through = getattr(ResourcePage, name).through
        _insert_rows(through, ["resourcepage", through_target(through)],
                     [(page.pk, obj.pk) for page in pages for obj in getattr(page, name).all()])
    _insert_rows(ResourceTag, ["content_object", "tag"],
                 [(page.pk, item.tag_id) for page in pages for item in page.tagged_items.all()])
    _insert_rows(ResourceAuthor, ["page", "sort_order", "name", "kind", "identifier", "affiliation"],
                 [(page.pk, order, author.name, author.kind, author.identifier, author.affiliation)
                  for page in pages for order, author in enumerate(page.authors.all())])
    _insert_rows(ResourceFile, ["page", "sort_order", "document", "content_url", "name", "mime_type", "size"],
                 [(page.pk, order, item.document_id, item.content_url, item.name, item.mime_type, item.size)
                  for page in pages for order, item in enumerate(page.files.all())])


def through_target(through):
    """Name of the non-page side of a ParentalManyToMany through model (e.g. 'topic')."""
    return next(f.name for f in through._meta.concrete_fields if f.is_relation and f.name != "resourcepage")


def _revisions_and_logs(pages, now, publish):
    resource_type = ContentType.objects.get_for_model(ResourcePage)
    page_type = ContentType.objects.get_for_model(Page)
    for page in pages:
        setattr(page, COMMENTS_RELATION_NAME, [])  # a new page has none; saves a query per page
    revisions = [
        Revision(content_type=resource_type, base_content_type=page_type, object_id=str(page.pk), created_at=now,
                 user_id=page.owner_id, object_str=page.title, content=page.serializable_data())
        for page in pages
    ]
    fields = [field for field in Revision._meta.local_concrete_fields if not field.primary_key]
    _insert_rows(Revision, fields, [[field.pre_save(revision, True) for field in fields] for revision in revisions])
    ids = dict(Revision.objects.filter(base_content_type=page_type, object_id__in=[r.object_id for r in revisions])
               .order_by("pk").values_list("object_id", "pk"))  # the newest, should an id have older ones
    for page, revision in zip(pages, revisions):
        revision.pk = ids[revision.object_id]
        page.latest_revision_id = revision.pk
        page.live_revision_id = revision.pk if publish else None
    # One UPDATE that finds each page's revision by index, rather than a CASE with a branch per page.
    latest = Subquery(Revision.objects.filter(base_content_type=page_type, object_id=Cast(OuterRef("pk"), CharField()))
                      .order_by("-pk").values("pk")[:1])
    Page.objects.filter(pk__in=[page.pk for page in pages]).update(
        latest_revision=latest, **({"live_revision": latest} if publish else {}))
    actions = ["wagtail.create", "wagtail.publish"] if publish else ["wagtail.create"]
    _insert_rows(PageLogEntry, ["content_type", "label", "action", "data", "timestamp", "uuid", "user",
                                "revision", "content_changed", "deleted", "page"],
                 [(resource_type.pk, page.title, action, {}, now, None, page.owner_id, revision.pk, True, False,
                   page.pk) for page, revision in zip(pages, revisions) for action in actions])


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
    _tags(pages)
    _relations(pages)
    _revisions_and_logs(pages, now, publish)
    if publish:
        record_changes(pages, OutboxEvent.UPSERT)
    for page in pages:
        page._state.adding = False
    return pages
