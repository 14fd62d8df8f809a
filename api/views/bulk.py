"""`POST /api/v1/resources/bulk/`: ingest AMB JSON Lines with one result per line, through the catalogue's importer.

The body is `application/x-ndjson` (or `application/jsonl`): one AMB record per line, matched
by `id` like `import_resources` (new ids are created, known ones updated, identical ones left
alone). Each line is checked and written on its own: a rejected line writes nothing and does
not undo the accepted ones, and the response lists each line's outcome. Bodies above
`API_BULK_MAX_BYTES` or with more than `API_BULK_MAX_RECORDS` lines get 413.
"""
import codecs

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.parsers import BaseParser
from rest_framework.response import Response

from catalog.importing import import_records
from core.errors import ValidationFailed

from ..idempotency import idempotent
from ..serializers.writes import BulkResultSerializer, ErrorSerializer
from . import PublicApiView
from .resource_writes import IDEMPOTENCY_PARAMETER, PUBLISH_PARAMETER, WRITE, flag, writer_for


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "payload_too_large"
    default_detail = _("The request body is too large.")


def _too_large():
    return PayloadTooLarge(_("Send at most %(records)s records and %(megabytes)s MB per request; split the "
                             "file into several requests (each is an upsert by id, so order does not matter "
                             "unless records refer to each other).") % {
        "records": settings.API_BULK_MAX_RECORDS,
        "megabytes": round(settings.API_BULK_MAX_BYTES / 1024 / 1024, 1)})


class JsonLinesParser(BaseParser):
    """The body as a list of text lines, read up to API_BULK_MAX_BYTES (413 beyond); lines are parsed by the importer."""

    media_type = "application/x-ndjson"

    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.API_BULK_MAX_BYTES
        request = parser_context["request"]
        declared = request.META.get("CONTENT_LENGTH") or "0"
        if declared.isdigit() and int(declared) > limit:
            raise _too_large()
        data = stream.read(limit + 1) if stream is not None else b""
        if len(data) > limit:
            raise _too_large()
        # Undecodable bytes survive as surrogates so the importer refuses just that line.
        lines = codecs.decode(data, "utf-8", "surrogateescape").splitlines()
        if len(lines) > settings.API_BULK_MAX_RECORDS:
            raise _too_large()
        return lines


class JsonlParser(JsonLinesParser):
    media_type = "application/jsonl"


class BulkIngestView(PublicApiView):
    """Create or update many resources from AMB JSON Lines."""

    parser_classes = [JsonLinesParser, JsonlParser]
    permission_classes = [WRITE]

    @extend_schema(
        operation_id="resources_bulk",
        summary="Ingest AMB JSON Lines",
        description="One AMB record per line, matched by `id` (created, updated or unchanged). New records go to "
                    "the key's centre (the partner's centre for a partner key). Each line is checked and written on "
                    "its own: rejected lines write nothing and do not undo the others (`committed` is always true). "
                    "Records are drafts unless `?publish=true`.",
        request={"application/x-ndjson": {"type": "string", "description": "AMB records, one JSON object per line."},
                 "application/jsonl": {"type": "string"}},
        parameters=[PUBLISH_PARAMETER, IDEMPOTENCY_PARAMETER],
        responses={
            200: BulkResultSerializer,
            400: OpenApiResponse(ErrorSerializer, description="Bad parameter or an empty body."),
            401: OpenApiResponse(ErrorSerializer, description="No credentials, or a bad key."),
            403: OpenApiResponse(ErrorSerializer, description="No `write` scope, or the acting account may not write."),
            413: OpenApiResponse(ErrorSerializer, description="Too many bytes or lines (`payload_too_large`)."),
            415: OpenApiResponse(ErrorSerializer, description="Not `application/x-ndjson` or `application/jsonl`."),
            422: OpenApiResponse(ErrorSerializer, description="Idempotency-Key reused (`idempotency_key_reused`)."),
            429: OpenApiResponse(ErrorSerializer, description="Rate limit reached (`throttled`)."),
        },
        tags=["resources"],
    )
    @idempotent
    def post(self, request):
        publish = flag(request, "publish")
        writer = writer_for(request)
        lines = request.data
        if not isinstance(lines, list) or not any(line.strip() for line in lines):
            raise ValidationFailed(_("The body is empty: send one AMB record (a JSON object) per line."),
                                   code="empty_body")
        report = import_records(lines, centre=writer.centre, within=writer.centre, user=writer.user,
                                publish=publish, details=True)
        return Response(BulkResultSerializer({
            "created": report.created, "updated": report.updated, "unchanged": report.unchanged,
            "rejected": report.rejected, "committed": True, "detail": report.summary(), "results": report.results,
        }).data)
