"""The public search page (`/tim-kiem/`): the API's query parsing and backend, rendered as plain HTML.

Works without JavaScript: every facet value, sort order and page is a link that keeps the
rest of the query. Bad parameters re-render the page with the message and status 400; an
unreachable engine renders it with status 503.
"""
import logging
from dataclasses import replace
from urllib.parse import urlencode

from django.db.models import prefetch_related_objects
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalog.models import ResourcePage
from catalog.queries import with_centres
from core.errors import ValidationFailed

from .backends import get_search_backend
from .backends.base import BackendUnavailable
from .query import DEFAULT_PAGE_SIZE, MAX_QUERY_LENGTH, SearchQuery
from .schema import FACETS, SORTS
from .text import excerpt

logger = logging.getLogger(__name__)

TEMPLATE = "search/search_page.html"
EXCERPT_LENGTH = 240
# Facet values shown before the rest fold under "more" (the topic and centre lists are long).
FACET_VISIBLE = 8
RETRY_AFTER = 30
SORT_LABELS = {
    "relevance": gettext_lazy("Best match"),
    "newest": gettext_lazy("Newest"),
    "popular": gettext_lazy("Most reused"),
}


def _url(query, filters=None, sort=None, page=1):
    """`?…` for `query` with other filters, sort or page; defaults are left out to keep links short."""
    filters = query.filters if filters is None else filters
    sort = query.sort if sort is None else sort
    params = [("q", query.text)] if query.text else []
    for facet in FACETS:
        params += [(facet.name, value) for value in filters.get(facet.name, ())]
    if sort != "relevance":
        params.append(("sort", sort))
    if page > 1:
        params.append(("page", page))
    if query.page_size != DEFAULT_PAGE_SIZE:
        params.append(("page_size", query.page_size))
    return "?" + urlencode(params) if params else "?"


def _toggled(query, facet, value):
    """Filters with `value` of `facet` switched: removed when selected, added (or replacing, for yes/no) when not."""
    current = tuple(query.filters.get(facet.name, ()))
    if value in current:
        chosen = tuple(v for v in current if v != value)
    elif facet.multi:
        chosen = current + (value,)
    else:
        chosen = (value,)
    filters = {k: v for k, v in query.filters.items() if k != facet.name}
    if chosen:
        filters[facet.name] = chosen
    return filters


def facet_groups(query, results):
    """Facets with values, in FACETS order, each value with the link that toggles it."""
    groups = []
    for facet in FACETS:
        values = [{"value": fv.value, "label": fv.label, "count": fv.count, "selected": fv.selected,
                   "url": _url(query, _toggled(query, facet, fv.value))}
                  for fv in results.facets.get(facet.name, ())]
        if not values:
            continue
        # Selected values stay in view even when they would fold under "more".
        shown = [v for i, v in enumerate(values) if i < FACET_VISIBLE or v["selected"]]
        more = [v for i, v in enumerate(values) if i >= FACET_VISIBLE and not v["selected"]]
        groups.append({"name": facet.name, "label": facet.label, "values": shown, "more": more,
                       "selected": bool(query.filters.get(facet.name))})
    return groups


def sort_links(query):
    return [{"label": SORT_LABELS[sort], "url": _url(query, sort=sort), "current": sort == query.sort}
            for sort in SORTS]


def pagination(query, total):
    pages = max(1, -(-total // query.page_size))
    return {
        "number": query.page,
        "count": pages,
        "previous": _url(query, page=query.page - 1) if query.page > 1 else None,
        "next": _url(query, page=query.page + 1) if query.page < pages else None,
    }


def result_cards(results):
    """Public pages of `results` in engine order, with their centre and a highlighted excerpt."""
    pages = results.objects()
    # Licences and resource types for the cards, one query each rather than one per card.
    prefetch_related_objects([p for p in pages if isinstance(p, ResourcePage)], "licence", "resource_type")
    prefetch_related_objects([p for p in pages if not isinstance(p, ResourcePage)], "licence")
    cards = with_centres(pages)
    for card in cards:
        # excerpt() HTML-escapes the text itself and adds only <mark> elements.
        card["excerpt"] = mark_safe(excerpt(card["page"].summary or "", results.terms, EXCERPT_LENGTH))
    return cards


def _failure(request, status, message, *, title, text=""):
    """The page with the search form and a message instead of results."""
    response = render(request, TEMPLATE, {
        "error": {"title": title, "message": message, "offer_browsing": status == 503},
        "text": text[:MAX_QUERY_LENGTH],
        "filters": [],
    }, status=status)
    if status == 503:
        response["Retry-After"] = str(RETRY_AFTER)
    return response


def search_page(request):
    """`/tim-kiem/?q=…&<facet>=…&sort=…&page=…`: results, facets, sort and pages; 400 or 503 with a message."""
    try:
        query = SearchQuery.from_params(request.GET)
    except ValidationFailed as exc:
        return _failure(request, 400, str(exc), title=_("This search cannot be run"),
                        text=" ".join(request.GET.get("q", "").split()))
    try:
        results = get_search_backend().search(query)
    except BackendUnavailable as exc:
        logger.warning("Search engine unavailable for the search page: %s", exc)
        return _failure(request, 503, _("Please try again in a few minutes. Meanwhile you can browse "
                                        "materials by topic."),
                        title=_("Search is temporarily unavailable"), text=query.text)
    hidden = [(name, value) for name, values in query.filters.items() for value in values]
    if query.sort != "relevance":
        hidden.append(("sort", query.sort))
    return render(request, TEMPLATE, {
        "query": query,
        "text": query.text,
        "results": results,
        "cards": result_cards(results),
        "facets": facet_groups(query, results),
        "sorts": sort_links(query),
        "pages": pagination(query, results.total),
        "filters": hidden,
        "has_filters": bool(query.filters),
        "clear_filters_url": _url(query, filters={}),
        "corrected_url": _url(replace(query, text=results.corrected_query)) if results.corrected_query else "",
    })
