"""A test-only HTTP node for the `elasticsearch` client that sends plain JSON media types.

Why it exists: the `elasticsearch` 8 client always sends
``application/vnd.elasticsearch+json; compatible-with=8`` (and ``+x-ndjson`` for bulk
bodies) in Accept and Content-Type. Real Elasticsearch accepts that; osmem-server, the
in-memory OpenSearch-compatible server the test suite runs against, answers it with
406 Not Acceptable. This node rewrites those headers to ``application/json`` (and
``application/x-ndjson``) before the request leaves. Production never uses it: the
backend passes it to the client only when ``test_transport`` is true
(``ELASTICSEARCH_TEST_TRANSPORT`` in the test settings).
"""
import re

from elastic_transport import Urllib3HttpNode

COMPATIBLE_MEDIA_TYPE = re.compile(r"application/vnd\.elasticsearch\+([\w-]+)\s*;\s*compatible-with=\d+")


def plain_media_type(value):
    """`application/vnd.elasticsearch+json; compatible-with=8` -> `application/json` (other values unchanged)."""
    return COMPATIBLE_MEDIA_TYPE.sub(r"application/\1", value)


class PlainJsonHttpNode(Urllib3HttpNode):
    """Urllib3HttpNode that replaces Elasticsearch's compatibility media types with the plain ones."""

    def perform_request(self, method, target, body=None, headers=None, **kwargs):
        if headers:
            headers = headers.copy()
            for name in ("accept", "content-type"):
                if name in headers:
                    headers[name] = plain_media_type(headers[name])
        return super().perform_request(method, target, body, headers, **kwargs)
