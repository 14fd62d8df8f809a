"""SQLite side of the database backend: an FTS5 table with each field normalised and folded, and a facet table.

`search_fts` (migration 0002) has the columns title, title_f, meta, meta_f, summary,
summary_f, body, body_f; its rowid is the document id. Matching uses the folded columns; the
normalised ones only rank matches that keep the user's diacritics. Both are written as the
tokens `search.text.tokenize` produced, separated by spaces, so FTS5's unicode61 tokenizer
(diacritics kept) reads back the same words. Facet values are rows of `search_facet`.
"""
import json

from . import sample
from .documents import vocabulary_words
from .plan import Group

FOLDED = "{title_f meta_f summary_f body_f}"
OTHER_FOLDED = "{meta_f summary_f body_f}"
NORMALISED = "{title meta summary body}"
TEXT_COLUMNS = ("title", "title_f", "meta", "meta_f", "summary", "summary_f", "body", "body_f")
# Column weights for bm25, in TEXT_COLUMNS order: title > keywords/authors > summary > body.
BM25 = "bm25(search_fts, 10.0, 10.0, 5.0, 5.0, 2.0, 2.0, 1.0, 1.0)"


def _quote(token):
    return '"' + token.replace('"', '""') + '"'


def _all_words(group):
    words = [_quote(t) for t in group.tokens]
    if group.prefix:
        words[-1] += "*"
    return "(" + " AND ".join(words) + ")"


def _phrase(group):
    return _quote(" ".join(group.tokens)) + ("*" if group.prefix else "")


def _any(columns, parts):
    return f"{columns} : (" + " OR ".join(parts) + ")"


def _facet_rows(facet, values):
    return (f"SELECT document_id FROM search_facet WHERE facet = %s AND value IN ({', '.join(['%s'] * len(values))})",
            [facet, *values])


class SQLiteIndex:
    """Writes, match expressions and facet SQL for SQLite FTS5."""

    vendor = "sqlite"
    missing_table_messages = ("no such table", "no such module: fts5")

    # -- writing -----------------------------------------------------------------------------------

    def stored_words(self, cursor, ids):
        """Vocabulary words of the documents already indexed under `ids` (one set per document)."""
        condition, params = self.id_in("id", ids)
        # Through search_document: text left without its document (a test database's flush empties
        # only the model tables) was never counted in the vocabulary.
        cursor.execute("SELECT title_f, meta_f, summary_f, body_f FROM search_fts "
                       f"WHERE rowid IN (SELECT id FROM search_document WHERE {condition})", params)
        return [vocabulary_words(" ".join(texts).split()) for texts in cursor.fetchall()]

    def write(self, cursor, rows):
        """Insert or replace the documents, their text and their facet values."""
        ids = [r.id for r in rows]
        self.remove(cursor, ids, documents=False)
        cursor.executemany(
            "INSERT INTO search_document (id, kind, title, published_at, popularity) VALUES (%s, %s, %s, %s, %s) "
            "ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, title = excluded.title, "
            "published_at = excluded.published_at, popularity = excluded.popularity",
            [(r.id, r.kind, r.title, cursor.db.ops.adapt_datetimefield_value(r.published_at), r.popularity)
             for r in rows],
        )
        cursor.executemany(
            f"INSERT INTO search_fts (rowid, {', '.join(TEXT_COLUMNS)}) VALUES (%s{', %s' * len(TEXT_COLUMNS)})",
            [(r.id, *(r.field_text(column.removesuffix("_f"), column.endswith("_f")) for column in TEXT_COLUMNS))
             for r in rows],
        )
        cursor.executemany("INSERT INTO search_facet (document_id, facet, value) VALUES (%s, %s, %s)",
                           [(r.id, facet, value) for r in rows for facet, value in r.facets])

    def remove(self, cursor, ids, documents=True):
        tables = (("search_facet", "document_id"), ("search_fts", "rowid"))
        for table, column in tables + ((("search_document", "id"),) if documents else ()):
            condition, params = self.id_in(column, ids)
            cursor.execute(f"DELETE FROM {table} WHERE {condition}", params)

    def clear(self, cursor):
        for table in ("search_facet", "search_fts", "search_document"):
            cursor.execute(f"DELETE FROM {table}")

    def add_words(self, cursor, delta):
        cursor.executemany(
            "INSERT INTO search_word (word, documents) VALUES (%s, %s) "
            "ON CONFLICT (word) DO UPDATE SET documents = search_word.documents + excluded.documents",
            delta,
        )

    def id_in(self, column, values):
        """SQL (and params) for `column` in a list of any length: one JSON parameter, no variable limit."""
        return f"{column} IN (SELECT value FROM json_each(%s))", [json.dumps(list(values))]

    def after_rebuild(self, cursor):
        # Merge the FTS5 b-trees written batch by batch into one: fewer segments to read per query.
        cursor.execute("INSERT INTO search_fts (search_fts) VALUES ('optimize')")

    # -- searching ---------------------------------------------------------------------------------

    source = "search_fts JOIN search_document d ON d.id = search_fts.rowid"
    materialized = ""  # SQLite computes a virtual table match before ordering anyway
    match = "search_fts MATCH %s"

    def matches(self, plan, level=0):
        """The FTS5 expression for "every word of one group, folded, in any field" (`sampled` applies a level)."""
        return _any(FOLDED, [_all_words(g) for g in plan.groups])

    def sampled(self, level, text):
        """Conditions (and params) keeping the documents of sample `level` (none for level 0)."""
        if not level:
            return [], []
        sql, params = sample.condition("d.id", level)
        return [sql], params

    def title_phrase(self, groups):
        return _any("{title_f}", [_phrase(g) for g in groups])

    def other_phrase(self, groups):
        return _any(OTHER_FOLDED, [_phrase(g) for g in groups])

    def exact(self, plan):
        return _any(NORMALISED, [_all_words(g) for g in plan.exact]) if plan.exact else None

    def completion(self, typed, level=0):
        return "{title_f} : " + _phrase(Group(tuple(typed), True))

    def flag(self, expression):
        """SQL (and params) true when the current row also matches `expression`."""
        return "search_fts.rowid IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)", [expression]

    def score(self, plan, expression):
        """SQL (and params) ordering matches best first, ascending."""
        return BM25, []

    def filters(self, query, column="d.id"):
        """Conditions (and params): the document has one of the values of every filtered facet."""
        conditions, params = [], []
        for facet, values in query.filters.items():
            sql, more = _facet_rows(facet, values)
            conditions.append(f"{column} IN ({sql})")
            params += more
        return conditions, params

    def facet_counts(self, query, plan, level=0):
        """Rows (facet, value, count), each facet with every filter but its own, then (NULL, NULL, total).

        The text match (in sample `level`, when given) and each filter are computed once (common
        table expressions): a facet row is counted when its document matches the text and every
        other facet's filter.
        """
        ctes, params, conditions = [], [], []
        if plan is not None:
            conditions.append(self.match)
            params.append(self.matches(plan, level))
        more_conditions, more_params = self.sampled(level, plan is not None)
        conditions += more_conditions
        params += more_params
        if conditions:
            source = self.source if plan is not None else "search_document d"
            ctes.append(f"m AS (SELECT d.id FROM {source}{_where(conditions)})")
        names = list(query.filters)
        for number, facet in enumerate(names):
            sql, more = _facet_rows(facet, query.filters[facet])
            ctes.append(f"f{number} AS ({sql})")
            params += more
        count_conditions = []
        for number, facet in enumerate(names):
            count_conditions.append(f"(x.facet = %s OR x.document_id IN (SELECT document_id FROM f{number}))")
            params.append(facet)
        total_conditions = [f"t.id IN (SELECT document_id FROM f{number})" for number in range(len(names))]
        sql = ((("WITH " + ", ".join(ctes) + " ") if ctes else "")
               + "SELECT x.facet, x.value, COUNT(*) FROM search_facet x"
               + (" JOIN m ON m.id = x.document_id" if conditions else "") + _where(count_conditions)
               + " GROUP BY x.facet, x.value UNION ALL SELECT NULL, NULL, COUNT(*) FROM "
               + ("m t" if conditions else "search_document t") + _where(total_conditions))
        return sql, params

    def word_prefix(self, prefix):
        """SQL (and params) for vocabulary words starting with `prefix` (the key's index serves the range)."""
        return "(word >= %s AND word < %s)", [prefix, prefix + "\U0010ffff"]


def _where(conditions):
    return (" WHERE " + " AND ".join(conditions)) if conditions else ""
