"""Creating, updating and retiring resources through the API: `POST /resources/`, `PUT|PATCH|DELETE /resources/{id}/`.

The read views of the same URLs (api/views/resources.py) are subclassed here, so each URL
keeps one name (`api:resource-list`, `api:resource-detail`). Every write goes through
`catalog.services` as the request's user: the account an API key acts as, or the teacher
signed in (session, with CSRF). Decisions a partner relies on (docs/partners.md):

- **Where new resources go**: a centre key's centre; a partner key's `Partner.centre`; a
  signed-in teacher's centre (named in `sourceOrganization` when they belong to several).
  A key never changes resources outside its centre (403 `outside_centre`).
- **Draft, review or live**: new and changed resources are drafts unless `?publish=true`
  (the acting account must be a moderator of the centre); `?submit=true` sends a new
  draft to the centre's moderators for review.
- **Retire** (`DELETE`): the resource is deleted through `services.delete_page`; a live one
  is unpublished first, which records a permanent tombstone in the change feed.
"""
import uuid
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.parsers import JSONParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from catalog import services
from catalog.metadata import COURSE, RESOURCE, Lookups, amb_from_values, centre_of, from_amb, page_values, to_amb
from catalog.models import CentrePage, ResourcePage
from catalog.queries import public_url
from core.errors import Conflict, NotFound, PermissionRefused, ValidationFailed

from ..idempotency import idempotent
from ..models import ApiKey
from ..permissions import RequireScope
from ..serializers.writes import AMB_PATCH, AMB_WRITE_RECORD, ErrorSerializer, WriteResultSerializer
from .catalogue import MAX_ID, id_parameter
from .resources import ResourceDetailView, ResourceListView

WRITE = RequireScope("write", users=True)
TRUE, FALSE = ("true", "1", "yes"), ("false", "0", "no", "")


class JsonLdParser(JSONParser):
    """AMB records sent as `application/ld+json` are JSON too."""

    media_type = "application/ld+json"


class MergePatchParser(JSONParser):
    """PATCH bodies may say what they are: a JSON merge patch (RFC 7396)."""

    media_type = "application/merge-patch+json"


# -- who writes, and where -----------------------------------------------------------------------

@dataclass
class Writer:
    """The account a write acts as, and the centre a key is bound to (None for signed-in users)."""

    user: object
    centre: CentrePage = None

    def check_reach(self, page):
        if self.centre is not None and not page.path.startswith(self.centre.path):
            raise PermissionRefused(_("This resource belongs to another centre; this API key cannot change it."),
                                    code="outside_centre")


def writer_for(request):
    """The `Writer` of a request that passed the write permission (an API key or a signed-in user)."""
    key = request.auth
    if not isinstance(key, ApiKey):
        return Writer(request.user)
    if not request.user.is_authenticated:
        raise PermissionRefused(_("This API key acts as no account, so it cannot write. Ask an administrator to "
                                  "set the account it acts as."), code="key_without_user")
    centre = key.centre if key.centre_id else key.partner.centre
    if centre is None:
        raise PermissionRefused(_("The partner “%(partner)s” has no centre to keep its resources in. Ask an "
                                  "administrator to set one."), params={"partner": key.partner}, code="no_centre")
    return Writer(request.user, centre)


def flag(request, name):
    """A boolean query parameter (`true`/`false`, `1`/`0`); anything else is a 400."""
    value = request.query_params.get(name, "").strip().lower()
    if value not in TRUE + FALSE:
        raise ValidationFailed(_("“%(name)s” must be true or false."), params={"name": name},
                               code="invalid_parameter")
    return value in TRUE


def _session_centre(user, parsed, lookups):
    """Where a signed-in teacher's new resource goes: the centre named in the record, or their only centre."""
    for ref in parsed.centre_refs:
        centre = lookups.centre(ref)
        if centre is not None:
            return centre
    centres = list(services.centres_for_user(user).distinct()[:2])
    if len(centres) == 1:
        return centres[0]
    if not centres:
        raise PermissionRefused(_("You can only add materials to a centre you belong to."), code="not_a_member")
    raise ValidationFailed(_("You belong to several centres: name one in “sourceOrganization”."),
                           field="sourceOrganization", code="unknown_centre")


def _record_of(request):
    record = request.data
    if not isinstance(record, dict):
        raise ValidationFailed(_("The body must be one JSON object (an AMB record)."), code="not_an_object")
    return record


def _parse_resource(record):
    lookups = Lookups()
    parsed = from_amb(record, lookups)
    if parsed.kind == COURSE:
        raise ValidationFailed(_("This endpoint takes learning resources, not courses."), field="type",
                               code="not_a_resource")
    return parsed, lookups


# -- responses ----------------------------------------------------------------------------------

def state_of(page):
    if page.live:
        return "published_with_changes" if page.has_unpublished_changes else "published"
    return "in_review" if page.current_workflow_state is not None else "draft"


def write_result(page):
    page = ResourcePage.objects.get(pk=page.pk)
    centre = centre_of(page)
    latest = page.get_latest_revision_as_object()
    return WriteResultSerializer({
        "id": page.pk, "source_id": page.source_id, "state": state_of(page), "live": page.live,
        "centre": centre.slug if centre else "", "url": public_url(page) if page.live else None,
        "record": to_amb(latest, centre=centre, publication=page.live),
    }).data


def _errors(*extra):
    described = {
        400: OpenApiResponse(ErrorSerializer, description="The record is refused (`invalid_record`, "
                             "`missing_field`, `incomplete`, `unknown_centre`, `invalid_parameter`, ...); "
                             "`detail` names the field. Nothing was written."),
        401: OpenApiResponse(ErrorSerializer, description="No credentials, or an unknown, revoked or expired key."),
        403: OpenApiResponse(ErrorSerializer, description="The key lacks the `write` scope (`permission_denied`), "
                             "or the acting account may not do this (`permission_denied`, `outside_centre`)."),
        404: OpenApiResponse(ErrorSerializer, description="No resource with this id (`not_found`)."),
        409: OpenApiResponse(ErrorSerializer, description="The record's `id` is already used (`duplicate_id`)."),
        422: OpenApiResponse(ErrorSerializer, description="The Idempotency-Key was used for a different request "
                             "(`idempotency_key_reused`)."),
        429: OpenApiResponse(ErrorSerializer, description="Rate limit reached (`throttled`); see `Retry-After`."),
    }
    return {status: described[status] for status in (400, 401, 403, *extra, 429)}


PUBLISH_PARAMETER = OpenApiParameter("publish", bool, default=False,
                                     description="Publish at once (the acting account must be a moderator).")
SUBMIT_PARAMETER = OpenApiParameter("submit", bool, default=False,
                                    description="Send the new draft to the centre's moderators for review.")
IDEMPOTENCY_PARAMETER = OpenApiParameter(
    "Idempotency-Key", str, location=OpenApiParameter.HEADER,
    description="Any unique string (e.g. a UUID) per logical request: a retry with the same key and body gets the "
                "first response (`Idempotent-Replayed: true`) and writes nothing; kept 24 hours per credential.")


class _WriteMixin:
    """Read methods stay public; write methods need a key with the `write` scope or a signed-in user."""

    parser_classes = [JSONParser, JsonLdParser]

    def get_permissions(self):
        if self.request.method in ("GET", "HEAD", "OPTIONS"):
            return [AllowAny()]
        return [WRITE()]


# -- views --------------------------------------------------------------------------------------

class ResourceListWriteView(_WriteMixin, ResourceListView):
    """`GET` lists public resources (ResourceListView); `POST` creates one."""

    @extend_schema(
        operation_id="resources_create",
        summary="Create a resource from an AMB record",
        request={"application/json": AMB_WRITE_RECORD, "application/ld+json": AMB_WRITE_RECORD},
        parameters=[PUBLISH_PARAMETER, SUBMIT_PARAMETER, IDEMPOTENCY_PARAMETER],
        responses={201: WriteResultSerializer, **_errors(409, 422)},
        tags=["resources"],
    )
    @idempotent
    def post(self, request):
        publish, submit = flag(request, "publish"), flag(request, "submit")
        writer = writer_for(request)
        record = _record_of(request)
        if not record.get("id"):
            record = {**record, "id": f"urn:uuid:{uuid.uuid4()}"}
        parsed, lookups = _parse_resource(record)
        existing = lookups.existing(parsed.source_id)
        if existing is not None:
            raise Conflict(_("The id “%(id)s” is already used (page %(pk)s): change that resource with PUT or "
                             "PATCH, or send the record to the bulk endpoint, which updates."),
                           params={"id": parsed.source_id, "pk": existing.pk}, code="duplicate_id")
        centre = writer.centre or _session_centre(writer.user, parsed, lookups)
        page = services.create_resource(writer.user, centre, parsed.data, publish=publish)
        if submit and not publish:
            services.submit_for_review(writer.user, page)
        location = request.build_absolute_uri(f"{request.path}{page.pk}/")
        return Response(write_result(page), status=201, headers={"Location": location})


class ResourceDetailWriteView(_WriteMixin, ResourceDetailView):
    """`GET` shows a public resource (ResourceDetailView); `PUT`/`PATCH` update it, `DELETE` retires it."""

    parser_classes = [JSONParser, JsonLdParser, MergePatchParser]

    def _page(self, writer, pk):
        page = ResourcePage.objects.filter(pk=pk).first() if pk <= MAX_ID else None
        if page is None:
            raise NotFound(_("No resource with the id %(pk)s."), params={"pk": pk})
        writer.check_reach(page)
        return page

    def _update(self, request, pk, record_for):
        publish = flag(request, "publish")
        writer = writer_for(request)
        page = self._page(writer, pk)
        record = record_for(page, _record_of(request))
        if record.get("id") != page.source_id:
            raise ValidationFailed(_("“id” is “%(id)s”, but this resource's id is “%(current)s”; ids never change."),
                                   params={"id": record.get("id"), "current": page.source_id}, field="id",
                                   code="id_mismatch")
        parsed, _lookups = _parse_resource(record)
        page = services.update_resource(writer.user, page, parsed.data, publish=publish)
        return Response(write_result(page))

    @extend_schema(
        operation_id="resources_update",
        summary="Replace a resource's record",
        description="The whole AMB record; fields left out are emptied. `id` may be left out; if given it "
                    "must be the resource's. Saved as a new revision: a live resource keeps showing its "
                    "published version until `?publish=true`.",
        request={"application/json": AMB_WRITE_RECORD, "application/ld+json": AMB_WRITE_RECORD},
        parameters=[id_parameter("resource"), PUBLISH_PARAMETER],
        responses={200: WriteResultSerializer, **_errors(404)},
        tags=["resources"],
    )
    def put(self, request, pk):
        return self._update(request, pk, lambda page, record: {"id": page.source_id, **record})

    @extend_schema(
        operation_id="resources_partial_update",
        summary="Change some fields of a resource",
        description="A JSON merge patch of the AMB record of the latest revision (`null` removes a field).",
        request={"application/json": AMB_PATCH, "application/merge-patch+json": AMB_PATCH},
        parameters=[id_parameter("resource"), PUBLISH_PARAMETER],
        responses={200: WriteResultSerializer, **_errors(404)},
        tags=["resources"],
    )
    def patch(self, request, pk):
        def merged(page, patch):
            latest = page.get_latest_revision_as_object()
            record = {**amb_from_values(RESOURCE, page_values(latest)), **patch}
            return {key: value for key, value in record.items() if value is not None}

        return self._update(request, pk, merged)

    @extend_schema(
        operation_id="resources_destroy",
        summary="Retire (delete) a resource",
        description="Deletes the resource and its drafts. A published one is unpublished first: the change "
                    "feed keeps a permanent `delete` tombstone, and webhooks and OAI-PMH report it deleted.",
        parameters=[id_parameter("resource")],
        responses={204: None, **_errors(404)},
        tags=["resources"],
    )
    def delete(self, request, pk):
        writer = writer_for(request)
        services.delete_page(writer.user, self._page(writer, pk))
        return Response(status=204)


