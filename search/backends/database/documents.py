"""Turns index documents (`search.schema.document_for`) into the rows the database backend stores.

Text is tokenised once, here, with `search.text`: each token is kept normalised (diacritics,
for ranking matches that keep the user's marks) and folded (`đ→d`, for matching). Facet values
become (facet, value) pairs; folded words of four letters or more feed the typo vocabulary.
"""
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache

from django.utils.html import strip_tags

from search.schema import BOOLEAN_FACETS, FACET_NAMES
from search.text import fold, tokenize

# Field name, then the PostgreSQL weight that ranks it (A is highest).
FIELDS = (("title", "A"), ("meta", "B"), ("summary", "C"), ("body", "D"))
MAX_TOKENS = 16_000          # per field; PostgreSQL positions stop at 16,383
MAX_TOKEN_LENGTH = 100       # longer "words" are noise (hashes, URLs) and bloat the index
WORD_LENGTHS = range(4, 65)  # vocabulary words: typos are corrected in words of 5+ letters, one edit away
OLDEST = datetime(1970, 1, 1, tzinfo=timezone.utc)


@dataclass
class Row:
    """What the backend writes for one document."""

    id: int
    kind: str
    title: str
    published_at: datetime
    popularity: int
    fields: dict   # field name -> list of segments; a segment is a sequence of (normalised, folded) tokens
    facets: list   # (facet, value) pairs, distinct
    words: set     # folded vocabulary words

    def field_text(self, name, folded):
        """The field as space-separated tokens, normalised or folded (what the SQLite FTS table stores)."""
        return " ".join(pair[folded] for segment in self.fields[name] for pair in segment)


@lru_cache(maxsize=100_000)
def fold_token(token):
    """`fold` for one token, cached: a catalogue's words repeat endlessly."""
    return token if token.isascii() else fold(token)


def _segment(text):
    return [(token, fold_token(token)) for token in tokenize(text)[:MAX_TOKENS] if len(token) <= MAX_TOKEN_LENGTH]


@lru_cache(maxsize=50_000)
def _short_segment(text):
    """`_segment` of a keyword or an author's name, cached: the same few thousand recur across a catalogue."""
    return tuple(_segment(text))


def _facet_values(document, name):
    value = document.get(name)
    if name in BOOLEAN_FACETS:
        return ["true" if value else "false"]
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value if v not in (None, "")]


def _clean(value):
    # The separators of PostgreSQL's facet entries never occur in a value; 255 is the column's size.
    return value.replace("\x1e", "").replace("\x1f", "")[:255]


def vocabulary_words(folded_tokens):
    """The folded tokens that belong in the typo vocabulary: letters only, of a correctable length."""
    return {t for t in folded_tokens if len(t) in WORD_LENGTHS and t.isalpha()}


def row_for(document):
    """The Row for one index document."""
    body = document.get("body") or ""
    if "<" in body:
        body = strip_tags(body)
    meta = [*document.get("keywords", ()), *document.get("authors", ())]
    fields = {
        "title": [_segment(document.get("title") or "")],
        "meta": [_short_segment(item) if len(item) <= 100 else _segment(item) for item in meta if item],
        "summary": [_segment(document.get("summary") or "")],
        "body": [_segment(body)],
    }
    facets = list(dict.fromkeys((name, _clean(value)) for name in FACET_NAMES
                                for value in _facet_values(document, name)))
    words = vocabulary_words(pair[1] for segments in fields.values() for segment in segments for pair in segment)
    return Row(
        id=int(document["id"]),
        kind=str(document.get("kind") or ""),
        title=document.get("title") or "",
        published_at=_utc(document.get("published_at")),
        popularity=int(document.get("popularity") or 0),
        fields=fields,
        facets=facets,
        words=words,
    )


def _utc(moment):
    """An aware UTC datetime (naive ones are taken as UTC), so stored values sort the same on every database."""
    if not moment:
        return OLDEST
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


def rows_for(documents):
    """Rows for a batch, one per id (the last document given for an id wins, as an upsert would)."""
    rows = {}
    for document in documents:
        row = row_for(document)
        rows[row.id] = row
    return list(rows.values())
