"""The JSON of `/api/v1/search/` and `/api/v1/search/suggest/`: one hit per public page, facets, paging links.

`search_payload` turns a `SearchQuery` and its `SearchResults` into plain data; the
serializers below give that data its documented shape (drf-spectacular reads them), so the
OpenAPI schema and the responses cannot drift apart.
"""
from django.db.models import prefetch_related_objects
from django.utils import translation
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.utils.urls import remove_query_param, replace_query_param

from catalog.models import ResourcePage
from catalog.queries import public_url
from catalog.queries import with_centres
from search.schema import COURSE, FACETS, RESOURCE, SORTS
from search.text import excerpt

DESCRIPTION_LENGTH = 240


class ErrorSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Stable machine-readable code, e.g. `unknown_filter`, `search_unavailable`.")
    detail = serializers.CharField(help_text="Message for people, in the language negotiated by Accept-Language.")


class ValueLabelSerializer(serializers.Serializer):
    value = serializers.CharField(help_text="Value to filter by (the facet parameter of the same name).")
    label = serializers.CharField(help_text="Name in the response language.")


class LicenceRefSerializer(ValueLabelSerializer):
    url = serializers.URLField(help_text="Canonical URI of the licence (Creative Commons deed or public domain mark).")


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField(help_text="Matches if this value were selected with the other facets' filters.")
    selected = serializers.BooleanField()


@extend_schema_field(FacetValueSerializer(many=True))
class FacetValuesField(serializers.Field):
    """A facet's values; written by hand because a large catalogue has hundreds of centres."""

    def to_representation(self, values):
        return [{"value": v.value, "label": v.label, "count": v.count, "selected": v.selected} for v in values]


def _facet_fields():
    # The schema is written in English whatever language is active when this module is imported.
    with translation.override("en"):
        return {facet.name: FacetValuesField(help_text=str(facet.label)) for facet in FACETS}


# One documented field per facet, so the schema names every facet a client will receive.
SearchFacetsSerializer = type("SearchFacetsSerializer", (serializers.Serializer,), _facet_fields())


class SearchHitSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="Page id in this hub.")
    source_id = serializers.CharField(help_text="Stable record identifier (AMB `id`), kept across imports.")
    kind = serializers.ChoiceField(choices=[RESOURCE, COURSE])
    name = serializers.CharField()
    description = serializers.CharField(
        help_text="HTML: an excerpt of the summary, escaped, with matching words in `<mark>` elements.",
    )
    url = serializers.URLField(help_text="Absolute public address of the page.")
    type = ValueLabelSerializer(allow_null=True, help_text="Resource type (HCRT); null for courses.")
    licence = LicenceRefSerializer(allow_null=True)
    centre = ValueLabelSerializer(allow_null=True, help_text="The centre that publishes it.")


class EchoedQuerySerializer(serializers.Serializer):
    q = serializers.CharField(allow_blank=True, help_text="The search text, whitespace collapsed.")
    filters = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Facet name → selected values.",
    )
    sort = serializers.ChoiceField(choices=SORTS)


class SearchResponseSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text="Matches over all pages of results (an estimate when `approximate`).")
    approximate = serializers.BooleanField(
        help_text="True for a broad search on the database backend (more than about 2,000 matches): `count` and the "
                  "facet counts are estimated from a fixed sample of the catalogue (1/2 to 1/64 of it, holding at "
                  "least about 1,000 matches, scaled up), and results sorted by relevance are ranked within that "
                  "sample. Sorting by newest or most used still orders every match. False: everything is exact.",
    )
    page = serializers.IntegerField()
    page_size = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    query = EchoedQuerySerializer()
    corrected_query = serializers.CharField(
        allow_null=True, help_text="When a misspelt word was corrected: the text that was searched instead.",
    )
    results = SearchHitSerializer(many=True)
    facets = SearchFacetsSerializer()
    suggestions = serializers.ListField(child=serializers.CharField(), help_text="Titles completing the text.")


class SuggestResponseSerializer(serializers.Serializer):
    suggestions = serializers.ListField(child=serializers.CharField(), max_length=5)


def _ref(value, label, **extra):
    return {"value": value, "label": str(label), **extra}


def _prefetch(pages):
    """Licences and resource types of a mixed list of resources and courses, one query per relation."""
    resources = [p for p in pages if isinstance(p, ResourcePage)]
    others = [p for p in pages if not isinstance(p, ResourcePage)]
    prefetch_related_objects(resources, "licence", "resource_type")
    prefetch_related_objects(others, "licence")


def hit(page, centre, terms):
    """One search result as the API returns it."""
    is_resource = isinstance(page, ResourcePage)
    resource_type = page.resource_type if is_resource else None
    licence = page.licence
    return {
        "id": page.pk,
        "source_id": page.source_id,
        "kind": RESOURCE if is_resource else COURSE,
        "name": page.title,
        "description": str(excerpt(page.summary or "", terms, DESCRIPTION_LENGTH)),
        "url": public_url(page),
        "type": _ref(resource_type.slug, resource_type.label) if resource_type else None,
        "licence": _ref(licence.slug, licence.name, url=licence.url) if licence else None,
        "centre": _ref(centre.slug, centre.title) if centre else None,
    }


def hits(results):
    """The public pages of `results`, in engine order, as API hits."""
    pages = results.objects()
    _prefetch(pages)
    return [hit(card["page"], card["centre"], results.terms) for card in with_centres(pages)]


def page_links(request, query, total):
    """Absolute URLs of the next and previous pages of results, or None."""
    url = request.build_absolute_uri()
    following = replace_query_param(url, "page", query.page + 1) if query.offset + query.page_size < total else None
    if query.page <= 1:
        preceding = None
    elif query.page == 2:
        preceding = remove_query_param(url, "page")
    else:
        preceding = replace_query_param(url, "page", query.page - 1)
    return following, preceding


def search_payload(request, query, results):
    """The body of a search response, before serialisation."""
    following, preceding = page_links(request, query, results.total)
    return {
        "count": results.total,
        "approximate": results.approximate,
        "page": query.page,
        "page_size": query.page_size,
        "next": following,
        "previous": preceding,
        "query": {"q": query.text, "filters": {k: list(v) for k, v in query.filters.items()}, "sort": query.sort},
        "corrected_query": results.corrected_query or None,
        "results": hits(results),
        "facets": results.facets,
        "suggestions": list(results.suggestions),
    }
