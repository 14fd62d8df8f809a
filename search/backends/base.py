"""The interface every search backend implements; see search/README.md for the behaviour contract."""


class BackendUnavailable(Exception):
    """The engine cannot be reached; callers keep outbox rows and retry later."""


class BaseSearchBackend:
    """search(SearchQuery) -> SearchResults; index_many(documents); delete(ids); rebuild(documents).

    Documents are dicts built by `search.schema.document_for`. A backend returns page ids,
    never objects, and facet counts computed disjunctively: each facet's counts apply every
    filter except that facet's own, so a user can widen an OR-facet from its counts.
    Backends must only ever return ids of documents they were given; what is public is
    decided when documents are built (only live pages are indexed) and again when
    results are loaded (`SearchResults.objects`).
    """

    name = "base"

    def search(self, query):
        raise NotImplementedError

    def index_many(self, documents):
        raise NotImplementedError

    def delete(self, ids):
        raise NotImplementedError

    def rebuild(self, documents, progress=None):
        """Replace the whole index with `documents` (an iterable) without interrupting searches."""
        raise NotImplementedError

    def count(self):
        """Number of documents in the index (for operations and tests)."""
        raise NotImplementedError
