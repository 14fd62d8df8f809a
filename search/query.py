"""A search request as every backend receives it, parsed and validated from query parameters."""
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from core.errors import ValidationFailed

from .schema import BOOLEAN_FACETS, FACET_NAMES, SORTS

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
MAX_QUERY_LENGTH = 200
CONTROL_PARAMS = ("q", "sort", "page", "page_size", "format")
TRUE, FALSE = ("1", "true", "yes", "co", "có"), ("0", "false", "no", "khong", "không")


@dataclass(frozen=True)
class SearchQuery:
    """Text, facet filters (AND across facets, OR within one), sort and paging."""

    text: str = ""
    filters: dict = field(default_factory=dict)   # facet name -> tuple of values
    sort: str = "relevance"
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE

    @property
    def offset(self):
        return (self.page - 1) * self.page_size

    def without(self, facet):
        """The same query without one facet's filter (for that facet's counts)."""
        return SearchQuery(self.text, {k: v for k, v in self.filters.items() if k != facet},
                           self.sort, self.page, self.page_size)

    @classmethod
    def from_params(cls, params, *, ignore=()):
        """Parse a QueryDict or a dict of lists; unknown parameters and bad values raise ValidationFailed."""
        getlist = params.getlist if hasattr(params, "getlist") else (lambda k: _as_list(params.get(k)))
        unknown = sorted(set(params.keys()) - set(FACET_NAMES) - set(CONTROL_PARAMS) - set(ignore))
        if unknown:
            raise ValidationFailed(
                _("Unknown filter %(names)s. Use one of: %(allowed)s."),
                params={"names": ", ".join(unknown), "allowed": ", ".join(FACET_NAMES + CONTROL_PARAMS[:4])},
                code="unknown_filter", field=unknown[0],
            )
        # PostgreSQL cannot hold or compare text with NUL (a 500 otherwise); no word or value contains one.
        bad = next((name for name in params.keys() if any("\x00" in str(v) for v in getlist(name))), None)
        if bad:
            raise ValidationFailed(_("%(name)s contains a character that is not allowed."),
                                   params={"name": bad}, code="invalid_filter", field=bad)
        text = " ".join((params.get("q") or "").split())
        if len(text) > MAX_QUERY_LENGTH:
            raise ValidationFailed(_("The search text is longer than %(max)s characters."),
                                   params={"max": MAX_QUERY_LENGTH}, code="query_too_long", field="q")
        filters = {}
        for name in FACET_NAMES:
            values = [v.strip() for raw in getlist(name) for v in str(raw).split(",") if v.strip()]
            if not values:
                continue
            if name in BOOLEAN_FACETS:
                filters[name] = (_boolean(name, values),)
            else:
                filters[name] = tuple(dict.fromkeys(values))
        sort = params.get("sort") or "relevance"
        if sort not in SORTS:
            raise ValidationFailed(_("Unknown sort “%(sort)s”. Use one of: %(allowed)s."),
                                   params={"sort": sort, "allowed": ", ".join(SORTS)}, code="invalid_sort", field="sort")
        page = _positive_int(params.get("page"), "page", 1, 10_000)
        page_size = _positive_int(params.get("page_size"), "page_size", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
        return cls(text=text, filters=filters, sort=sort, page=page, page_size=page_size)


def _as_list(value):
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _boolean(name, values):
    value = values[-1].lower()
    if value in TRUE:
        return "true"
    if value in FALSE:
        return "false"
    raise ValidationFailed(_("%(name)s must be true or false, not “%(value)s”."),
                           params={"name": name, "value": values[-1]}, code="invalid_filter", field=name)


def _positive_int(raw, name, default, maximum):
    if raw in (None, ""):
        return default
    try:
        value = int(str(raw))
    except ValueError:
        value = 0
    if not 1 <= value <= maximum:
        raise ValidationFailed(_("%(name)s must be a whole number from 1 to %(max)s."),
                               params={"name": name, "max": maximum}, code="invalid_paging", field=name)
    return value
