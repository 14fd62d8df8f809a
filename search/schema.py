"""What the search index holds: the facets both backends offer and the document built for each page.

Facet names are part of the public API (`/api/v1/search/?topic=...`); every backend must
return facet counts with the same names, values and labels (see `tests/search/test_backends.py`).
"""
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, ReferenceIndex

from catalog.models import (CentrePage, CoursePage, Licence, ResourceAuthor, ResourceFile, ResourcePage, ResourceTag,
                            Topic)

RESOURCE, COURSE = "resource", "course"


@dataclass(frozen=True)
class Facet:
    name: str          # query parameter and key in results
    label: object      # translated heading
    multi: bool = True  # OR within the facet when several values are given


FACETS = (
    Facet("kind", _("Kind")),
    Facet("topic", _("Topic")),
    Facet("type", _("Resource type")),
    Facet("audience", _("Audience")),
    Facet("level", _("Level")),
    Facet("language", _("Language")),
    Facet("licence", _("Licence")),
    Facet("remix", _("Allows remix"), multi=False),
    Facet("centre", _("Centre")),
    Facet("province", _("Province")),
    Facet("h5p", _("Has H5P"), multi=False),
)
FACET_NAMES = tuple(f.name for f in FACETS)
BOOLEAN_FACETS = ("remix", "h5p")
SORTS = ("relevance", "newest", "popular")


class _Context:
    """What building many documents shares: the topic tree, the centres, reuse counts (a few queries in all)."""

    def __init__(self, page_ids):
        self.topics = {pk: (slug, parent) for pk, slug, parent in Topic.objects.values_list("pk", "slug", "parent_id")}
        self.centres = {c.path: c for c in CentrePage.objects.select_related("province")}
        self.licences = {pk: (slug, remix) for pk, slug, remix in Licence.objects.values_list(
            "pk", "slug", "allows_derivatives")}
        self.popularity = _popularity(page_ids)

    def topic_slugs(self, topic_ids):
        slugs = set()
        for pk in topic_ids:
            seen = set()
            while pk is not None and pk not in seen:
                seen.add(pk)
                slug, pk = self.topics.get(pk, (None, None))
                if slug:
                    slugs.add(slug)
        return sorted(slugs)

    def centre(self, path):
        return self.centres.get(path[:-Page.steplen])


def _popularity(page_ids):
    """How much each page is reused: live remixes, plus live courses and collections that point at it.

    Remixes are counted from `based_on` (bulk-imported pages have no reference-index rows);
    courses' lesson choosers and collection items come from Wagtail's reference index.
    """
    counts = dict.fromkeys(page_ids, 0)
    if not page_ids:
        return counts
    remixes = (ResourcePage.objects.live().filter(based_on__in=page_ids)
               .values("based_on").annotate(n=Count("pk")).values_list("based_on", "n"))
    for pk, n in remixes:
        counts[pk] += n
    references = ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(Page), to_object_id__in=[str(pk) for pk in page_ids],
        base_content_type=ContentType.objects.get_for_model(Page),
    ).exclude(model_path="based_on").values_list("to_object_id", "object_id").distinct()
    referencing = {}
    for target, source in references:
        referencing.setdefault(int(source), set()).add(int(target))
    live = set(Page.objects.live().filter(pk__in=list(referencing)).values_list("pk", flat=True))
    for source, targets in referencing.items():
        if source in live:
            for target in targets:
                if target != source:
                    counts[target] += 1
    return counts


PAGE_FIELDS = ("pk", "source_id", "title", "summary", "body", "path", "first_published_at", "licence_id")
# Many-to-many vocabularies: facet name, relation, the value of each term.
VOCABULARIES = (("audience", "audiences", "slug"), ("level", "levels", "slug"), ("language", "languages", "code"))


def documents_for(pages):
    """Index documents for live resources and courses (specific pages, in that order), in a fixed number of queries.

    Documents are built from what the database holds for these pages, read as plain values
    (no model instances): building them is most of the work of indexing a large import.
    """
    pages = list(pages)
    documents = {}
    for model in (ResourcePage, CoursePage):
        ids = [page.pk for page in pages if isinstance(page, model)]
        if ids:
            documents.update((doc["id"], doc) for doc in documents_of(model.objects.filter(pk__in=ids)))
    return [documents[page.pk] for page in pages if page.pk in documents]


def documents_of(queryset):
    """Index documents for the pages of a ResourcePage or CoursePage queryset, in a fixed number of queries."""
    model = queryset.model
    is_resource = model is ResourcePage
    rows = list(queryset.values(*PAGE_FIELDS, *(["resource_type__slug"] if is_resource else [])))
    ids = [row["pk"] for row in rows]
    if not ids:
        return []
    context = _Context(ids)
    related = {"topic": _related(model, "topics", "pk", ids)}
    for facet, name, value in VOCABULARIES:
        related[facet] = _related(model, name, value, ids)
    if is_resource:
        related["keywords"] = _grouped(ResourceTag.objects.filter(content_object_id__in=ids).order_by("pk")
                                       .values_list("content_object_id", "tag__name"))
        related["authors"] = _grouped(ResourceAuthor.objects.filter(page_id__in=ids).order_by("sort_order", "pk")
                                      .values_list("page_id", "name"))
        related["files"] = _grouped((f.page_id, f.display_name) for f in ResourceFile.objects.filter(
            page_id__in=ids).select_related("document"))
    return [_document(row, is_resource, related, context) for row in rows]


def _related(model, name, value, ids):
    """{page id: [value of each term]} for the many-to-many relation `name` of `model`."""
    field = model._meta.get_field(name)
    source = field.m2m_field_name()
    target = field.m2m_reverse_field_name()
    return _grouped(field.remote_field.through.objects.filter(**{f"{source}__in": ids})
                    .values_list(f"{source}_id", f"{target}__{value}"))


def _grouped(pairs):
    grouped = {}
    for key, value in pairs:
        grouped.setdefault(key, []).append(value)
    return grouped


def document_for(page):
    """The index document of one live resource or course."""
    return documents_for([page.specific])[0]


def _document(row, is_resource, related, context):
    pk = row["pk"]
    centre = context.centre(row["path"])
    licence = context.licences.get(row["licence_id"])
    files = related["files"].get(pk, []) if is_resource else []
    return {
        "id": pk,
        "kind": RESOURCE if is_resource else COURSE,
        "source_id": row["source_id"],
        "title": row["title"],
        "summary": row["summary"] or "",
        "body": strip_tags(row["body"] or ""),
        "keywords": related["keywords"].get(pk, []) if is_resource else [],
        "authors": related["authors"].get(pk, []) if is_resource else [],
        "topic": context.topic_slugs(related["topic"].get(pk, [])),
        "type": [row["resource_type__slug"]] if is_resource and row["resource_type__slug"] else [],
        "audience": sorted(related["audience"].get(pk, [])),
        "level": sorted(related["level"].get(pk, [])),
        "language": sorted(related["language"].get(pk, [])),
        "licence": [licence[0]] if licence else [],
        "remix": bool(licence and licence[1]),
        "centre": [centre.slug] if centre else [],
        "province": [centre.province.code] if centre else [],
        "h5p": any(name.lower().endswith(".h5p") for name in files),
        "published_at": row["first_published_at"],
        "popularity": context.popularity.get(pk, 0),
    }
