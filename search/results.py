"""Search results in one shape for every backend: ids in engine order, facet counts, suggestions.

Engines return ids; `SearchResults.objects()` loads the pages from the database in that
order, and excerpts are highlighted here from the database text, so both backends
highlight alike.
"""
import time
from dataclasses import dataclass, field



from catalog.queries import public_pages


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class SearchResults:
    ids: list                    # page ids, best first, for the requested page of results
    total: int                   # matches over all pages of results
    facets: dict = field(default_factory=dict)       # facet name -> [FacetValue], count descending
    suggestions: list = field(default_factory=list)  # titles completing the typed text
    corrected_query: str = ""                        # "did you mean" when a typo was corrected
    terms: tuple = ()                                # phrases to highlight
    approximate: bool = False                        # total and facet counts estimated from a sample (broad search)

    def objects(self):
        """Live, public pages for `ids`, specific, in engine order (a page unpublished since indexing is dropped)."""
        pages = public_pages().filter(pk__in=self.ids).specific()
        by_id = {page.pk: page for page in pages}
        return [by_id[pk] for pk in self.ids if pk in by_id]


def empty():
    return SearchResults(ids=[], total=0)





LABEL_SECONDS = 60
_label_cache = {}


def _labels(facet, fresh=False):
    """value -> label for one facet in the active language, kept for a minute (vocabularies rarely change,
    and reading them on every search cost more than the search itself)."""
    from django.utils import translation

    key = (facet, translation.get_language())
    now = time.monotonic()
    cached = _label_cache.get(key)
    if cached and cached[0] > now and not fresh:
        return cached[1]
    labels = _read_labels(facet)
    _label_cache[key] = (now + LABEL_SECONDS, labels)
    return labels


def _read_labels(facet):
    from django.utils.translation import gettext as _

    from catalog.models import Audience, CentrePage, EducationalLevel, Language, Licence, Province, ResourceType, Topic

    if facet == "kind":
        return {"resource": _("Learning resource"), "course": _("Course")}
    if facet in ("remix", "h5p"):
        return {"true": _("Yes"), "false": _("No")}
    if facet == "language":
        return {lang.code: lang.label for lang in Language.objects.all()}
    if facet == "centre":
        return dict(CentrePage.objects.values_list("slug", "title"))
    if facet == "province":
        return dict(Province.objects.values_list("code", "name"))
    if facet == "licence":
        return dict(Licence.objects.values_list("slug", "name"))
    model = {"topic": Topic, "type": ResourceType, "audience": Audience, "level": EducationalLevel}[facet]
    return {term.slug: term.label for term in model.objects.all()}


def label_facets(counts, query):
    """Turn a backend's raw `{facet: {value: count}}` into the shared shape: every facet present,
    values with labels, selected flags, most frequent first (selected values always listed)."""
    from .schema import FACET_NAMES

    facets = {}
    for name in FACET_NAMES:
        raw = {str(k): int(v) for k, v in (counts.get(name) or {}).items() if v}
        selected = set(query.filters.get(name, ()))
        for value in selected:
            raw.setdefault(value, 0)
        labels = _labels(name)
        if any(value not in labels for value in raw):  # a term added since the labels were read
            labels = _labels(name, fresh=True)
        values = [FacetValue(value=v, label=str(labels.get(v, v)), count=c, selected=v in selected)
                  for v, c in raw.items()]
        values.sort(key=lambda fv: (-fv.count, fv.label))
        facets[name] = values
    return facets
