"""Turns a SearchQuery into an Elasticsearch request body: text clauses, filters, facet aggregations, sort, paging.

Scoring is built from constant-score clauses so that the order is the one search/README.md
promises on any engine (Lucene's BM25 and osmem's differ, and the database backend has
none): a query earns, for its best phrase form,

- PHRASE x field weight when the whole phrase is in a field (title 4 > keywords/authors 3 >
  summary 2 > body 1), so a phrase in the title beats a phrase in the body, which beats
  words scattered anywhere; EXPANSION less when the phrase is a glossary expansion rather than
  the text as typed or Telex/VNI-decoded ("xoas mu chuwx": "xóa mù chữ" before "XMC"), still
  above the next field's phrase;
- per word, the weight of the best field it is in (half as much for the last word
  matched only as a prefix, or for a word within one edit when typos are allowed);
- when the user typed diacritics, DIACRITICS more for the phrase kept as typed and
  a little more per word kept as typed, so "hóa" ranks "Hóa học" above "Hoa sen".

Ties are broken by newest first, then by id. Facet counts are disjunctive: the facet filters
go to `post_filter` (so they do not narrow the aggregations) and each facet's aggregation is
a `filter` aggregation applying every other facet's filter.
"""
from search import text
from search.schema import FACET_NAMES
from search.text.query import spelling_variants
from search.text.typos import MIN_LENGTH as FUZZY_MIN_LENGTH

from .documents import DISPLAY_TITLE, FOLDED_SUFFIX, MAX_RESULT_WINDOW, TEXT_FIELDS, folded

PHRASE = 1000      # per unit of field weight; beats any sum of word scores of a 200-character query
DIACRITICS = 500   # the phrase kept its diacritics: above folded-only, below the next field's phrase
EXPANSION = 400    # a glossary expansion's phrase: below the typed one, above the next field's (even with DIACRITICS)
WORD_DIACRITICS = 0.5
PREFIX, FUZZY = 0.5, 0.5
MAX_WORDS = 64     # words over all phrase forms of one query (each costs about ten clauses)
FACET_SIZE = 500
SUGGESTIONS = 5
SCAN_SIZE = 1000
FACET_AGG = "facet_"
SUGGEST_AGG = "suggestions"
UNFILTERED_AGG = "unfiltered"

NEWEST = [{"published_at": {"order": "desc", "missing": "_last"}}, {"id": {"order": "desc"}}]
SORTS = {
    "newest": NEWEST,
    "popular": [{"popularity": {"order": "desc"}}, *NEWEST],
    "relevance": [{"_score": {"order": "desc"}}, *NEWEST],
}


def _constant(clause, boost):
    return {"constant_score": {"filter": clause, "boost": boost}}


def _dis_max(queries):
    return queries[0] if len(queries) == 1 else {"dis_max": {"queries": queries}}


def _folded_words(phrase):
    return tuple(text.fold(token) for token in text.tokenize(phrase))


def phrase_groups(forms):
    """The query's phrase forms grouped by their folded words: [(folded words, [phrases typed with diacritics], faithful)].

    Matching compares folded words, so forms that fold alike ("kỹ năng sống", "ky nang song")
    are one group; the diacritic bonus applies to what the user typed (directly or in Telex/VNI).
    `faithful`: the group is the text as typed or decoded (either i/y spelling), not a glossary expansion."""
    bases = [p for p in (forms.original, forms.telex) if p]
    typed = {p for p in bases if text.has_diacritics(p)}
    faithful = {_folded_words(p) for p in bases + [v for b in bases for v in spelling_variants(b)]}
    groups = {}
    for phrase in forms.all_phrases():
        words = _folded_words(phrase)
        if not words:
            continue
        marked = groups.setdefault(words, [])
        if phrase in typed:
            marked.append(tuple(text.tokenize(phrase)))
    return [(words, marked, words in faithful) for words, marked in groups.items()]


def _word_clause(word, *, last, fuzzy):
    """A document must have this folded word in some text field; scores the best field's weight."""
    queries = []
    for field, weight in TEXT_FIELDS.items():
        queries.append(_constant({"term": {folded(field): word}}, weight))
        if last:
            queries.append(_constant({"prefix": {folded(field): word}}, weight * PREFIX))
        if fuzzy and len(word) >= FUZZY_MIN_LENGTH:
            queries.append(_constant({"fuzzy": {folded(field): {"value": word, "fuzziness": 1}}}, weight * FUZZY))
    return _dis_max(queries)


def _best_field(clause_for, weight_of, suffix):
    """The best-weighted text field (normalised, or folded with suffix "_folded") where `clause_for(field)` holds."""
    return _dis_max([_constant(clause_for(field + suffix), weight_of(weight)) for field, weight in TEXT_FIELDS.items()])


def _phrase(words):
    return lambda field: {"match_phrase": {field: " ".join(words)}}


def _group_clause(words, marked, faithful, *, fuzzy):
    penalty = 0 if faithful else EXPANSION
    should = [_best_field(_phrase(words), lambda weight: PHRASE * weight - penalty, FOLDED_SUFFIX)]
    for typed in marked:
        should.append(_best_field(_phrase(typed), lambda weight: DIACRITICS, ""))
        should.extend(_best_field(lambda field, w=word: {"term": {field: w}}, lambda weight: WORD_DIACRITICS, "")
                      for word in typed)
    return {"bool": {
        "must": [_word_clause(w, last=i == len(words) - 1, fuzzy=fuzzy) for i, w in enumerate(words)],
        "should": should,
    }}


def text_clause(forms, *, fuzzy=False):
    """Matches documents holding every folded word of at least one phrase form; None when there is no word.

    Forms are taken most faithful first while they fit MAX_WORDS (a 200-character query with
    many expansions would otherwise exceed the engine's limit on clauses); the first always does."""
    clauses, budget = [], MAX_WORDS
    for words, marked, faithful in phrase_groups(forms):
        cost = len(words) * (1 + len(marked))
        if clauses and cost > budget:
            continue
        clauses.append(_group_clause(words, marked, faithful, fuzzy=fuzzy))
        budget -= cost
    return _dis_max(clauses) if clauses else None


def facet_filter(name, values):
    return {"terms": {name: list(values)}}


def _filters(query, *, without=None):
    return [facet_filter(name, values) for name, values in query.filters.items()
            if name != without and name in FACET_NAMES]


def _all_of(clauses):
    return {"bool": {"filter": clauses}} if clauses else {"match_all": {}}


def facet_aggregations(query):
    """One `filter` aggregation per facet, applying every filter except that facet's own."""
    return {
        FACET_AGG + name: {
            "filter": _all_of(_filters(query, without=name)),
            "aggs": {"values": {"terms": {"field": name, "size": FACET_SIZE}}},
        }
        for name in FACET_NAMES
    }


def suggestion_aggregation(query):
    """Titles of matching documents (all filters applied) with a word starting with the typed text, folded."""
    words = [text.fold(token) for token in text.tokenize(query.text)]
    if not words:
        return None
    field = folded("title")
    if len(words) == 1:
        completes = {"prefix": {field: words[0]}}
    else:
        completes = {"match_phrase_prefix": {field: " ".join(words)}}
    return {
        "filter": {"bool": {"filter": [completes, *_filters(query)]}},
        "aggs": {"titles": {"top_hits": {
            "size": SUGGESTIONS * 2,  # titles can repeat; the backend keeps five distinct ones
            "sort": SORTS["relevance"],
            "_source": {"includes": [DISPLAY_TITLE]},
        }}},
    }


def window(query):
    """`from` and `size` for the requested page, kept inside the engine's result window."""
    start = min(query.offset, MAX_RESULT_WINDOW)
    return start, max(0, min(query.page_size, MAX_RESULT_WINDOW - start))


def search_body(query, forms=None, *, fuzzy=False, source=False):
    """The body of one `_search` returning the page of ids, the total, facet counts and suggestions."""
    matching = text_clause(forms, fuzzy=fuzzy) if forms is not None else None
    sort = SORTS[query.sort]
    if query.sort == "relevance" and matching is None:
        sort = SORTS["newest"]
    start, size = window(query)
    body = {
        "query": matching or {"match_all": {}},
        "sort": sort,
        "from": start,
        "size": size,
        "track_total_hits": True,
        "_source": source,
        "aggs": {**facet_aggregations(query), UNFILTERED_AGG: {"filter": {"match_all": {}}}},
    }
    filters = _filters(query)
    if filters:
        body["post_filter"] = _all_of(filters)
    suggestions = suggestion_aggregation(query) if matching is not None else None
    if suggestions:
        body["aggs"][SUGGEST_AGG] = suggestions
    return body


def scan_body(after=None, size=None):
    """One page of every document's id in id order, continuing after `after` (search_after, no scroll or PIT)."""
    body = {"query": {"match_all": {}}, "sort": [{"id": {"order": "asc"}}], "size": size or SCAN_SIZE,
            "_source": False, "track_total_hits": False}
    if after is not None:
        body["search_after"] = [after]
    return body
