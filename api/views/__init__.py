"""Base class of the API's views, the JSON 404 for unknown API paths, and which endpoints the schema documents."""
from django.conf import settings
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.renderers import BrowsableAPIRenderer
from rest_framework.views import APIView


class PublicApiView(APIView):
    """A read endpoint anyone may call. JSON only, plus the browsable API while DEBUG is on.

    Settings are shared by every environment (REST_FRAMEWORK in settings/base.py lists only
    the JSON renderer); the browsable renderer is added here, at request time, so it can
    follow the DEBUG of whichever settings module is running.
    """

    permission_classes = [AllowAny]

    def get_renderers(self):
        renderers = super().get_renderers()
        if settings.DEBUG and not any(isinstance(r, BrowsableAPIRenderer) for r in renderers):
            renderers.append(BrowsableAPIRenderer())
        return renderers


@extend_schema(exclude=True)
class NotFoundView(APIView):
    """Every path under /api/v1/ that matches no endpoint: a JSON 404 rather than the site's HTML page."""

    permission_classes = [AllowAny]

    def get(self, request, *args, **kwargs):
        raise NotFound()

    # Any method, so a POST to a mistyped path is a 404 too, not a 405.
    post = put = patch = delete = options = get


def documented_endpoints(endpoints, **kwargs):
    """drf-spectacular preprocessing hook: document this API only (/api/v1/), not Wagtail's admin API."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
