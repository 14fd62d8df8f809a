"""PostgreSQL side of the database backend: one `tsvector` per document, built in Python, with a GIN index.

The vector holds every folded token and, at the same position, its normalised spelling when
that differs ("hoá" and "hoa" both at position 1), so one GIN index serves folded matching,
phrase (`<->`) and prefix (`:*`) queries, and ranking of matches that keep the user's
diacritics. Fields are weighted A (title), B (keywords, authors), C (summary), D (body), with
a one-position gap between fields and between keywords so phrases never span two of them.
Lexemes are written literally: no text search parser, dictionary, unaccent or ICU is involved.

Facet values live in the same row, as a `text[]` of "facet\x1fvalue" entries with a GIN index:
filters are `&&` tests and counts one `unnest` over the matching rows, with no join (several
times faster than a facet table at 100,000 documents).

Each vector also holds the sample lexemes of its document (`~s1`…`~s6`, see `sample.levels`,
which no typed word can produce): `vector @@ (query) & '~s6'` finds the matches in the 1/64
sample through the same GIN index, so a broad search reads only a bounded share of its rows.
"""
from .documents import FIELDS, fold_token, vocabulary_words
from .plan import Group
from .sample import levels as sample_levels

MAX_POSITION = 16_383          # PostgreSQL's limit; later tokens share the last position
MAX_POSITIONS_PER_LEXEME = 256  # PostgreSQL keeps no more
# ts_rank weights for D, C, B, A: title > keywords/authors > summary > body.
SEPARATOR = "\x1f"
TOTAL = SEPARATOR  # the entry of facet "" and value "": counting it counts the documents
RANK = "ts_rank('{0.1, 0.2, 0.4, 1.0}', d.vector, %s::tsquery)"


def _quote(lexeme):
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector(row):
    """The tsvector literal of a Row: lexeme:position+weight lists, normalised and folded spellings together."""
    positions = {}
    position = 0
    for field, weight in FIELDS:
        for segment in row.fields[field]:
            position += 1  # the gap
            for normalised, folded in segment:
                position = min(position + 1, MAX_POSITION)
                for lexeme in {normalised, folded}:
                    found = positions.setdefault(lexeme, [])
                    if len(found) < MAX_POSITIONS_PER_LEXEME and (not found or found[-1][0] != position):
                        found.append((position, weight))
    text = " ".join(_quote(lexeme) + ":" + ",".join(f"{p}{w}" for p, w in found)
                    for lexeme, found in positions.items())
    return " ".join([text, *(_quote(_sample_lexeme(level)) for level in sample_levels(row.id))]).strip()


def _sample_lexeme(level):
    return f"~s{level}"


def facet_entries(row):
    """The facets array of a Row: "facet\x1fvalue" entries, and TOTAL, which every document has once."""
    return [TOTAL] + [f"{facet}{SEPARATOR}{value}" for facet, value in row.facets]


def _term(token, weights="", prefix=False):
    suffix = ("*" if prefix else "") + weights
    return _quote(token) + (":" + suffix if suffix else "")


def _all_words(group, weights=""):
    last = len(group.tokens) - 1
    return "(" + " & ".join(_term(t, weights, group.prefix and i == last) for i, t in enumerate(group.tokens)) + ")"


def _phrase(group, weights=""):
    last = len(group.tokens) - 1
    return "(" + " <-> ".join(_term(t, weights, group.prefix and i == last) for i, t in enumerate(group.tokens)) + ")"


class PostgresIndex:
    """Writes and tsquery expressions for PostgreSQL."""

    vendor = "postgresql"
    missing_table_states = ("42P01", "42703")  # undefined table, undefined column (migration 0002 not applied)

    # -- writing -----------------------------------------------------------------------------------

    def stored_words(self, cursor, ids):
        """Vocabulary words of the documents already indexed under `ids` (one set per document).

        The rows are locked until the write commits, so two writers of one document never both
        subtract its old words from the vocabulary (in id order: no deadlock between them).
        """
        cursor.execute("SELECT tsvector_to_array(vector) FROM search_document WHERE id = ANY(%s) "
                       "ORDER BY id FOR UPDATE", [list(ids)])
        return [vocabulary_words(fold_token(lexeme) for lexeme in lexemes)
                for (lexemes,) in cursor.fetchall()]

    def write(self, cursor, rows):
        """Insert or replace the documents with their text and facet values."""
        cursor.execute(
            "INSERT INTO search_document (id, kind, title, published_at, popularity, vector, facets) "
            "SELECT id, kind, title, published_at, popularity, vector::tsvector, string_to_array(facets, chr(30)) "
            "FROM unnest(%s::bigint[], %s::varchar[], %s::text[], %s::timestamptz[], %s::integer[], %s::text[], "
            "%s::text[]) AS r(id, kind, title, published_at, popularity, vector, facets) "
            "ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, title = excluded.title, "
            "published_at = excluded.published_at, popularity = excluded.popularity, vector = excluded.vector, "
            "facets = excluded.facets",
            [[r.id for r in rows], [r.kind for r in rows], [r.title for r in rows],
             [r.published_at for r in rows], [r.popularity for r in rows], [tsvector(r) for r in rows],
             ["\x1e".join(facet_entries(r)) for r in rows]],
        )

    def remove(self, cursor, ids):
        cursor.execute("DELETE FROM search_document WHERE id = ANY(%s)", [list(ids)])

    def clear(self, cursor):
        cursor.execute("DELETE FROM search_document")

    def add_words(self, cursor, delta):
        # Sorted by the caller: concurrent writers lock vocabulary rows in the same order (no deadlock).
        cursor.execute(
            "INSERT INTO search_word (word, documents) SELECT * FROM unnest(%s::varchar[], %s::integer[]) "
            "ON CONFLICT (word) DO UPDATE SET documents = search_word.documents + excluded.documents",
            [[w for w, _ in delta], [n for _, n in delta]],
        )

    def after_rebuild(self, cursor):
        # Fresh statistics for the planner (allowed inside a transaction, unlike VACUUM).
        cursor.execute("ANALYZE search_document, search_facet, search_word")

    def id_in(self, column, ids):
        return f"{column} = ANY(%s)", [list(ids)]

    # -- searching ---------------------------------------------------------------------------------

    source = "search_document d"
    materialized = "MATERIALIZED "
    match = "d.vector @@ %s::tsquery"

    def matches(self, plan, level=0):
        """The tsquery for "every word of one group, folded, in any field" (among the documents of a sample level)."""
        expression = " | ".join(_all_words(g) for g in plan.groups)
        return f"({expression}) & {_quote(_sample_lexeme(level))}" if level else expression

    def sampled(self, level, text):
        """Conditions (and params) keeping the documents of sample `level`: with `text`, `matches` already does."""
        return ([], []) if text or not level else (["d.vector @@ %s::tsquery"], [_quote(_sample_lexeme(level))])

    def title_phrase(self, groups):
        return " | ".join(_phrase(g, "A") for g in groups)

    def other_phrase(self, groups):
        return " | ".join(_phrase(g, "BCD") for g in groups)

    def exact(self, plan):
        return " | ".join(_all_words(g) for g in plan.exact) if plan.exact else None

    def completion(self, typed, level=0):
        expression = _phrase(Group(tuple(typed), True), "A")
        return f"{expression} & {_quote(_sample_lexeme(level))}" if level else expression

    def flag(self, expression):
        """SQL (and params) true when the current row also matches `expression`."""
        return "d.vector @@ %s::tsquery", [expression]

    def score(self, plan, expression):
        """SQL (and params) ordering matches best first."""
        return RANK + " DESC", [expression]

    def filters(self, query):
        """Conditions (and params): the document has one of the values of every filtered facet (GIN-indexed)."""
        conditions, params = [], []
        for facet, values in query.filters.items():
            conditions.append("d.facets && %s::text[]")
            params.append([f"{facet}{SEPARATOR}{value}" for value in values])
        return conditions, params

    def facet_counts(self, query, plan, level=0):
        """Rows (facet, value, count), each facet with every filter but its own, then ("", "", total).

        One pass over the matching documents (of sample `level`, when given), unnesting each one's
        facets array: an entry is counted when the document passes every filter except, possibly,
        the entry's own facet's. The TOTAL entry belongs to no facet, so it counts documents that
        pass every filter.
        """
        conditions, params = [], []
        if plan is not None:
            conditions.append(self.match)
            params.append(self.matches(plan, level))
        more_conditions, more_params = self.sampled(level, plan is not None)
        conditions += more_conditions
        params += more_params
        filtered = [(facet, [f"{facet}{SEPARATOR}{v}" for v in values]) for facet, values in query.filters.items()]
        if len(filtered) > 1:  # a document failing two filters counts nowhere: skip it before unnesting
            conditions.append(" + ".join(["(d.facets && %s::text[])::int"] * len(filtered)) + " >= %s")
            params += [entries for _, entries in filtered] + [len(filtered) - 1]
        counted, counted_params = [], []
        for facet, entries in filtered:
            counted.append("(d.facets && %s::text[] OR starts_with(entry, %s))")
            counted_params += [entries, facet + SEPARATOR]
        where = (" WHERE " + " AND ".join(conditions)) if conditions else ""
        count = f"COUNT(*) FILTER (WHERE {' AND '.join(counted)})" if counted else "COUNT(*)"
        sql = ("SELECT split_part(entry, chr(31), 1), split_part(entry, chr(31), 2), n FROM "
               f"(SELECT entry, {count} AS n FROM search_document d, unnest(d.facets) AS entry{where} "
               "GROUP BY entry) counts")
        return sql, counted_params + params

    def word_prefix(self, prefix):
        """SQL (and params) for vocabulary words starting with `prefix` (served by Django's _like index)."""
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return "word LIKE %s", [escaped + "%"]
