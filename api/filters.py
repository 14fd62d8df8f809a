"""List filters of the catalogue endpoints: the search facets' names and values, applied to the database.

A list endpoint accepts the facets of `search.schema.FACETS` that make sense for what it
lists, parsed by `SearchQuery.from_params` exactly as `/api/v1/search/` parses them (commas
or repeated parameters for OR within a facet, AND across facets, `true`/`false` for
`remix` and `h5p`), plus `modified_since`, `source_id` where records have one, and the
paging parameters. Filters read the catalogue itself, not the search index, so a page
appears in a list as soon as it is published.
"""
from dataclasses import dataclass
from datetime import datetime, timezone

from django.db.models import Q
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from catalog.models import CentrePage, ResourceFile, Topic
from core.errors import ValidationFailed
from search.query import DEFAULT_PAGE_SIZE, SearchQuery

CURSOR, PAGE_SIZE, MODIFIED_SINCE, SOURCE_ID = "cursor", "page_size", "modified_since", "source_id"
# DRF reads `format` itself (`?format=jsonld` is the same as `Accept: application/ld+json`).
CONTROL_PARAMS = (CURSOR, PAGE_SIZE, MODIFIED_SINCE, "format")
MAX_SOURCE_IDS = 100


@dataclass(frozen=True)
class ListQuery:
    """What a list request asks for, validated."""

    filters: dict                 # facet name -> tuple of values, as SearchQuery parses them
    modified_since: datetime | None = None
    source_ids: tuple = ()
    page_size: int = DEFAULT_PAGE_SIZE


def parse_list_query(params, facets, *, source_id=False):
    """Validate a list request's parameters; unknown names and bad values raise ValidationFailed (400)."""
    allowed = (*facets, *((SOURCE_ID,) if source_id else ()), *CONTROL_PARAMS)
    unknown = sorted(set(params.keys()) - set(allowed))
    if unknown:
        # The same message (and translation) as the search endpoint's, with this endpoint's names.
        raise ValidationFailed(
            _("Unknown filter %(names)s. Use one of: %(allowed)s."),
            params={"names": ", ".join(unknown), "allowed": ", ".join(allowed[:-1])},
            code="unknown_filter", field=unknown[0],
        )
    # The facets (OR within one, true/false for remix and h5p), page_size and the refusal of
    # characters no value may hold are SearchQuery's; this endpoint's own names are passed by.
    search_query = SearchQuery.from_params(params, ignore=(SOURCE_ID, MODIFIED_SINCE, CURSOR))
    source_ids = tuple(dict.fromkeys(v.strip() for v in params.getlist(SOURCE_ID) if v.strip()))
    if len(source_ids) > MAX_SOURCE_IDS:
        raise ValidationFailed(_("Ask for at most %(max)s source_id values at a time."),
                               params={"max": MAX_SOURCE_IDS}, code="invalid_filter", field=SOURCE_ID)
    return ListQuery(
        filters=search_query.filters,
        modified_since=parse_moment(params.get(MODIFIED_SINCE)),
        source_ids=source_ids,
        page_size=search_query.page_size,
    )


def parse_moment(raw):
    """An aware datetime from ISO 8601 text (a date, or a date and time; UTC when no offset is given)."""
    if raw in (None, ""):
        return None
    text = raw.strip()
    # An unencoded "+" in a query string arrives as a space: "…T08:00:00 07:00" meant "+07:00".
    if len(text) > 19 and text[-6] == " ":
        text = text[:-6] + "+" + text[-5:]
    try:
        moment = parse_datetime(text)
        if moment is not None:
            # UTC now, so a moment the database cannot store (year 1 at +05:00) is refused here.
            moment = (moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None
                      else moment.astimezone(timezone.utc))
    except (ValueError, OverflowError):
        moment = None
    if moment is None:
        raise ValidationFailed(
            _("modified_since must be an ISO 8601 date or date and time, such as 2025-01-31 or "
              "2025-01-31T08:00:00+07:00, not “%(value)s”."),
            params={"value": raw[:40]}, code="invalid_filter", field=MODIFIED_SINCE,
        )
    return moment


def _topic_ids(slugs):
    """Ids of the named topics and of every topic below them (a document's topics include their ancestors)."""
    rows = list(Topic.objects.values_list("pk", "slug", "parent_id"))
    children = {}
    for pk, _slug, parent in rows:
        children.setdefault(parent, []).append(pk)
    found, stack = set(), [pk for pk, slug, _parent in rows if slug in slugs]
    while stack:
        pk = stack.pop()
        if pk not in found:
            found.add(pk)
            stack.extend(children.get(pk, ()))
    return found


def _related(model, lookup, values):
    # A subquery rather than a join, so a page with two matching topics is listed once.
    return Q(pk__in=model.objects.filter(**{lookup: values}).values("pk"))


def _under(centres):
    """Pages inside the given centres (resources, courses and collections are their children)."""
    paths = list(centres.values_list("path", flat=True))
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(path__startswith=path)
    return condition


def _h5p_files():
    # ResourceFile.display_name: the given name, else the document's file name, else the URL's last part.
    return ResourceFile.objects.filter(
        Q(name__iendswith=".h5p") | Q(name="", document__file__iendswith=".h5p")
        | Q(name="", document__isnull=True, content_url__iendswith=".h5p")
    ).values("page_id")


def _boolean(condition, values):
    return condition if values[0] == "true" else ~condition


# Facet name -> Q for a queryset of `model`, matching what search.schema indexes for that facet.
PAGE_FILTERS = {
    "topic": lambda model, values: _related(model, "topics__in", _topic_ids(set(values))),
    "type": lambda model, values: Q(resource_type__slug__in=values),
    "audience": lambda model, values: _related(model, "audiences__slug__in", values),
    "level": lambda model, values: _related(model, "levels__slug__in", values),
    "language": lambda model, values: _related(model, "languages__code__in", values),
    "licence": lambda model, values: Q(licence__slug__in=values),
    "remix": lambda model, values: _boolean(Q(licence__allows_derivatives=True), values),
    "centre": lambda model, values: _under(CentrePage.objects.filter(slug__in=values)),
    "province": lambda model, values: _under(CentrePage.objects.filter(province__code__in=values)),
    "h5p": lambda model, values: _boolean(Q(pk__in=_h5p_files()), values),
}
CENTRE_FILTERS = {
    "province": lambda model, values: Q(province__code__in=values),
}


def filter_queryset(queryset, query, filters=PAGE_FILTERS):
    """`queryset` narrowed by a ListQuery: AND across facets, OR within one."""
    for name, values in query.filters.items():
        queryset = queryset.filter(filters[name](queryset.model, values))
    if query.modified_since is not None:
        queryset = queryset.filter(last_published_at__gte=query.modified_since)
    if query.source_ids:
        queryset = queryset.filter(source_id__in=query.source_ids)
    return queryset
