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

from catalog.models import CentrePage, ResourcePage, Topic

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


def _slugs(manager):
    return sorted(term.slug for term in manager.all())


class _Context:
    """What building many documents shares: the topic tree, the centres, reuse counts (a few queries in all)."""

    def __init__(self, pages):
        self.topics = {pk: (slug, parent) for pk, slug, parent in Topic.objects.values_list("pk", "slug", "parent_id")}
        self.centres = {c.path: c for c in CentrePage.objects.select_related("province")}
        self.popularity = _popularity([p.pk for p in pages])

    def topic_slugs(self, page):
        slugs = set()
        for topic in page.topics.all():
            pk, seen = topic.pk, set()
            while pk is not None and pk not in seen:
                seen.add(pk)
                slug, pk = self.topics.get(pk, (None, None))
                if slug:
                    slugs.add(slug)
        return sorted(slugs)

    def centre(self, page):
        return self.centres.get(page.path[:-Page.steplen])


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


def documents_for(pages):
    """Index documents for live resources and courses (specific pages), in a fixed number of queries."""
    pages = list(pages)
    context = _Context(pages)
    return [_document(page, context) for page in pages]


def prefetched(queryset):
    """Resources or courses with everything `documents_for` reads loaded in bulk."""
    common = ["topics", "audiences", "levels", "languages"]
    if queryset.model is ResourcePage:
        return queryset.select_related("licence", "resource_type").prefetch_related(
            *common, "authors", "files__document", "tagged_items__tag")
    return queryset.select_related("licence").prefetch_related(*common)


def document_for(page):
    """The index document of one live resource or course."""
    return documents_for([page.specific])[0]


def _document(page, context):
    centre = context.centre(page)
    is_resource = isinstance(page, ResourcePage)
    files = list(page.files.all()) if is_resource else []
    return {
        "id": page.pk,
        "kind": RESOURCE if is_resource else COURSE,
        "source_id": page.source_id,
        "title": page.title,
        "summary": page.summary or "",
        "body": strip_tags(page.body or ""),
        "keywords": [item.tag.name for item in page.tagged_items.all()] if is_resource else [],
        "authors": [a.name for a in page.authors.all()] if is_resource else [],
        "topic": context.topic_slugs(page),
        "type": [page.resource_type.slug] if is_resource and page.resource_type_id else [],
        "audience": _slugs(page.audiences),
        "level": _slugs(page.levels),
        "language": sorted(lang.code for lang in page.languages.all()),
        "licence": [page.licence.slug] if page.licence_id else [],
        "remix": bool(page.licence_id and page.licence.allows_derivatives),
        "centre": [centre.slug] if centre else [],
        "province": [centre.province.code] if centre else [],
        "h5p": any(f.display_name.lower().endswith(".h5p") for f in files),
        "published_at": page.first_published_at,
        "popularity": context.popularity.get(page.pk, 0),
    }
