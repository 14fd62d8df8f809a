"""The JSON-LD renderer: AMB records (`catalog.metadata.to_amb`) for clients that send `Accept: application/ld+json`."""
from rest_framework.renderers import JSONRenderer


class JsonLdRenderer(JSONRenderer):
    """JSON with the JSON-LD media type; `?format=jsonld` selects it too (handy in a browser).

    Views that list it build AMB records themselves when it is the accepted renderer; the
    bytes are plain UTF-8 JSON either way.
    """

    media_type = "application/ld+json"
    format = "jsonld"
