"""A partner's webhooks at `/api/v1/webhooks/`: list, register, read, change, delete, the delivery log and a ping.

Every endpoint needs a partner's API key with the `sync` scope; a key sees only its own
partner's webhooks (another partner's id is a 404, as if it did not exist).
"""
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from core.errors import ValidationFailed

from ..models import ApiKey, WebhookEndpoint
from ..permissions import RequireScope
from ..serializers.search import ErrorSerializer
from ..serializers.webhooks import (
    WebhookDeliveryPageSerializer,
    WebhookDeliverySerializer,
    WebhookEndpointDetailSerializer,
    WebhookEndpointSerializer,
)
from ..webhooks import register_endpoint, send_ping, update_endpoint

ERRORS = {
    401: OpenApiResponse(ErrorSerializer, description="No API key, or one that is not valid."),
    403: OpenApiResponse(ErrorSerializer, description="The key lacks the `sync` scope or belongs to a centre."),
}
NOT_FOUND = {404: OpenApiResponse(ErrorSerializer, description="No such webhook for this partner.")}
BAD_INPUT = {400: OpenApiResponse(ErrorSerializer, description="Bad field (`invalid`) or an address the hub "
                                                               "will not call (`invalid_webhook_url`).")}


class PartnerKey(BasePermission):
    """The key belongs to a partner organisation (webhooks are a partner's, not a centre's)."""

    def has_permission(self, request, view):
        self.message = _("Webhooks belong to partner organisations; use a partner's API key.")
        return isinstance(request.auth, ApiKey) and request.auth.partner_id is not None


class WebhookApiView(APIView):
    permission_classes = [RequireScope("sync"), PartnerKey]

    def endpoints(self):
        return WebhookEndpoint.objects.filter(partner_id=self.request.auth.partner_id)

    def endpoint(self, pk):
        return get_object_or_404(self.endpoints(), pk=pk)


class WebhookListView(WebhookApiView):
    @extend_schema(operation_id="webhooks_list", summary="This partner's webhooks",
                   responses={200: WebhookEndpointSerializer(many=True), **ERRORS})
    def get(self, request):
        return Response(WebhookEndpointSerializer(self.endpoints(), many=True).data)

    @extend_schema(operation_id="webhooks_create", summary="Register a webhook",
                   description="The response holds `secret`, the key that signs every delivery. Only changes "
                               "made after registration are delivered; use the change feed for earlier ones.",
                   request=WebhookEndpointSerializer,
                   responses={201: WebhookEndpointDetailSerializer, **BAD_INPUT, **ERRORS,
                              409: OpenApiResponse(ErrorSerializer, description="Too many webhooks "
                                                                                "(`too_many_webhooks`).")})
    def post(self, request):
        serializer = WebhookEndpointSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        endpoint = register_endpoint(request.auth.partner, **serializer.validated_data)
        return Response(WebhookEndpointDetailSerializer(endpoint).data, status=201)


@extend_schema_view(
    get=extend_schema(operation_id="webhooks_retrieve", summary="One webhook, with its signing secret",
                      responses={200: WebhookEndpointDetailSerializer, **ERRORS, **NOT_FOUND}),
    patch=extend_schema(operation_id="webhooks_update", summary="Change a webhook (URL, events, pause)",
                        request=WebhookEndpointSerializer,
                        responses={200: WebhookEndpointDetailSerializer, **BAD_INPUT, **ERRORS, **NOT_FOUND}),
    delete=extend_schema(operation_id="webhooks_destroy", summary="Delete a webhook and stop its deliveries",
                         responses={204: None, **ERRORS, **NOT_FOUND}),
)
class WebhookDetailView(WebhookApiView):
    def get(self, request, pk):
        return Response(WebhookEndpointDetailSerializer(self.endpoint(pk)).data)

    def patch(self, request, pk):
        endpoint = self.endpoint(pk)
        serializer = WebhookEndpointSerializer(endpoint, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        update_endpoint(endpoint, **serializer.validated_data)
        return Response(WebhookEndpointDetailSerializer(endpoint).data)

    def delete(self, request, pk):
        self.endpoint(pk).delete()
        return Response(status=204)


class DeliveryPagination(CursorPagination):
    """Newest first; `cursor` links from `next`/`previous`, `limit` per page (up to 200)."""

    ordering = "-id"
    page_size = 50
    page_size_query_param = "limit"
    max_page_size = 200

    def decode_cursor(self, request):
        try:
            return super().decode_cursor(request)
        except NotFound:
            raise ValidationFailed(_("The cursor is not valid. Use the `next` or `previous` link as it is."),
                                   code="invalid_cursor", field="cursor") from None


class WebhookDeliveriesView(WebhookApiView):
    @extend_schema(operation_id="webhooks_deliveries", summary="Delivery log of a webhook, newest first",
                   parameters=[OpenApiParameter("cursor", str, description="From a `next` or `previous` link."),
                               OpenApiParameter("limit", {"type": "integer", "minimum": 1, "maximum": 200},
                                                default=50)],
                   responses={200: WebhookDeliveryPageSerializer, **ERRORS, **NOT_FOUND})
    def get(self, request, pk):
        paginator = DeliveryPagination()
        page = paginator.paginate_queryset(self.endpoint(pk).deliveries.all(), request, view=self)
        return paginator.get_paginated_response(WebhookDeliverySerializer(page, many=True).data)


class WebhookPingView(WebhookApiView):
    @extend_schema(operation_id="webhooks_ping", summary="Send a test event now",
                   description="POSTs a signed `ping` event to the webhook at once (not retried) and returns the "
                               "delivery with the answer received.",
                   request=None, responses={200: WebhookDeliverySerializer, **ERRORS, **NOT_FOUND})
    def post(self, request, pk):
        return Response(WebhookDeliverySerializer(send_ping(self.endpoint(pk))).data)
