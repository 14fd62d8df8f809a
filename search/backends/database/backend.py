"""The embedded default search backend: SQLite FTS5 or PostgreSQL full text, in the project's own database.

Tables (see search/models.py and migration 0002): documents with their sort keys, text and
facet values, the vocabulary of folded words that typos are corrected against, and a token
that changes with every index write. A search reads the token, then runs facet counts with
the total, the page, and title completions only when the page cannot supply them; a query
that matches nothing adds a vocabulary look-up and, when a typo was found, the corrected
search (see `statements`). `explain_sql` returns these so a benchmark can time the raw SQL.

Results, and separately the facet counts, total and suggestions (the costly part of a broad
search, the same for every page and sort of one query), are cached in Django's default cache
keyed by the token, as Solr's query result cache does: every index write changes the token,
so entries cached before it are never read again.
"""
import hashlib
import logging
import uuid
from collections import Counter
from contextlib import contextmanager
from dataclasses import replace
from itertools import islice

from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction

from search.results import SearchResults, label_facets
from search.text import suggest_corrections

from ..base import BaseSearchBackend
from . import sample, statements
from .documents import rows_for
from .plan import completes, correctable, neighbours, plan_for
from .postgres import PostgresIndex
from .sqlite import SQLiteIndex

INDEXES = {"sqlite": SQLiteIndex, "postgresql": PostgresIndex}
MAX_SUGGESTIONS = 5
CACHE_SECONDS = 600
logger = logging.getLogger(__name__)


class SearchIndexMissing(ImproperlyConfigured):
    """The search tables do not exist in this database: migrations have not been run."""


class DatabaseSearchBackend(BaseSearchBackend):
    """Search in the project's database; never unavailable while the database itself answers."""

    name = "database"

    def __init__(self, using=DEFAULT_DB_ALIAS, batch_size=500, cache_seconds=CACHE_SECONDS,
                 exact_limit=sample.EXACT_LIMIT, sample_target=sample.SAMPLE_TARGET):
        self.using = using
        self.batch_size = batch_size
        self.cache_seconds = cache_seconds  # 0: no cache, every search runs its statements
        self.exact_limit = exact_limit      # estimated matches up to which counts and ranking are exact
        self.sample_target = sample_target  # matches a sample should hold beyond that
        vendor = connections[using].vendor
        if vendor not in INDEXES:
            raise ImproperlyConfigured(
                f"The database search backend supports SQLite and PostgreSQL, not {vendor}. "
                "Use SEARCH_BACKEND=elasticsearch with this database."
            )
        self.index = INDEXES[vendor]()

    # -- searching ---------------------------------------------------------------------------------

    def search(self, query):
        with self._errors():
            cursor = _Cursor(connections[self.using], log=None)
            token = cursor.fetch(*statements.TOKEN)[:1] if self.cache_seconds else None
            key = _key("results", self.using, token, query.text, sorted(query.filters.items()), query.sort,
                       query.page, query.page_size) if token is not None else None
            results = _cache_get(key) if key else None
            if results is None:
                results = self._search(query, cursor, token)
                if key:
                    _cache_set(key, results, self.cache_seconds)
        results.facets = label_facets(results.facets, query)
        return results

    def explain_sql(self, query):
        """The `(sql, params)` statements `search(query)` issues when nothing is cached, in order.

        It runs the search once, without the cache, to find out: whether a suggestion or a
        typo-correction statement follows depends on what the first ones return.
        """
        log = []
        with self._errors():
            self._search(query, _Cursor(connections[self.using], log=log), token=None)
        return log

    def _search(self, query, cursor, token):
        results = self._run(query, cursor, token)
        if results.total == 0 and query.text:
            corrected = self._correction(query.text, cursor)
            if corrected:
                results = self._run(replace(query, text=corrected), cursor, token)
                results.corrected_query = corrected
        return results

    def _run(self, query, cursor, token):
        """Raw results (facets as {facet: {value: count}}) for one query, without typo correction.

        Facet counts, the total and the suggestions depend on the text and filters only, not on
        the page or sort, and for a broad query they are most of the work: they are cached on
        their own, so paging through results or re-sorting them costs one statement.
        """
        plan = plan_for(query.text) if query.text else None
        if plan is not None and plan.empty:  # punctuation only: nothing to look for
            return SearchResults(ids=[], total=0, facets={})
        probe = self.index.facet_counts(query, plan, sample.MAX_LEVEL)
        key = _key("shared", self.using, token, *probe) if token is not None else None
        shared = _cache_get(key) if key else None
        if shared is None:
            shared = self._counts(query, plan, cursor, probe)
        level = shared["level"]
        page_level = 0
        if plan is not None and query.sort == "relevance":
            page_level = sample.page_level(level, shared["sampled_total"], query.offset + query.page_size)
        rows = (cursor.fetch(*statements.page(self.index, query, plan, page_level))
                if shared["total"] > query.offset else [])
        if shared["suggestions"] is None:
            shared["suggestions"] = (self._suggestions(query, plan, rows, shared["total"], cursor, level)
                                     if plan else [])
            if key:
                _cache_set(key, shared, self.cache_seconds)
        return SearchResults(
            ids=[row[0] for row in rows],
            total=shared["total"],
            facets=shared["counts"],
            suggestions=shared["suggestions"],
            terms=plan.phrases if plan is not None else (),
            approximate=bool(level),
        )

    def _counts(self, query, plan, cursor, probe):
        """Facet counts and total: exact when the smallest sample (`probe`) estimates few matches, else
        from the smallest sample level holding about `sample_target` of them, scaled (see `sample`)."""
        # Chosen by the matches passing every filter, the smallest set counted: each facet's counts
        # (every filter but its own) then come from at least as many sampled documents.
        counts, total = self._fetch_counts(cursor, probe)
        level = sample.choose(total, self.exact_limit, self.sample_target)
        if level != sample.MAX_LEVEL:
            counts, total = self._fetch_counts(cursor, self.index.facet_counts(query, plan, level))
        scale = 2 ** level
        return {
            "counts": {facet: {value: n * scale for value, n in values.items()} for facet, values in counts.items()},
            "total": total * scale,
            "sampled_total": total,
            "level": level,
            "suggestions": None,
        }

    @staticmethod
    def _fetch_counts(cursor, statement):
        counts, total = {}, 0
        for facet, value, count in cursor.fetch(*statement):
            if facet:
                counts.setdefault(facet, {})[value] = count
            else:  # the total row
                total = count
        return counts, total

    def _suggestions(self, query, plan, rows, total, cursor, level=0):
        """Up to five titles continuing the typed text, taken from the page when it is sure to hold them."""
        if not plan.typed or total == 0:
            return []
        titles = [row[1] for row in rows]
        found = _distinct(t for t in titles if completes(t, plan.typed))
        if query.sort == "relevance" and query.page == 1 and (len(found) >= MAX_SUGGESTIONS or total <= len(rows)):
            # Ranking puts titles holding the phrase first, and this page holds them all (or enough).
            return found[:MAX_SUGGESTIONS]
        titles = [row[0] for row in cursor.fetch(*statements.completions(self.index, query, plan, level))]
        return _distinct(t for t in titles if completes(t, plan.typed))[:MAX_SUGGESTIONS]

    def _correction(self, text, cursor):
        """The text with each long word that is not in the index replaced by the likeliest index word one edit away."""
        plan = plan_for(text)
        targets = correctable(plan.typed)
        if not targets:
            return ""
        candidates = {word for _, word in targets}
        for _, word in targets:
            candidates |= neighbours(word)
        vocabulary = {}
        for word, documents in cursor.fetch(*statements.vocabulary(self.index, plan, candidates)):
            vocabulary[word] = max(documents, vocabulary.get(word, 0))
        last = len(plan.typed) - 1
        replacements = {}
        for position, word in targets:
            if word in vocabulary or (position == last and any(w.startswith(word) for w in vocabulary)):
                continue  # the word is in the index (or begins an index word, as the last one may)
            options = suggest_corrections(word, {w: n for w, n in vocabulary.items() if w in candidates})
            if options:
                replacements[position] = options[0]
        if not replacements:
            return ""
        return " ".join(replacements.get(i, word) for i, word in enumerate(plan.words))

    # -- writing -----------------------------------------------------------------------------------

    def index_many(self, documents):
        """Insert or replace documents (by id); returns how many were written."""
        documents = list(documents)
        with self._errors(), transaction.atomic(using=self.using):
            with connections[self.using].cursor() as cursor:
                for batch in _batches(documents, self.batch_size):
                    self._write(cursor, batch)
                cursor.execute(*statements.touch(uuid.uuid4().hex))
        return len(documents)

    def delete(self, ids):
        ids = sorted({int(pk) for pk in ids})
        if not ids:
            return
        with self._errors(), transaction.atomic(using=self.using):
            with connections[self.using].cursor() as cursor:
                old = self.index.stored_words(cursor, ids)
                self.index.remove(cursor, ids)
                self._update_vocabulary(cursor, old, [])
                cursor.execute(*statements.touch(uuid.uuid4().hex))

    def rebuild(self, documents, progress=None):
        """Replace everything in one transaction: searches see the old index until it commits.

        DELETE rather than TRUNCATE, because TRUNCATE would lock readers out until the commit.
        `progress`, when given, is called with the number of documents of each batch written.
        """
        with self._errors(), transaction.atomic(using=self.using):
            with connections[self.using].cursor() as cursor:
                self.index.clear(cursor)
                cursor.execute("DELETE FROM search_word")
                for batch in _batches(documents, self.batch_size):
                    self._write(cursor, batch)
                    if progress is not None:
                        progress(len(batch))
                self.index.after_rebuild(cursor)
                cursor.execute(*statements.touch(uuid.uuid4().hex))

    def count(self):
        with self._errors(), connections[self.using].cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM search_document")
            return cursor.fetchone()[0]

    def _write(self, cursor, documents):
        rows = rows_for(documents)
        ids = [row.id for row in rows]
        old = self.index.stored_words(cursor, ids)
        self.index.write(cursor, rows)
        self._update_vocabulary(cursor, old, [row.words for row in rows])

    def _update_vocabulary(self, cursor, removed, added):
        """Adjust the document count of every word that documents lost or gained; forget words no document holds."""
        delta = Counter()
        for words in removed:
            delta.subtract(words)
        for words in added:
            delta.update(words)
        changes = sorted((word, n) for word, n in delta.items() if n)
        if not changes:
            return
        self.index.add_words(cursor, changes)
        gone = [word for word, n in changes if n < 0]
        if gone:
            condition, params = self.index.id_in("word", gone)
            cursor.execute(f"DELETE FROM search_word WHERE documents <= 0 AND {condition}", params)

    # -- errors ------------------------------------------------------------------------------------

    @contextmanager
    def _errors(self):
        try:
            yield
        except DatabaseError as exc:
            if self._missing_table(exc):
                raise SearchIndexMissing(
                    "The search index tables are missing from the database. "
                    "Run `python manage.py migrate search`, then `python manage.py rebuild_search_index`."
                ) from exc
            raise

    def _missing_table(self, exc):
        if self.index.vendor == "sqlite":
            return any(message in str(exc).lower() for message in self.index.missing_table_messages)
        return getattr(exc.__cause__, "sqlstate", None) in self.index.missing_table_states


class _Cursor:
    """Runs a search's statements on one connection, noting them when `log` is a list."""

    def __init__(self, connection, log):
        self.connection, self.log = connection, log

    def fetch(self, sql, params):
        if self.log is not None:
            self.log.append((sql, list(params)))
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()


def _batches(iterable, size):
    iterator = iter(iterable)
    while batch := list(islice(iterator, size)):
        yield batch


def _key(*parts):
    return "search:database:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def _cache_get(key):
    try:
        return cache.get(key)
    except Exception:  # noqa: BLE001
        # The cache only saves work: when it is down, results are computed from the index.
        logger.warning("Search cache unavailable; searching without it", exc_info=True)
        return None


def _cache_set(key, value, seconds):
    try:
        cache.set(key, value, seconds)
    except Exception:  # noqa: BLE001
        # As above: a failed cache write costs a recomputation later, never a failed search.
        logger.warning("Search cache unavailable; results not kept", exc_info=True)


def _distinct(titles):
    return list(dict.fromkeys(titles))
