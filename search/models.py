"""Tables of the database search backend: indexed documents, their facet values, the word vocabulary, a version token.

Only `search.backends.database` reads and writes these. What the ORM cannot declare is
added per database by migration 0002: on SQLite an FTS5 table (`search_fts`); on PostgreSQL
the columns `search_document.vector` (tsvector) and `search_document.facets` (text[]), each
with a GIN index. PostgreSQL keeps facet values in that array, not in `search_facet`.
"""
from django.db import models


class IndexedDocument(models.Model):
    """One live, public resource or course as the search index sees it (the sort keys; text lives in FTS)."""

    id = models.BigIntegerField(primary_key=True)  # the page id
    kind = models.CharField(max_length=16)
    title = models.TextField()
    published_at = models.DateTimeField()  # never null: an undated page sorts as the oldest
    popularity = models.IntegerField(default=0)

    class Meta:
        db_table = "search_document"
        indexes = [
            models.Index(models.F("published_at").desc(), models.F("id").desc(), name="search_doc_newest"),
            models.Index(models.F("popularity").desc(), models.F("published_at").desc(), models.F("id").desc(),
                         name="search_doc_popular"),
        ]

    def __str__(self):
        return self.title


class IndexedFacet(models.Model):
    """One facet value of one document (several per facet: topics with ancestors, languages). SQLite only."""

    pk = models.CompositePrimaryKey("document_id", "facet", "value")
    # No index of its own: the primary key (document_id, facet, value) serves look-ups by document.
    document = models.ForeignKey(IndexedDocument, on_delete=models.CASCADE, related_name="facets", db_index=False)
    facet = models.CharField(max_length=32)
    value = models.CharField(max_length=255)

    class Meta:
        db_table = "search_facet"
        indexes = [models.Index(fields=["facet", "value", "document"], name="search_facet_filter")]

    def __str__(self):
        return f"{self.facet}={self.value}"


class IndexWord(models.Model):
    """A folded word of the indexed text and how many documents hold it: the vocabulary typos are corrected to."""

    word = models.CharField(max_length=64, primary_key=True)
    documents = models.IntegerField(default=0)

    class Meta:
        # On PostgreSQL Django adds a `varchar_pattern_ops` index to this key, so `word LIKE 'abc%'` is indexed.
        db_table = "search_word"

    def __str__(self):
        return self.word


class IndexState(models.Model):
    """One row whose token changes in every transaction that writes the index (cached facet counts are keyed by it)."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    token = models.CharField(max_length=32)

    class Meta:
        db_table = "search_state"

    def __str__(self):
        return self.token
