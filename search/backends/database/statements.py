"""The vendor-neutral SQL of a database search, built from a SearchQuery, a Plan and the vendor's index.

Besides the index token (`TOKEN`, for the cache) and the vendor's `facet_counts`, a search runs
the requested page of ids in rank order and, only when that page cannot supply them, title
completions; a query that matches nothing looks its long words up in the vocabulary. Each
statement is a `(sql, params)` pair with `%s` placeholders.
"""
from .plan import correctable

ORDERS = {
    "newest": "d.published_at DESC, d.id DESC",
    "popular": "d.popularity DESC, d.published_at DESC, d.id DESC",
}
SUGGESTION_CANDIDATES = 20
TOKEN = ("SELECT token FROM search_state", [])


def _where(conditions):
    return (" WHERE " + " AND ".join(conditions)) if conditions else ""


def _sample(index, level, text):
    return index.sampled(level, text) if level else ([], [])


def page(index, query, plan, level=0):
    """Ids (and titles, for suggestions) of the requested page, best first (ranked within sample `level`, if any)."""
    conditions, params = [], []
    if plan is None:
        source = "search_document d"
    else:
        source = index.source
        conditions.append(index.match)
        params.append(index.matches(plan, level))
    for more_conditions, more_params in (_sample(index, level, plan is not None), index.filters(query)):
        conditions += more_conditions
        params += more_params
    order_params = []
    if plan is not None and query.sort == "relevance":
        # Phrase in the title, phrase elsewhere, the user's diacritics kept, field-weighted score, newest;
        # in each field the phrase as typed or decoded before a glossary expansion of it ("xóa mù chữ" > "XMC").
        faithful = plan.faithful_groups
        tiers = []
        for phrase in (index.title_phrase, index.other_phrase):
            tiers += ([phrase(faithful)] if faithful else []) + [phrase(plan.groups)]
        if plan.exact:
            tiers.append(index.exact(plan))
        order = []
        for expression in tiers:
            sql, more = index.flag(expression)
            order.append(sql + " DESC")
            order_params += more
        sql, more = index.score(plan, index.matches(plan))
        order += [sql, ORDERS["newest"]]
        order_params += more
        order = ", ".join(order)
    else:
        order = ORDERS.get(query.sort, ORDERS["newest"])
    sql = f"SELECT d.id, d.title FROM {source}{_where(conditions)} ORDER BY {order} LIMIT %s OFFSET %s"
    return sql, params + order_params + [query.page_size, query.offset]


def completions(index, query, plan, level=0):
    """Titles whose folded words continue the typed text, among documents the filters allow (in sample `level`)."""
    conditions, params = [index.match], [index.completion(plan.typed, level)]
    more_conditions, more_params = index.filters(query)
    sample_conditions, sample_params = _sample(index, level, True)
    conditions += sample_conditions
    params += sample_params
    # Matches first, then the order: walking the popularity index and testing each row would
    # read the whole table when few titles match.
    sql = (f"WITH c AS {index.materialized}(SELECT d.id, d.title, d.popularity, d.published_at "
           f"FROM {index.source}{_where(conditions + more_conditions)}) "
           f"SELECT d.title FROM c d ORDER BY {ORDERS['popular']} LIMIT {SUGGESTION_CANDIDATES}")
    return sql, params + more_params


def vocabulary(index, plan, candidates):
    """Index words among `candidates`, and up to two words the last typed word begins (it may be a prefix)."""
    condition, params = index.id_in("word", sorted(candidates))
    sql = f"SELECT word, documents FROM search_word WHERE {condition}"
    targets = correctable(plan.typed)
    if targets and targets[-1][0] == len(plan.typed) - 1:
        prefix_sql, prefix_params = index.word_prefix(targets[-1][1])
        sql += f" UNION ALL SELECT * FROM (SELECT word, documents FROM search_word WHERE {prefix_sql} LIMIT 2) p"
        params += prefix_params
    return sql, params


def touch(token):
    """Record that the index changed: cached facet counts keyed by the old token are never read again."""
    return ("INSERT INTO search_state (id, token) VALUES (1, %s) "
            "ON CONFLICT (id) DO UPDATE SET token = excluded.token", [token])
