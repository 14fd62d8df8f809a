"""Index lifecycle: the alias searches go through, its lazy creation, and rebuilds without downtime.

Searches and writes always address the alias `<prefix>-resources`. A rebuild creates
`<prefix>-resources-<timestamp>`, bulk-loads it while the old index keeps answering, then moves
the alias in one atomic `_aliases` call and deletes the old index (the shape of modelsearch's
`ElasticsearchAtomicIndexRebuilder`).

While the new index loads it also carries the alias `<prefix>-next-resources`; the backend's
writes go to that alias too, so a page published or unpublished during a rebuild is not lost
at the swap. The load uses `create` (never overwrite), so a newer copy written by such a
concurrent write wins over the copy the rebuild read earlier. Run one rebuild at a time.
"""
from datetime import datetime, timezone

from elasticsearch import ApiError, BadRequestError, NotFoundError, TransportError, helpers
from elasticsearch.helpers import BulkIndexError

from .documents import REFRESH_INTERVAL, index_body, to_source

CHUNK_SIZE = 500


def alias_name(prefix):
    """What searches and writes address."""
    return f"{prefix}-resources"


def next_alias_name(prefix):
    """Carried by an index while a rebuild loads it."""
    return f"{prefix}-next-resources"


def index_name(prefix, when=None):
    """A concrete index: `<prefix>-resources-<timestamp>` (UTC, to the microsecond, so names sort by age)."""
    when = when or datetime.now(timezone.utc)
    return f"{alias_name(prefix)}-{when:%Y%m%d%H%M%S%f}"


def initial_index_name(prefix):
    """The index created on first use; a fixed name, so processes starting at once create it only once."""
    return f"{alias_name(prefix)}-initial"


def indices_of(client, alias):
    """Names of the indices an alias points at ([] when there is no such alias)."""
    try:
        return sorted(client.indices.get_alias(name=alias))
    except NotFoundError:
        return []


def ensure_index(client, prefix):
    """Create the index and its alias when neither exists yet (first use of an empty cluster)."""
    alias = alias_name(prefix)
    if client.indices.exists_alias(name=alias) or client.indices.exists(index=alias):
        return
    try:
        client.indices.create(index=initial_index_name(prefix), aliases={alias: {}}, **index_body())
    except BadRequestError as exc:
        # Another process created it between our check and our create: that is the outcome we wanted.
        if exc.message != "resource_already_exists_exception":
            raise


def _actions(index, documents):
    for document in documents:
        yield {"_op_type": "create", "_index": index, "_id": str(document["id"]), "_source": to_source(document)}


def _load(client, index, documents, progress):
    """Bulk-load documents into `index`, reporting each chunk to `progress(number_of_documents)`."""
    loaded, unreported, errors = 0, 0, []
    for ok, item in helpers.streaming_bulk(client, _actions(index, documents), chunk_size=CHUNK_SIZE,
                                           raise_on_error=False, max_retries=2):
        result = item.get("create", {})
        # A version conflict means a concurrent write already put a newer copy there (see module docstring).
        if not ok and result.get("status") != 409:
            errors.append(item)
        loaded += 1
        unreported += 1
        if progress and unreported >= CHUNK_SIZE:
            progress(unreported)
            unreported = 0
    if progress and unreported:
        progress(unreported)
    if errors:
        raise BulkIndexError(f"{len(errors)} document(s) failed to index.", errors)
    return loaded


def rebuild(client, prefix, documents, progress=None):
    """Load `documents` into a new index and swap the alias to it atomically; returns the new index's name."""
    alias, next_alias = alias_name(prefix), next_alias_name(prefix)
    # Indices left behind by an interrupted rebuild: nothing searches them.
    for leftover in indices_of(client, next_alias):
        client.indices.delete(index=leftover, ignore_unavailable=True)
    new = index_name(prefix)
    body = index_body()
    body["settings"]["refresh_interval"] = "-1"  # no refreshes while loading; restored before the swap
    client.indices.create(index=new, aliases={next_alias: {}}, **body)
    try:
        _load(client, new, documents, progress)
        client.indices.put_settings(index=new, settings={"index": {"refresh_interval": REFRESH_INTERVAL}})
        client.indices.refresh(index=new)
        old = indices_of(client, alias)
        actions = [{"remove": {"index": index, "alias": alias}} for index in old]
        if not old and client.indices.exists(index=alias):
            # A concrete index holds the alias's name (created outside this code): replace it.
            actions.append({"remove_index": {"index": alias}})
        actions += [{"add": {"index": new, "alias": alias}}, {"remove": {"index": new, "alias": next_alias}}]
        client.indices.update_aliases(actions=actions)
    except BaseException:
        try:
            client.indices.delete(index=new, ignore_unavailable=True)
        except (ApiError, TransportError):
            # The engine is failing already (that is why we are here); the half-loaded index is
            # deleted by the next rebuild, which removes whatever still carries the next alias.
            pass
        raise
    for index in old:
        if index != new:
            client.indices.delete(index=index, ignore_unavailable=True)
    return new
