"""The Elasticsearch index: its settings and mapping (via `elasticsearch.dsl`) and the document <-> source conversion.

Vietnamese handling happens in Python (`search.text`), not in the engine: every text field is
indexed twice, as normalised words (`title`: NFC, lower case, canonical tone placement) and as
folded words (`title_folded`: no diacritics, đ→d), both already split by `text.tokenize` and
joined with spaces. The engine's analyzer only splits on whitespace, so index words and query
words are cut by the same code on both sides, with no ICU plugin and no synonym filter (osmem,
the test server, has neither; real Elasticsearch then behaves identically).

The mapping is snapshot-tested (`tests/search/data/es_mapping.json`): changing it means a rebuild
(`manage.py rebuild_search_index`) and an updated snapshot.
"""
from datetime import datetime

from elasticsearch import dsl

from search import text
from search.schema import BOOLEAN_FACETS, FACET_NAMES

# Text fields and their weight in ranking (title^4 > keywords^3 = authors^3 > summary^2 > body).
TEXT_FIELDS = {"title": 4, "keywords": 3, "authors": 3, "summary": 2, "body": 1}
FOLDED_SUFFIX = "_folded"
DISPLAY_TITLE = "display_title"  # the title as written, returned as an as-you-type suggestion
MAX_RESULT_WINDOW = 10_000       # Elasticsearch's default `index.max_result_window`, stated explicitly
REFRESH_INTERVAL = "1s"

# Splits on whitespace only: the words were already cut (and folded) by `search.text`.
words = dsl.analyzer("vi_words", tokenizer="whitespace", filter=["lowercase"])


def folded(field):
    return field + FOLDED_SUFFIX


def mapping():
    """The index mapping: facets as keywords (booleans for remix/h5p), sort keys, and two text fields per text."""
    m = dsl.Mapping()
    m.meta("dynamic", "strict")
    m.field("id", dsl.Long())
    m.field("source_id", dsl.Keyword())
    for name in FACET_NAMES:
        m.field(name, dsl.Boolean() if name in BOOLEAN_FACETS else dsl.Keyword())
    m.field("published_at", dsl.Date())
    m.field("popularity", dsl.Integer())
    m.field(DISPLAY_TITLE, dsl.Keyword(index=False, doc_values=False))
    for name in TEXT_FIELDS:
        m.field(name, dsl.Text(analyzer=words))
        m.field(folded(name), dsl.Text(analyzer=words))
    return m


def index_body():
    """Settings and mappings to create an index with (the body of `PUT /<index>`)."""
    index = dsl.Index("resources")
    index.settings(number_of_shards=1, refresh_interval=REFRESH_INTERVAL, max_result_window=MAX_RESULT_WINDOW)
    index.mapping(mapping())
    return index.to_dict()


def _words(value, transform):
    """One text value (or a list of them) as space-joined tokens; lists keep one entry per value."""
    if isinstance(value, (list, tuple)):
        return [_words(item, transform) for item in value if item]
    return " ".join(transform(token) for token in text.tokenize(value or ""))


def to_source(document):
    """The engine's `_source` for a document built by `search.schema.document_for`."""
    source = {
        "id": document["id"],
        "source_id": document.get("source_id") or "",
        DISPLAY_TITLE: document["title"],
        "published_at": document["published_at"].isoformat() if document.get("published_at") else None,
        "popularity": int(document.get("popularity") or 0),
    }
    for name in FACET_NAMES:
        value = document.get(name)
        if name in BOOLEAN_FACETS:
            source[name] = bool(value)
        else:
            source[name] = [value] if isinstance(value, str) else list(value or [])  # "kind" is one string
    for name in TEXT_FIELDS:
        source[name] = _words(document.get(name), lambda token: token)
        source[folded(name)] = _words(document.get(name), text.fold)
    return source


def from_source(source):
    """The facet values, sort keys and title of an indexed document (text fields come back as indexed words)."""
    published = source.get("published_at")
    return {
        "id": int(source["id"]),
        "source_id": source.get("source_id", ""),
        "title": source.get(DISPLAY_TITLE, ""),
        **{name: source.get(name) for name in FACET_NAMES},
        "published_at": datetime.fromisoformat(published) if published else None,
        "popularity": source.get("popularity", 0),
        **{f"{name}_words": source.get(name) for name in TEXT_FIELDS},
    }


def index_words(source):
    """Every normalised word of an indexed document's text fields (for "did you mean")."""
    found = []
    for name in TEXT_FIELDS:
        value = source.get(name) or []
        for entry in value if isinstance(value, list) else [value]:
            found.extend(entry.split())
    return found
