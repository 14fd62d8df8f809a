"""drf-spectacular extensions: how the API's own authentication appears in the OpenAPI schema."""
from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ApiKeyAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.ApiKeyAuthentication"
    name = "apiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "oerhub_<prefix>_<secret>",
            "description": (
                "A partner or centre API key: `Authorization: Bearer oerhub_…` "
                "(or the header `X-Api-Key`). Scopes: read, sync, write."
            ),
        }
