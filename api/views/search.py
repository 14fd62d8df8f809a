"""Search endpoints: `/api/v1/search/` (results, facets, paging) and `/api/v1/search/suggest/` (as-you-type titles).

Both parse parameters with `SearchQuery.from_params` (the HTML page does the same), ask the
configured backend, and return only public pages. Bad parameters are a 400 and an
unreachable engine a 503, both shaped by `api.exceptions`.
"""
import hashlib
from dataclasses import replace

from django.core.cache import cache
from django.utils import translation
from django.utils.cache import patch_cache_control
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.response import Response

from search.backends import get_search_backend
from search.query import MAX_PAGE_SIZE, MAX_QUERY_LENGTH, SearchQuery
from search.schema import BOOLEAN_FACETS, FACETS, SORTS

from ..serializers.search import (
    ErrorSerializer,
    SearchResponseSerializer,
    SuggestResponseSerializer,
    search_payload,
)
from . import PublicApiView

SUGGEST_MIN_LENGTH = 2
SUGGEST_LIMIT = 5
# Suggestions change only when the catalogue does; a minute's staleness is invisible in a menu.
SUGGEST_CACHE_SECONDS = 60

Q_PARAMETER = OpenApiParameter(
    "q", {"type": "string", "maxLength": MAX_QUERY_LENGTH},
    description="Search text, with or without Vietnamese diacritics (\"hoa hoc\" finds \"hóa học\"); "
                "abbreviations such as XMC are expanded.",
)
ERRORS = {
    400: OpenApiResponse(ErrorSerializer, description="Unknown parameter or bad value (`unknown_filter`, "
                                                      "`invalid_filter`, `invalid_sort`, `invalid_paging`, "
                                                      "`query_too_long`)."),
    503: OpenApiResponse(ErrorSerializer, description="The search engine cannot be reached (`search_unavailable`)."),
}
RETRY_AFTER = OpenApiParameter(
    "Retry-After", int, location=OpenApiParameter.HEADER, response=[503],
    description="Seconds to wait before retrying.",
)


def facet_parameter(facet):
    # The schema is written in English whatever language is active when it is generated.
    with translation.override("en"):
        label = str(facet.label)
    if facet.name in BOOLEAN_FACETS:
        return OpenApiParameter(facet.name, str, enum=["true", "false"],
                                description=f"{label}: only pages with (true) or without (false) it.")
    return OpenApiParameter(facet.name, str, many=True, explode=True, style="form",
                            description=f"{label}: values from `facets.{facet.name}[].value`. Repeat the "
                                        "parameter or separate values with commas to match any of them.")


def search_parameters():
    return [
        Q_PARAMETER,
        *(facet_parameter(facet) for facet in FACETS),
        OpenApiParameter("sort", str, enum=list(SORTS), default="relevance",
                         description="`relevance` (newest first without text), `newest`, or `popular` (most reused)."),
        OpenApiParameter("page", {"type": "integer", "minimum": 1, "maximum": 10_000}, default=1),
        OpenApiParameter("page_size", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE}, default=20),
        RETRY_AFTER,
    ]


class SearchView(PublicApiView):
    """Full-text search over published resources and courses, with facet counts."""

    @extend_schema(
        operation_id="search",
        summary="Search resources and courses",
        description="Filters combine with AND across facets and OR within one facet. Facet counts are "
                    "disjunctive: each facet's counts apply every filter except its own.",
        parameters=search_parameters(),
        responses={200: SearchResponseSerializer, **ERRORS},
        tags=["search"],
    )
    def get(self, request):
        query = SearchQuery.from_params(request.query_params)
        results = get_search_backend().search(query)
        return Response(SearchResponseSerializer(search_payload(request, query, results)).data)


class SuggestView(PublicApiView):
    """Up to five titles completing what the user has typed, for an as-you-type menu."""

    @extend_schema(
        operation_id="search_suggest",
        summary="Title suggestions as you type",
        description=f"Fewer than {SUGGEST_MIN_LENGTH} characters give no suggestions. "
                    "Facet parameters narrow the suggestions like they narrow a search.",
        parameters=[Q_PARAMETER, *(facet_parameter(facet) for facet in FACETS), RETRY_AFTER],
        responses={200: SuggestResponseSerializer, **ERRORS},
        tags=["search"],
    )
    def get(self, request):
        query = SearchQuery.from_params(request.query_params)
        if len(query.text) < SUGGEST_MIN_LENGTH:
            suggestions = []
        else:
            key = "search-suggest:" + hashlib.sha1(repr((query.text.lower(), sorted(query.filters.items())))
                                                   .encode()).hexdigest()
            suggestions = cache.get(key)
            if suggestions is None:
                results = get_search_backend().search(replace(query, sort="relevance", page=1, page_size=1))
                suggestions = list(results.suggestions)[:SUGGEST_LIMIT]
                cache.set(key, suggestions, SUGGEST_CACHE_SECONDS)
        response = Response(SuggestResponseSerializer({"suggestions": suggestions}).data)
        patch_cache_control(response, public=True, max_age=SUGGEST_CACHE_SECONDS)
        return response
