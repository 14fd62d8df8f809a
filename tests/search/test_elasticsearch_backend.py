"""What only the Elasticsearch backend has: its mapping, index lifecycle, rebuild without downtime, engine failures.

Runs over real HTTP against osmem-server (an in-memory OpenSearch-compatible server): a clone
of the session's server per test, or a server of its own where a test stops it. Production
Elasticsearch is exercised through docker-compose.
"""
import json
import uuid
from pathlib import Path

import pytest
from osmem_server import OsmemServer

from search.backends.base import BackendUnavailable
from search.backends.elasticsearch import ElasticsearchSearchBackend, compiler, documents
from search.backends.elasticsearch import rebuild as lifecycle
from search.backends.elasticsearch.transport import plain_media_type
from search.query import SearchQuery
from search.schema import BOOLEAN_FACETS, FACETS

SNAPSHOT = Path(__file__).parent / "data" / "es_mapping.json"


def make_backend(url, **kwargs):
    return ElasticsearchSearchBackend(url=url, index_prefix=f"t{uuid.uuid4().hex[:10]}", test_transport=True, **kwargs)


@pytest.fixture
def es(db, osmem_clone):
    return make_backend(osmem_clone.url)


def found(backend, text="", **params):
    return backend.search(SearchQuery.from_params({"q": text, **params}))


def concrete_indices(backend):
    """Every index this backend's prefix owns, whatever alias it carries."""
    return sorted(backend.client.indices.get(index=f"{backend.alias}-*").body)


# -- mapping ---------------------------------------------------------------------------------------

def test_index_settings_and_mapping_match_the_committed_snapshot(es):
    """A mapping change needs a rebuild in production: make it on purpose, by updating the snapshot."""
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    assert documents.index_body() == expected, (
        f"The index mapping changed. If that is intended, rewrite {SNAPSHOT.name} from "
        "search.backends.elasticsearch.documents.index_body() and run rebuild_search_index after deploying.")
    # ...and the engine accepted it as written (nothing dropped or renamed on the way).
    assert es.count() == 0
    served = es.client.indices.get_mapping(index=es.alias).body
    assert [index["mappings"] for index in served.values()] == [expected["mappings"]]


def test_every_facet_is_mapped_for_filtering_and_counting():
    properties = documents.index_body()["mappings"]["properties"]
    for facet in FACETS:
        assert facet.name in properties, f"facet {facet.name!r} is not in the Elasticsearch mapping"
        expected = "boolean" if facet.name in BOOLEAN_FACETS else "keyword"
        assert properties[facet.name]["type"] == expected
    for field in documents.TEXT_FIELDS:
        assert properties[field]["type"] == properties[documents.folded(field)]["type"] == "text"


def test_documents_are_stored_normalised_and_folded(doc):
    source = documents.to_source(doc(7, "Hòa nhập cộng đồng: Đắk Lắk", keywords=["Kỹ năng sống"], kind="course"))
    assert source["title"] == "hoà nhập cộng đồng đắk lắk"          # canonical tone placement, no punctuation
    assert source["title_folded"] == "hoa nhap cong dong dak lak"
    assert source["keywords_folded"] == ["ky nang song"]
    assert source["display_title"] == "Hòa nhập cộng đồng: Đắk Lắk"
    assert source["kind"] == ["course"] and source["remix"] is True
    back = documents.from_source(source)
    assert (back["id"], back["title"], back["kind"], back["published_at"]) == (
        7, "Hòa nhập cộng đồng: Đắk Lắk", ["course"], doc(7, "")["published_at"])


# -- searching -------------------------------------------------------------------------------------

def test_typo_search_says_what_it_searched_instead(es, doc):
    es.index_many([doc(1, "Khởi sự kinh doanh nhỏ"), doc(2, "Nuôi cá lồng bè")])
    results = found(es, "kinh doanhh")
    assert results.ids == [1]
    assert results.corrected_query == "kinh doanh"
    assert found(es, "kinh doanh").corrected_query == ""


def test_suggestions_are_distinct_titles_within_the_filters(es, doc):
    es.index_many([doc(1, "Tin học văn phòng"), doc(2, "Tin học văn phòng", age_days=1),
                   doc(3, "Tin học cơ bản", kind="course", age_days=2), doc(4, "Tiếng Anh")])
    assert found(es, "tin h").suggestions == ["Tin học văn phòng", "Tin học cơ bản"]
    assert found(es, "tin h", kind="course").suggestions == ["Tin học cơ bản"]


def test_punctuation_alone_finds_nothing_but_lists_every_facet(es, doc):
    from search.schema import FACET_NAMES

    es.index_many([doc(1, "Bài một")])
    results = found(es, "?!")
    assert (results.ids, results.total, list(results.facets)) == ([], 0, list(FACET_NAMES))


def test_a_page_past_the_result_window_is_empty_but_counted(es, doc):
    es.index_many([doc(1, "Bài một")])
    query = SearchQuery.from_params({"q": "bai", "page": "10000", "page_size": "100"})
    assert compiler.window(query) == (documents.MAX_RESULT_WINDOW, 0)
    results = es.search(query)
    assert results.ids == [] and results.total == 1


def test_every_id_can_be_listed_with_search_after(es, doc, monkeypatch):
    monkeypatch.setattr(compiler, "SCAN_SIZE", 2)
    es.index_many([doc(i, f"Bài {i}") for i in (5, 1, 4, 2, 3)])
    pages = []
    search = es.client.search
    monkeypatch.setattr(es.client, "search", lambda **kw: pages.append(kw["body"].get("search_after")) or search(**kw))
    assert list(es.iter_ids()) == [1, 2, 3, 4, 5]
    assert pages == [None, [2], [4]]


# -- index lifecycle -------------------------------------------------------------------------------

def test_index_and_alias_are_created_on_first_use_and_again_if_lost(es, doc):
    assert found(es, "lua").ids == []
    assert concrete_indices(es) == [lifecycle.initial_index_name(es.prefix)]
    es.client.indices.delete(index=concrete_indices(es))  # e.g. an engine restarted empty
    es.index_many([doc(1, "Trồng lúa")])  # a write never creates a plain index under the alias's name
    assert found(es, "lua").ids == [1]
    assert es.client.indices.exists_alias(name=es.alias)
    es.client.indices.delete(index=concrete_indices(es))
    assert found(es, "lua").ids == [] and es.count() == 0


def test_searches_and_writes_keep_working_while_a_rebuild_loads(es, doc, monkeypatch):
    monkeypatch.setattr(lifecycle, "CHUNK_SIZE", 3)
    es.index_many([doc(1, "Trồng lúa nước"), doc(2, "Nuôi gà thả vườn")])
    old_indices = concrete_indices(es)
    seen = {}

    def catalogue():
        for i in range(100, 108):
            yield doc(i, f"Nuôi cá lồng số {i}")
            if i == 106:  # feeding 106 sent the second chunk of three (100-102, 103-105)
                es.client.indices.refresh(index=es.next_alias)
                seen["loading"] = es.client.count(index=es.next_alias)["count"]
                seen["during"] = set(found(es, "nuoi").ids)
                es.index_many([doc(3, "Nuôi ong lấy mật")])  # published while the rebuild runs

    progress = []
    es.rebuild(catalogue(), progress=progress.append)
    assert seen["loading"] == 6              # the new index was half loaded...
    assert seen["during"] == {2}             # ...while the old one answered
    assert set(found(es, "nuoi").ids) == {3, *range(100, 108)}
    assert sum(progress) == 8
    assert es.count() == 9
    assert old_indices[0] not in concrete_indices(es) and len(concrete_indices(es)) == 1
    assert not es.client.indices.exists_alias(name=es.next_alias)


def test_a_failed_rebuild_leaves_the_old_index_serving(es, doc):
    es.index_many([doc(1, "Trồng lúa")])
    before = concrete_indices(es)

    def broken_catalogue():
        yield doc(2, "Nuôi gà")
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError):
        es.rebuild(broken_catalogue())
    assert concrete_indices(es) == before
    assert found(es, "lua").ids == [1] and es.count() == 1


def test_rebuild_names_the_new_index_by_time_and_replaces_a_plain_index(es, doc):
    es.client.indices.create(index=es.alias)  # an index (not an alias) under the alias's name
    es.rebuild([doc(1, "Trồng lúa")])
    (index,) = concrete_indices(es)
    assert index.startswith(f"{es.prefix}-resources-20") and index[len(es.alias) + 1:].isdigit()
    assert list(es.client.indices.get_alias(name=es.alias).body) == [index]
    assert found(es, "lua").ids == [1]


# -- engine failures -------------------------------------------------------------------------------

def test_every_operation_raises_backend_unavailable_when_the_engine_stops(db, doc):
    server = OsmemServer.start(japanese=False)
    try:
        backend = make_backend(server.url)
        backend.index_many([doc(1, "Trồng lúa")])
        assert found(backend, "lua").ids == [1]
        server.close()
        for operation in (lambda: found(backend, "lua"), lambda: backend.index_many([doc(2, "Nuôi gà")]),
                          lambda: backend.delete([1]), lambda: backend.rebuild([doc(3, "Nuôi cá")]),
                          backend.count):
            with pytest.raises(BackendUnavailable, match="cannot be reached"):
                operation()
    finally:
        server.close()


def test_without_the_test_transport_osmem_refuses_the_client(db, osmem_clone):
    """Why tests pass `test_transport=True`: osmem answers the client's compatibility media type with 406."""
    backend = ElasticsearchSearchBackend(url=osmem_clone.url, index_prefix="plain", test_transport=False)
    with pytest.raises(BackendUnavailable, match="406"):
        backend.count()
    assert plain_media_type("application/vnd.elasticsearch+json; compatible-with=8") == "application/json"
    assert plain_media_type("application/vnd.elasticsearch+x-ndjson; compatible-with=8") == "application/x-ndjson"
    assert plain_media_type("text/plain") == "text/plain"


def test_a_missing_url_is_a_configuration_error_that_says_what_to_set(settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.ELASTICSEARCH_URL = ""
    with pytest.raises(ImproperlyConfigured, match="ELASTICSEARCH_URL"):
        ElasticsearchSearchBackend()
