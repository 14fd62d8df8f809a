"""The database search backend's own promises, on whichever database this run uses (SQLite or PostgreSQL).

The shared behaviour suite (test_backends.py) covers what users see from every backend; these
tests cover what only this backend does: the SQL it builds, the rows it keeps, atomic
rebuilds, its cache, its typo vocabulary, and its error when the tables are missing.
"""
import threading
from datetime import datetime, timedelta, timezone

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, connection, connections
from django.test.utils import CaptureQueriesContext

from search.backends.database import DatabaseSearchBackend, SearchIndexMissing
from search.backends.database.plan import neighbours, plan_for
from search.models import IndexedDocument, IndexedFacet, IndexWord
from search.query import SearchQuery

POSTGRES = connection.vendor == "postgresql"


@pytest.fixture
def backend(db):
    return DatabaseSearchBackend()


def query(text="", **params):
    return SearchQuery.from_params({"q": text, **params})


def words():
    return dict(IndexWord.objects.values_list("word", "documents"))


def index_statements(queries):
    """The statements of a capture that read the search index (label look-ups are not among them)."""
    return [q["sql"] for q in queries if "search_document" in q["sql"] or "search_fts" in q["sql"]]


# -- the SQL a search builds -----------------------------------------------------------------------

def test_query_forms_become_folded_groups_with_the_typed_last_word_as_a_prefix():
    plan = plan_for("Kỹ năng sống")
    groups = {g.tokens: g.prefix for g in plan.groups}
    assert groups[("ky", "nang", "song")] is True      # as typed, folded: "song" may be "sống..." typed so far
    assert groups[("ki", "nang", "song")] is True      # the kĩ/kỹ spelling variant
    assert groups[("kns",)] is False                    # the abbreviation is a whole word
    assert ("kỹ", "năng", "sống") in {g.tokens for g in plan.exact}  # ranks matches that keep the marks


def test_match_rank_and_page_statements_for_a_typical_query(backend, doc):
    backend.index_many([doc(1, "Kỹ năng sống cho thanh niên"), doc(2, "Sống khỏe", body="kỹ năng nấu ăn")])
    # the smallest sample first (it finds too few matches to estimate from), then exact counts, then the page
    probe_sql, facets_sql, page_sql = [sql for sql, _ in backend.explain_sql(query("kỹ năng sống"))][:3]
    match = backend.index.matches(plan_for("kỹ năng sống"))
    title_phrase = backend.index.title_phrase(plan_for("kỹ năng sống").groups)
    if POSTGRES:
        assert "('ky' & 'nang' & 'song':*)" in match and "('kns')" in match
        assert "('ky':A <-> 'nang':A <-> 'song':*A)" in title_phrase
        assert "d.vector @@ %s::tsquery" in page_sql and "ts_rank(" in page_sql
        assert "unnest(d.facets)" in facets_sql
    else:
        assert match.startswith("{title_f meta_f summary_f body_f} : (")
        assert '("ky" AND "nang" AND "song"*)' in match and '("kns")' in match
        assert title_phrase == '{title_f} : ("ky nang song"* OR "ki nang song"* OR "kns")'
        assert "search_fts MATCH %s" in page_sql and "bm25(search_fts" in page_sql
        assert "FROM search_facet x JOIN m" in facets_sql
    assert page_sql.index("DESC") < page_sql.index("d.published_at DESC")  # relevance tiers before recency


def test_explain_sql_gives_statements_that_run_raw_to_the_same_page(backend, doc):
    backend.index_many([doc(i, f"Tin học bài {i}", age_days=i) for i in range(1, 6)])
    assert len(backend.explain_sql(query("tin hoc"))) == 3  # the first page holds every match: suggestions come from it
    statements = backend.explain_sql(query("tin hoc", page_size=2, page=2))
    assert len(statements) == 4  # sample probe, facet counts with the total, the page, title completions
    with connection.cursor() as cursor:
        cursor.execute(*statements[2])
        raw_ids = [row[0] for row in cursor.fetchall()]
    assert raw_ids == backend.search(query("tin hoc", page_size=2, page=2)).ids == [3, 4]


def test_quotes_operators_and_odd_characters_are_searched_as_words(backend, doc):
    backend.index_many([doc(1, 'Lập trình "C" và C\\ cho NOT AND người mới'), doc(2, "Tin học O'Reilly")])
    for text in ['"', "*", "NOT AND", "c\\", "'", "(", "reilly", "o'reilly", ":*", "-x"]:
        backend.search(query(text))  # never a syntax error from FTS5 or tsquery
    assert backend.search(query("not and")).ids == [1]
    assert backend.search(query("oreilly")).ids == [2]
    assert backend.search(query("???")).total == 0


# -- rows written and removed ----------------------------------------------------------------------

def test_index_rows_are_written_replaced_and_removed(backend, doc):
    backend.index_many([doc(1, "Hóa học lớp 10", keywords=["thí nghiệm"], topic=["khoa-hoc", "hoa-hoc"], popularity=3),
                        doc(2, "Hóa học hữu cơ")])
    first = IndexedDocument.objects.get(pk=1)
    assert (first.title, first.kind, first.popularity) == ("Hóa học lớp 10", "resource", 3)
    assert facet_values(1)["topic"] == {"khoa-hoc", "hoa-hoc"} and facet_values(1)["remix"] == {"true"}
    assert stored_text(1) == {"hoá", "hoa", "học", "hoc", "lớp", "lop", "10", "thí", "thi", "nghiệm", "nghiem"}
    if POSTGRES:  # one vector: a word and its folded spelling share a position and the title's weight
        assert "'hoa':2A" in vector_text(1) and "'hoá':2A" in vector_text(1) and "'thi':7B" in vector_text(1)

    backend.index_many([doc(1, "Vật lý lớp 10", topic=["vat-ly"])])
    assert IndexedDocument.objects.get(pk=1).title == "Vật lý lớp 10" and backend.count() == 2
    assert facet_values(1)["topic"] == {"vat-ly"}
    assert "hoá" not in stored_text(1) and "vật" in stored_text(1)

    backend.delete([1, 2, 3])
    assert backend.count() == 0 and not IndexedFacet.objects.exists() and stored_text(1) == set()


def test_publication_times_in_any_time_zone_sort_as_instants(backend, doc):
    hanoi = timezone(timedelta(hours=7))
    backend.index_many([
        {**doc(1, "Bài một"), "published_at": datetime(2025, 3, 1, 6, 0, tzinfo=hanoi)},   # 23:00 UTC, 28 Feb
        {**doc(2, "Bài hai"), "published_at": datetime(2025, 2, 28, 23, 30, tzinfo=timezone.utc)},
        {**doc(3, "Bài ba"), "published_at": None},
    ])
    assert backend.search(query(sort="newest")).ids == [2, 1, 3]
    assert IndexedDocument.objects.get(pk=1).published_at == datetime(2025, 2, 28, 23, 0, tzinfo=timezone.utc)


def test_vocabulary_counts_documents_per_word_and_forgets_words_no_document_holds(backend, doc):
    backend.index_many([doc(1, "Kinh doanh nhỏ"), doc(2, "Kinh doanh online", summary="Bán hàng")])
    assert {w: n for w, n in words().items() if w in ("kinh", "doanh", "online", "hang")} == \
        {"kinh": 2, "doanh": 2, "online": 1, "hang": 1}
    assert "nho" not in words() and "ban" not in words()  # under four letters: never corrected to
    backend.index_many([doc(2, "Kinh tế")])
    assert words()["doanh"] == 1 and "online" not in words() and "hang" not in words()
    backend.delete([1, 2])
    assert words() == {}


# -- rebuild ---------------------------------------------------------------------------------------

def test_rebuild_writes_in_batches_and_reports_progress(doc, db):
    backend = DatabaseSearchBackend(batch_size=2)
    backend.index_many([doc(99, "Cũ")])
    done = []
    backend.rebuild((doc(i, f"Bài {i}") for i in range(1, 6)), progress=done.append)
    assert done == [2, 2, 1]
    assert backend.count() == 5 and backend.search(query("cu")).total == 0
    assert words() == {}  # "bai" has three letters


def test_a_failed_rebuild_leaves_the_old_index_untouched(doc, db):
    backend = DatabaseSearchBackend(batch_size=1)
    backend.index_many([doc(1, "Trồng lúa nước"), doc(2, "Nuôi gà thả vườn")])

    def documents():
        yield doc(3, "Nuôi cá lồng")
        yield doc(4, "Trồng rau sạch")
        raise RuntimeError("the catalogue query failed")

    with pytest.raises(RuntimeError):
        backend.rebuild(documents())
    assert backend.count() == 2
    assert backend.search(query("nuoi")).ids == [2]
    assert words()["nuoc"] == 1 and "long" not in words()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # the flush would drop the seeded vocabularies
def test_other_connections_never_see_a_half_built_index(doc):
    """PostgreSQL shows them the old index until the commit; SQLite makes them wait for the writer
    (the in-memory test database reports the table as locked at once). Neither shows a mix."""
    backend = DatabaseSearchBackend(batch_size=1, cache_seconds=0)
    backend.index_many([doc(1, "Trồng lúa"), doc(2, "Nuôi gà")])
    seen = []

    def documents():
        yield doc(3, "Nuôi cá")
        yield doc(4, "Trồng rau")
        seen.append(from_another_connection(lambda: backend.search(query("nuoi")).ids))

    backend.rebuild(documents())
    assert seen == ([[2]] if POSTGRES else ["locked"])
    assert backend.search(query("nuoi")).ids == [3]
    backend.rebuild([])  # SQLite's FTS table is not a model: the flush after this test would not empty it


# -- typo correction, cache, errors ----------------------------------------------------------------

def test_a_long_word_matching_nothing_is_corrected_against_the_vocabulary(backend, doc):
    backend.index_many([doc(1, "Khởi sự kinh doanh nhỏ", popularity=1), doc(2, "Doanh nghiệp xã hội")])
    results = backend.search(query("kinh doanhh"))
    assert (results.ids, results.corrected_query) == ([1], "kinh doanh")
    statements = [sql for sql, _ in backend.explain_sql(query("kinh doanhh"))]
    # probe and counts find nothing; then the vocabulary; then probe, counts and page of the corrected text
    assert len(statements) == 6 and "FROM search_word" in statements[2]
    assert backend.search(query("doanh nghiep")).corrected_query == ""
    assert backend.search(query("doanhnghiep")).ids == []  # two edits away: no guess
    assert "doanh" in neighbours("doanhh") and "doanh" in neighbours("daonh")


def test_the_last_word_is_not_corrected_when_it_begins_an_index_word(backend, doc):
    backend.index_many([doc(1, "Nghiệp vụ kế toán"), doc(2, "Phòng chống cháy nổ")])
    results = backend.search(query("phong nghie"))  # matches nothing together, but "nghie" is being typed
    assert results.ids == [] and results.corrected_query == ""


def test_results_are_cached_until_the_index_changes(backend, doc):
    backend.index_many([doc(1, "Video kỹ năng sống", type=["video"])])
    backend.search(query("ky nang", type="video"))
    with CaptureQueriesContext(connection) as again:
        cached = backend.search(query("ky nang", type="video"))
    assert cached.ids == [1] and index_statements(again.captured_queries) == []
    with CaptureQueriesContext(connection) as page_two:
        assert backend.search(query("ky nang", type="video", page=2, sort="newest")).ids == []
    assert index_statements(page_two.captured_queries) == []  # the total says page 2 is empty
    backend.index_many([doc(2, "Kỹ năng sống tuổi mới lớn", type=["video"])])
    fresh = backend.search(query("ky nang", type="video"))
    assert set(fresh.ids) == {1, 2} and fresh.total == 2
    assert {fv.value: fv.count for fv in fresh.facets["type"]} == {"video": 2}


def test_missing_tables_say_to_run_migrations(backend, doc):
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE search_document RENAME TO search_document_gone")
    with pytest.raises(SearchIndexMissing, match="manage.py migrate search"):
        DatabaseSearchBackend(cache_seconds=0).search(query("lua"))


def test_other_databases_are_refused_with_the_alternative(monkeypatch, db):
    monkeypatch.setattr(connections["default"], "vendor", "mysql")
    with pytest.raises(ImproperlyConfigured, match="SEARCH_BACKEND=elasticsearch"):
        DatabaseSearchBackend()


# -- helpers ---------------------------------------------------------------------------------------

def facet_values(pk):
    """{facet: {values}} of one indexed document, from wherever this database keeps them."""
    found = {}
    if POSTGRES:
        with connection.cursor() as cursor:
            cursor.execute("SELECT unnest(facets) FROM search_document WHERE id = %s", [pk])
            pairs = [entry.split("\x1f") for (entry,) in cursor.fetchall() if entry != "\x1f"]
    else:
        pairs = IndexedFacet.objects.filter(document_id=pk).values_list("facet", "value")
    for facet, value in pairs:
        found.setdefault(facet, set()).add(value)
    return found


def stored_text(pk):
    """The words the full-text index holds for one document: both spellings of each."""
    with connection.cursor() as cursor:
        if POSTGRES:
            cursor.execute("SELECT tsvector_to_array(vector) FROM search_document WHERE id = %s", [pk])
            rows = cursor.fetchall()
            return set(rows[0][0]) if rows else set()
        cursor.execute("SELECT title, title_f, meta, meta_f, summary, summary_f, body, body_f "
                       "FROM search_fts WHERE rowid = %s", [pk])
        rows = cursor.fetchall()
        return set(" ".join(rows[0]).split()) if rows else set()


def vector_text(pk):
    with connection.cursor() as cursor:
        cursor.execute("SELECT vector::text FROM search_document WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def from_another_connection(read):
    """What `read()` returns on a second database connection (a thread of its own), or "locked"."""
    result = []

    def run():
        try:
            result.append(read())
        except DatabaseError as exc:
            # SQLite names the table it could not read, or the FTS5 table whose shadow tables are locked.
            blocked = "locked" in str(exc) or "vtable constructor failed" in str(exc)
            result.append("locked" if blocked else repr(exc))
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(30)
    return result[0] if result else "timed out"


def test_every_facet_of_the_schema_is_stored_and_counted_by_the_database_backend(db, doc):
    """Parity with search.schema.FACETS (the Elasticsearch mapping has its own parity test)."""
    from search.backends.database import DatabaseSearchBackend
    from search.query import SearchQuery
    from search.schema import BOOLEAN_FACETS, FACET_NAMES

    backend = DatabaseSearchBackend(cache_seconds=0)
    document = doc(1, "Tài liệu", topic=["ky-nang-song"], type=["video"], audience=["hoc-vien"], level=["thcs"],
                   language=["vi"], licence=["cc-by-4.0"], centre=["a"], province=["01"], h5p=True)
    backend.index_many([document])
    facets = backend.search(SearchQuery()).facets
    for name in FACET_NAMES:
        expected = ("true" if document[name] else "false") if name in BOOLEAN_FACETS else (
            document[name] if name != "kind" else "resource")
        expected = expected[0] if isinstance(expected, list) else expected
        assert [fv.value for fv in facets[name]] == [expected], name


# -- broad searches: counts and ranking from a fixed sample ----------------------------------------

def test_a_broad_search_counts_and_ranks_in_a_sample_and_says_so(db, doc):
    documents = [doc(i, f"Tin học bài {i}", type=["video" if i % 3 else "tai-lieu"], age_days=i) for i in range(1, 801)]
    documents += [doc(i, f"Nuôi cá lồng bài {i}", age_days=i) for i in range(801, 811)]
    exact = DatabaseSearchBackend(cache_seconds=0)
    exact.index_many(documents)
    broad = DatabaseSearchBackend(cache_seconds=0, exact_limit=100, sample_target=60)

    full = exact.search(query("tin hoc"))
    assert (full.total, full.approximate) == (800, False)
    assert {fv.value: fv.count for fv in full.facets["type"]} == {"video": 534, "tai-lieu": 266}

    with CaptureQueriesContext(connection):  # the logged SQL of DEBUG=True (make run) formats cleanly
        results = broad.search(query("tin hoc"))
    assert results.approximate and 400 <= results.total <= 1600  # an estimate, scaled from the sample
    counts = {fv.value: fv.count for fv in results.facets["type"]}
    assert set(counts) == {"video", "tai-lieu"} and counts["video"] > counts["tai-lieu"]
    assert list(results.facets) == list(full.facets)  # every facet, same shape
    first, second = results.ids, broad.search(query("tin hoc", page=2)).ids
    assert len(first) == len(second) == 20 and not set(first) & set(second)  # pages of one sample never overlap
    assert set(first + second) <= set(range(1, 801))

    narrow = broad.search(query("nuoi ca"))  # too few matches to sample: exact
    assert (narrow.total, narrow.approximate, sorted(narrow.ids)) == (10, False, list(range(801, 811)))
    filtered = broad.search(query("tin hoc", type="tai-lieu", page_size=50))
    assert filtered.approximate and all(pk % 3 == 0 for pk in filtered.ids) and len(filtered.ids) == 50
