"""The change feed endpoint, `/api/v1/changes/`: public changes after a cursor, for partners that mirror the catalogue.

The feed carries only public data (what the site and OAI-PMH show), so anyone may read it,
within the API's rate limits: per client address without a key, per key with one (a key
with the `sync` scope is what partners are given for this; see docs/partners.md).
"""
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.response import Response

from ..changes import DEFAULT_LIMIT, MAX_LIMIT, parse_limit, read_changes
from ..serializers.changes import ChangesResponseSerializer, changes_payload
from ..serializers.search import ErrorSerializer
from . import PublicApiView


class ChangesView(PublicApiView):
    @extend_schema(
        operation_id="changes",
        summary="Changes to the public catalogue, after a cursor",
        description=(
            "Every change to a public resource, course, collection or centre, in commit order. Start without "
            "`since` (the beginning), apply each item to your copy (upsert: store `record`; delete: remove it), "
            "then call again with `next_cursor`: at once while `has_more`, later to poll. Replaying from the "
            "beginning or from any cursor you saw ends with exactly the published catalogue."
        ),
        parameters=[
            OpenApiParameter("since", str, description="A `cursor` or `next_cursor` from an earlier response; "
                                                       "leave out to start from the beginning."),
            OpenApiParameter("limit", {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT}, default=DEFAULT_LIMIT,
                             description="Changes per response."),
        ],
        responses={
            200: ChangesResponseSerializer,
            400: OpenApiResponse(ErrorSerializer, description="Malformed `since` (`invalid_cursor`) or "
                                                              "`limit` out of range (`invalid_limit`)."),
            401: OpenApiResponse(ErrorSerializer, description="An API key was sent but is not valid."),
        },
    )
    def get(self, request):
        limit = parse_limit(request.query_params.get("limit"))
        page = read_changes(request.query_params.get("since"), limit)
        return Response(ChangesResponseSerializer(changes_payload(page)).data)
