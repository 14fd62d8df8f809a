"""The API against its own OpenAPI schema: generated GET requests never get a 5xx or a response the schema does not describe.

Schemathesis reads `/api/schema/` from the WSGI application, generates requests for every
GET operation under /api/v1/ that an anonymous client may call (valid ones, then invalid
ones), sends them to the same application in-process, and checks status codes, content
types, headers and bodies against the schema. Hypothesis is derandomised, so a run is
repeatable, and the number of examples is bounded so the test stays well under a minute.
"""
from datetime import timedelta

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import checks
from schemathesis.generation import GenerationMode

from catalog import services
from tests.factories import course_data, resource_data

pytestmark = pytest.mark.django_db
EXAMPLES = {GenerationMode.POSITIVE: 8, GenerationMode.NEGATIVE: 5}
PINNED_EXAMPLES = 6  # more requests to detail operations, with the id or slug of a public page or term
CHECKS = [checks.not_a_server_error, checks.status_code_conformance, checks.content_type_conformance,
          checks.response_headers_conformance, checks.response_schema_conformance]


def allows_anonymous(ctx):
    """Operations anyone may call. Those that need an API key or a session (partner writes, the change
    feed's private parts, webhooks) are left to their own tests until this run is given credentials."""
    security = ctx.operation.definition.raw.get("security")
    return security is None or {} in security


def has_invalid_values(operation):
    """Whether a request can be invalid: an operation whose parameters are all free strings (headers,
    a slug in the path) has no invalid value for Hypothesis to find, and searching for one is slow."""
    parameters = [parameter for parameter in operation.definition.raw.get("parameters", [])
                  if parameter.get("in") in ("query", "path")]
    return any(p["in"] == "query" or p.get("schema", {}).get("type") != "string" for p in parameters)


@pytest.fixture
def catalogue(moderator, centre):
    """A small published catalogue: resources, one course, one collection."""
    resources = [services.create_resource(moderator, centre, resource_data(title=f"Bài {n}"), publish=True)
                 for n in range(3)]
    course = services.create_course(moderator, centre, course_data(resources), publish=True)
    collection = services.create_collection(moderator, centre, title="Tủ sách", items=[resources[0], course],
                                            publish=True)
    return {"resources": resources[0].pk, "courses": course.pk, "collections": collection.pk,
            "centres": centre.pk, "topics": "xmc-muc-do-1", "licences": "cc-by-4.0"}


@pytest.fixture
def application():
    """Django's WSGI handler, sharing the test's database transaction (as the test client does)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def run(strategy, examples, counter):
    @settings(max_examples=examples, derandomize=True, database=None, deadline=timedelta(seconds=5),
              suppress_health_check=list(HealthCheck))
    @given(case=strategy)
    def check(case):
        counter.append(case.operation.label)
        # Werkzeug's WSGI client does not undo GZipMiddleware, which the default Accept-Encoding would turn on.
        case.call_and_validate(checks=CHECKS, headers={"Accept-Encoding": "identity"})

    check()


def test_every_public_get_endpoint_keeps_to_the_schema(application, catalogue, database_search):
    schema = (schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)
              .include(method="GET", path_regex=r"^/api/v1/").include(allows_anonymous))
    operations = [result.ok() for result in schema.get_all_operations()]
    paths = {operation.path for operation in operations}
    assert {"/api/v1/resources/", "/api/v1/resources/{id}/", "/api/v1/search/", "/api/v1/topics/{value}/"} <= paths

    sent = []
    for operation in operations:
        for mode, examples in EXAMPLES.items():
            if mode is GenerationMode.NEGATIVE and not has_invalid_values(operation):
                continue
            run(operation.as_strategy(generation_mode=mode), examples, sent)
        group = operation.path.split("/")[3]
        if "{" in operation.path and group in catalogue:
            parameter = "id" if "{id}" in operation.path else "value"
            run(operation.as_strategy(path_parameters={parameter: catalogue[group]}), PINNED_EXAMPLES, sent)
    assert len(sent) >= 200, f"only {len(sent)} requests were generated"
