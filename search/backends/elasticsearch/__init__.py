"""The Elasticsearch search backend: the `elasticsearch` 8 client behind BaseSearchBackend, addressed through an alias.

`documents` holds the index settings and mapping, `compiler` turns a SearchQuery into a request
body, `rebuild` owns the index lifecycle (lazy creation, atomic rebuild), `transport` the
test-only HTTP node for osmem. This package is the only place that imports `elasticsearch`.
"""
import contextlib
from collections import Counter

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError, helpers
from elasticsearch.helpers import BulkIndexError

from search import text
from search.results import SearchResults, label_facets
from search.schema import BOOLEAN_FACETS, FACET_NAMES

from ..base import BackendUnavailable, BaseSearchBackend
from . import compiler, rebuild as lifecycle
from .documents import DISPLAY_TITLE, TEXT_FIELDS, index_words, to_source
from .transport import PlainJsonHttpNode

__all__ = ["ElasticsearchSearchBackend"]

TIMEOUT = 10  # seconds per request; a stalled engine must not hold a web worker for long
TYPO_VOCABULARY_HITS = 3


@contextlib.contextmanager
def engine_errors(doing):
    """Turn every client exception (unreachable, timed out, refused, 4xx/5xx) into BackendUnavailable.

    Callers keep outbox rows and retry later on BackendUnavailable, so an engine that rejects
    a request is treated like one that is down: the change waits, nothing is lost, and the
    cause is chained for the logs."""
    try:
        yield
    except BulkIndexError as exc:
        raise BackendUnavailable(f"Elasticsearch refused {len(exc.errors)} document(s) while {doing}: "
                                 f"{_reason(exc.errors[0])}") from exc
    except ApiError as exc:
        raise BackendUnavailable(f"Elasticsearch answered {exc.meta.status} ({exc.message}) while {doing}.") from exc
    except TransportError as exc:
        raise BackendUnavailable(f"Elasticsearch cannot be reached while {doing}: {exc}") from exc


def _reason(item):
    result = next(iter(item.values()), {}) if isinstance(item, dict) else {}
    error = result.get("error") if isinstance(result, dict) else None
    if isinstance(error, dict):
        return f"{error.get('type')}: {error.get('reason')}"
    return str(error or item)


def _already_deleted(item):
    result = item.get("delete") or {}
    return result.get("status") == 404 and result.get("result") == "not_found"


def _missing_index(item):
    error = next(iter(item.values()), {}).get("error") or {}
    return isinstance(error, dict) and error.get("type") == "index_not_found_exception"


class ElasticsearchSearchBackend(BaseSearchBackend):
    """Searches `<prefix>-resources`; see search/README.md for the behaviour and `compiler` for the ranking."""

    name = "elasticsearch"

    def __init__(self, url=None, index_prefix=None, test_transport=None, refresh=None):
        url = url or settings.ELASTICSEARCH_URL
        if not url:
            raise ImproperlyConfigured(
                "SEARCH_BACKEND is 'elasticsearch' but ELASTICSEARCH_URL is empty. "
                "Set ELASTICSEARCH_URL (e.g. http://localhost:9200) or use SEARCH_BACKEND=database.")
        if test_transport is None:
            test_transport = getattr(settings, "ELASTICSEARCH_TEST_TRANSPORT", False)
        # Refresh after each write only where a test must read its own write at once; production
        # relies on the index's short refresh_interval instead.
        self.refresh = getattr(settings, "ELASTICSEARCH_REFRESH", False) if refresh is None else refresh
        self.prefix = index_prefix or settings.SEARCH_INDEX_PREFIX
        self.alias = lifecycle.alias_name(self.prefix)
        self.next_alias = lifecycle.next_alias_name(self.prefix)
        self.client = Elasticsearch(
            url, node_class=PlainJsonHttpNode if test_transport else "urllib3",
            request_timeout=TIMEOUT, max_retries=1, retry_on_timeout=False,
        )
        self._ready = False

    # -- index lifecycle ---------------------------------------------------------------------------

    def _ensure_index(self, again=False):
        if again or not self._ready:
            lifecycle.ensure_index(self.client, self.prefix)
            self._ready = True

    def _on_index(self, call):
        """Run `call()` against the alias, creating the index first if it is missing (first use, emptied engine)."""
        self._ensure_index()
        try:
            return call()
        except NotFoundError as exc:
            if exc.message != "index_not_found_exception":
                raise
        self._ensure_index(again=True)
        return call()

    def count(self):
        with engine_errors("counting documents"):
            return self._on_index(lambda: self.client.count(index=self.alias))["count"]

    def rebuild(self, documents, progress=None):
        with engine_errors("rebuilding the index"):
            lifecycle.rebuild(self.client, self.prefix, documents, progress)
            self._ready = True

    def iter_ids(self):
        """Every indexed id in id order, paged with search_after (no scroll context or point in time to keep)."""
        after = None
        while True:
            with engine_errors("listing documents"):
                body = compiler.scan_body(after)
                hits = self._on_index(lambda: self.client.search(index=self.alias, body=body))["hits"]["hits"]
            for hit in hits:
                yield int(hit["_id"])
            if len(hits) < compiler.SCAN_SIZE:
                return
            after = hits[-1]["sort"][0]

    # -- writes ------------------------------------------------------------------------------------

    def index_many(self, documents):
        """Insert or replace documents (by id); returns how many were written."""
        actions = [{"_op_type": "index", "_id": str(doc["id"]), "_source": to_source(doc)} for doc in documents]
        with engine_errors("indexing"):
            self._write(actions)
        return len(actions)

    def delete(self, ids):
        actions = [{"_op_type": "delete", "_id": str(pk)} for pk in ids]
        with engine_errors("deleting"):
            self._write(actions)

    def _write(self, actions, retry=True):
        """Bulk `actions` into the alias and, during a rebuild, into the index being loaded too."""
        if not actions:
            return
        self._ensure_index()
        targets = [self.alias]
        if self.client.indices.exists_alias(name=self.next_alias):
            targets.append(self.next_alias)
        # require_alias: never let a write auto-create a concrete index under the alias's name.
        _, errors = helpers.bulk(
            self.client, ({**action, "_index": target} for target in targets for action in actions),
            refresh=bool(self.refresh), require_alias=True, raise_on_error=False,
        )
        # Deleting what is not indexed is fine: the index already looks as wanted.
        errors = [item for item in errors if not _already_deleted(item)]
        if errors and retry and all(_missing_index(item) for item in errors):
            self._ensure_index(again=True)
            return self._write(actions, retry=False)
        if errors:
            raise BulkIndexError(f"{len(errors)} document(s) failed.", errors)

    # -- search ------------------------------------------------------------------------------------

    def _search(self, body):
        return self._on_index(lambda: self.client.search(index=self.alias, body=body))

    def search(self, query):
        forms = text.query_forms(query.text) if query.text else None
        if forms is not None and not compiler.phrase_groups(forms):  # punctuation only: nothing to look for
            return SearchResults(ids=[], total=0, facets=label_facets({}, query))
        corrected = ""
        with engine_errors("searching"):
            response = self._search(compiler.search_body(query, forms))
            if forms is not None and _matched_nothing(response) and _may_be_typo(forms):
                retry = self._search(compiler.search_body(query, forms, fuzzy=True,
                                                          source={"includes": list(TEXT_FIELDS)}))
                if not _matched_nothing(retry):
                    response, corrected = retry, _corrected_query(forms, retry)
        hits = response["hits"]
        terms = tuple(forms.all_phrases()) if forms is not None else ()
        return SearchResults(
            ids=[int(hit["_id"]) for hit in hits["hits"]],
            total=hits["total"]["value"],
            facets=label_facets(_facet_counts(response), query),
            suggestions=_suggestions(response),
            corrected_query=corrected,
            terms=terms + ((corrected,) if corrected else ()),
        )


def _matched_nothing(response):
    """True when the text matched no document at all (before any facet filter)."""
    return response["aggregations"][compiler.UNFILTERED_AGG]["doc_count"] == 0


def _may_be_typo(forms):
    return any(len(word) >= compiler.FUZZY_MIN_LENGTH for word in text.tokenize(forms.folded))


def _corrected_query(forms, response):
    """What was searched instead, best effort: each typed word not in the top hits, replaced by
    their word within one edit (written as the document writes it)."""
    vocabulary = Counter(word for hit in response["hits"]["hits"][:TYPO_VOCABULARY_HITS]
                         for word in index_words(hit.get("_source") or {}))
    known = {text.fold(word) for word in vocabulary}
    typed = text.tokenize(forms.original)
    words, changed = [], False
    for position, word in enumerate(typed):
        folded = text.fold(word)
        is_prefix = position == len(typed) - 1 and any(k.startswith(folded) for k in known)
        candidates = [] if folded in known or is_prefix else text.suggest_corrections(word, vocabulary)
        words.append(candidates[0] if candidates else word)
        changed = changed or bool(candidates)
    return " ".join(words) if changed else ""


def _facet_counts(response):
    counts = {}
    aggregations = response["aggregations"]
    for name in FACET_NAMES:
        buckets = aggregations[compiler.FACET_AGG + name]["values"]["buckets"]
        key = "key_as_string" if name in BOOLEAN_FACETS else "key"
        counts[name] = {str(bucket.get(key, bucket["key"])): bucket["doc_count"] for bucket in buckets}
    return counts


def _suggestions(response):
    aggregation = response["aggregations"].get(compiler.SUGGEST_AGG)
    if not aggregation:
        return []
    titles = [hit["_source"][DISPLAY_TITLE] for hit in aggregation["titles"]["hits"]["hits"]]
    return list(dict.fromkeys(titles))[:compiler.SUGGESTIONS]
