"""Base views of the catalogue's read endpoints: lists (filters, cursor pages) and details, with conditional GETs.

A list view parses its parameters (`api.filters`), answers 304 when the client's copy is
current (`api.conditional`), pages the public pages (`api.pagination`) and serialises them as
JSON or, for resources and courses, as AMB JSON-LD records (`catalog.metadata.to_amb`, the
mapping `export_resources` uses). A subclass names its queryset, facets and payload builder.
"""
import hashlib
import json

from django.utils.cache import patch_vary_headers
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework.exceptions import NotAcceptable, NotFound
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from catalog.metadata import to_amb
from catalog.queries import with_centres
from search.query import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE

from ..conditional import catalogue_version, not_modified, validators, with_validators
from ..filters import MAX_SOURCE_IDS, PAGE_FILTERS, filter_queryset, parse_list_query
from ..pagination import CataloguePagination
from ..renderers import JsonLdRenderer
from ..serializers.search import ErrorSerializer
from . import PublicApiView
from .search import facet_parameter

MAX_ID = 2**63 - 1  # page ids are 64-bit at most; a larger number in a URL is simply not found

# -- what the schema says about every catalogue endpoint ---------------------------------------------

CONDITIONAL_PARAMETERS = [
    OpenApiParameter("If-None-Match", str, location=OpenApiParameter.HEADER,
                     description="An `ETag` from an earlier response: 304 when the content is unchanged."),
    OpenApiParameter("If-Modified-Since", str, location=OpenApiParameter.HEADER,
                     description="An HTTP date (a `Last-Modified` seen before): 304 when nothing changed since."),
    OpenApiParameter("ETag", str, location=OpenApiParameter.HEADER, response=[200, 304],
                     description="Weak validator of this representation (media type and language included)."),
    OpenApiParameter("Last-Modified", str, location=OpenApiParameter.HEADER, response=[200, 304],
                     description="When the content last changed (lists: the newest change in the catalogue)."),
]
LIST_PARAMETERS = [
    OpenApiParameter("cursor", str, description="Opaque position from a `next` or `previous` link."),
    OpenApiParameter("page_size", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
                     default=DEFAULT_PAGE_SIZE),
    OpenApiParameter("modified_since", {"type": "string"},
                     description="ISO 8601 date or date-time (UTC when no offset is given; write `+` as `%2B`): "
                                 "only pages published (again) at or after it."),
    OpenApiParameter("Link", str, location=OpenApiParameter.HEADER, response=[200],
                     description='`<…>; rel="next"` and `<…>; rel="prev"` (RFC 8288), the same URLs as the body.'),
    *CONDITIONAL_PARAMETERS,
]
SOURCE_ID_PARAMETER = OpenApiParameter(
    "source_id", str, many=True, explode=True, style="form",
    description=f"Stable record identifier (AMB `id`, e.g. a partner's URI): only the pages with one of these "
                f"ids. Repeat the parameter for several (at most {MAX_SOURCE_IDS}); commas are part of an id.",
)
NOT_MODIFIED = OpenApiResponse(description="Not modified: the copy named by If-None-Match/If-Modified-Since is current.")
BAD_REQUEST = OpenApiResponse(ErrorSerializer, description="Unknown parameter or bad value (`unknown_filter`, "
                                                           "`invalid_filter`, `invalid_paging`, `invalid_cursor`).")
NOT_FOUND = OpenApiResponse(ErrorSerializer, description="No public page with this id (`not_found`): drafts, "
                                                         "unpublished and deleted pages are never shown.")
NOT_ACCEPTABLE = OpenApiResponse(ErrorSerializer, description="The Accept header names no format this "
                                                              "endpoint offers (`not_acceptable`).")
AMB_RECORD = {
    "type": "object",
    "description": "An AMB record (JSON-LD), as `export_resources` writes it; see docs/metadata.md.",
    "required": ["@context", "id", "type", "name"],
    "properties": {"@context": {}, "id": {"type": "string"}, "type": {"type": "array", "items": {"type": "string"}},
                   "name": {"type": "string"}},
    "additionalProperties": True,
}
AMB_LIST = {"type": "array", "items": AMB_RECORD,
            "description": "A page of AMB records; the next and previous pages are in the `Link` header."}
JSON, JSON_LD = JSONRenderer.media_type, JsonLdRenderer.media_type


def id_parameter(what):
    return OpenApiParameter("id", {"type": "integer", "minimum": 1}, location=OpenApiParameter.PATH,
                            description=f"Page id of the {what}.")


def list_responses(serializer, amb=False):
    ok = {(200, JSON): serializer, (200, JSON_LD): OpenApiResponse(AMB_LIST)} if amb else {200: serializer}
    return {**ok, 304: NOT_MODIFIED, 400: BAD_REQUEST, 406: NOT_ACCEPTABLE}


def detail_responses(serializer, amb=False):
    ok = {(200, JSON): serializer, (200, JSON_LD): OpenApiResponse(AMB_RECORD)} if amb else {200: serializer}
    return {**ok, 304: NOT_MODIFIED, 404: NOT_FOUND, 406: NOT_ACCEPTABLE}


def facet_parameters(names):
    from search.schema import FACETS

    return [facet_parameter(facet) for facet in FACETS if facet.name in names]


def documented(operation_id, summary, tag, description=""):
    """Class decorator: the schema of a list or detail view's GET, from its facets, serializer and formats."""
    def decorate(cls):
        amb = issubclass(cls, AmbMixin)
        if issubclass(cls, PageListView):
            parameters = [*facet_parameters(cls.facets), *([SOURCE_ID_PARAMETER] if cls.by_source_id else []),
                          *LIST_PARAMETERS]
            responses = list_responses(cls.serializer_class, amb)
        else:
            parameters = [id_parameter(cls.what), *CONDITIONAL_PARAMETERS]
            responses = detail_responses(cls.serializer_class, amb)
        return extend_schema_view(get=extend_schema(
            operation_id=operation_id, summary=summary, description=description, parameters=parameters,
            responses=responses, tags=[tag]))(cls)
    return decorate


# -- views ---------------------------------------------------------------------------------------

class FormatNegotiation(DefaultContentNegotiation):
    """DRF's negotiation, but `?format=` naming no format of the endpoint is a 406 like a bad Accept, not a 404."""

    def filter_renderers(self, renderers, format):
        found = [renderer for renderer in renderers if renderer.format == format]
        if not found:
            raise NotAcceptable(available_renderers=renderers)
        return found


class CatalogueView(PublicApiView):
    """A public read endpoint whose responses vary by Accept and Accept-Language (caches must key on both)."""

    renderer_classes = [JSONRenderer]
    content_negotiation_class = FormatNegotiation

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_vary_headers(response, ("Accept", "Accept-Language"))
        return response

    def wants_amb(self):
        return getattr(self.request.accepted_renderer, "format", None) == JsonLdRenderer.format


class AmbMixin:
    """Resources and courses: `Accept: application/ld+json` (or `?format=jsonld`) gives AMB records."""

    renderer_classes = [JSONRenderer, JsonLdRenderer]

    @staticmethod
    def amb(page, centre):
        return to_amb(page, centre=centre) if centre is not None else to_amb(page)

    def records(self, pages):
        return [self.amb(card["page"], card["centre"]) for card in with_centres(pages)]


class PageListView(CatalogueView):
    """GET one page of public pages, filtered; subclasses set the fields below."""

    facets = ()                 # facet names accepted as filters (search.schema.FACETS)
    filters = PAGE_FILTERS      # facet name -> Q builder (api.filters)
    by_source_id = False        # accept `source_id`
    serializer_class = None     # the documented shape of one page of results

    def get_queryset(self):
        """Public pages with everything `payloads` (and `records`) read loaded in bulk."""
        raise NotImplementedError

    def payloads(self, pages):
        raise NotImplementedError

    def get(self, request):
        query = parse_list_query(request.query_params, self.facets, source_id=self.by_source_id)
        change_id, changed_at = catalogue_version()
        current = validators(request, change_id, last_modified=changed_at)
        unchanged = not_modified(request, current)
        if unchanged is not None:
            return unchanged
        pagination = CataloguePagination()
        pages = pagination.paginate(filter_queryset(self.get_queryset(), query, self.filters), request,
                                    query.page_size)
        following, preceding = pagination.links()
        if self.wants_amb():
            body = self.records(pages)
        else:
            body = self.serializer_class({"next": following, "previous": preceding,
                                          "results": self.payloads(pages)}).data
        links = [f'<{url}>; rel="{rel}"' for url, rel in ((following, "next"), (preceding, "prev")) if url]
        response = Response(body, headers={"Link": ", ".join(links)} if links else None)
        return with_validators(response, current)


class PageDetailView(CatalogueView):
    """GET one public page by id; anything else (draft, unpublished, deleted, unknown) is a 404."""

    serializer_class = None
    what = "page"         # for the schema: "Page id of the …"
    embeds_pages = False  # its content names other pages (lessons, items), whose changes it must reflect

    def get_queryset(self):
        raise NotImplementedError

    def payload(self, page, centre):
        raise NotImplementedError

    def get(self, request, pk):
        page = self.get_queryset().filter(pk=pk).first() if pk <= MAX_ID else None
        if page is None:
            raise NotFound()
        state = (page.pk, page.live_revision_id, page.last_published_at)
        last_modified = page.last_published_at
        if self.embeds_pages:
            change_id, changed_at = catalogue_version()
            state += (change_id,)
            last_modified = max(filter(None, (last_modified, changed_at)), default=None)
        current = validators(request, *state, last_modified=last_modified)
        unchanged = not_modified(request, current)
        if unchanged is not None:
            return unchanged
        card = with_centres([page])[0]
        if self.wants_amb():
            body = self.amb(page, card["centre"])
        else:
            body = self.serializer_class(self.payload(page, card["centre"])).data
        return with_validators(Response(body), current)


class VocabularyView(CatalogueView):
    """GET a small vocabulary (or one term); the ETag is a digest of the content, which has no date."""

    serializer_class = None
    many = True

    def load(self, **kwargs):
        """The plain data of the response (raise NotFound for an unknown term)."""
        raise NotImplementedError

    def get(self, request, **kwargs):
        body = self.serializer_class(self.load(**kwargs), many=self.many).data
        digest = hashlib.sha256(json.dumps(body, sort_keys=True, default=str).encode()).hexdigest()
        current = validators(request, digest)
        return not_modified(request, current) or with_validators(Response(body), current)

