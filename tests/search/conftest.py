"""Fixtures for the search suites: every backend, empty, and a builder of index documents."""
import uuid
from datetime import datetime, timedelta, timezone

import pytest

BACKENDS = ["database", "elasticsearch"]
EPOCH = datetime(2025, 1, 1, tzinfo=timezone.utc)


@pytest.fixture(params=BACKENDS)
def backend(request, db):
    """A fresh, empty backend of each kind: database (SQLite or PostgreSQL, whichever this run uses)
    and Elasticsearch over HTTP against an osmem clone started for the test session."""
    if request.param == "database":
        from search.backends.database import DatabaseSearchBackend

        return DatabaseSearchBackend()
    from search.backends.elasticsearch import ElasticsearchSearchBackend

    clone = request.getfixturevalue("osmem_clone")
    return ElasticsearchSearchBackend(url=clone.url, index_prefix=f"t{uuid.uuid4().hex[:10]}", test_transport=True)


def make_doc(id, title, summary="", body="", *, kind="resource", keywords=(), authors=(), topic=("ky-nang-song",),
             type=("tai-lieu",), audience=(), level=(), language=("vi",), licence=("cc-by-4.0",), remix=True,
             centre=("trung-tam-a",), province=("01",), h5p=False, age_days=0, popularity=0):
    """An index document as `search.schema.document_for` builds it; newer documents have a smaller `age_days`."""
    return {
        "id": id, "kind": kind, "source_id": f"urn:test:{id}", "title": title, "summary": summary, "body": body,
        "keywords": list(keywords), "authors": list(authors), "topic": list(topic),
        "type": list(type) if kind == "resource" else [], "audience": list(audience), "level": list(level),
        "language": list(language), "licence": list(licence), "remix": remix, "centre": list(centre),
        "province": list(province), "h5p": h5p, "published_at": EPOCH - timedelta(days=age_days),
        "popularity": popularity,
    }


@pytest.fixture
def doc():
    return make_doc
