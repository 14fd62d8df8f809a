"""Finding vocabulary terms, centres and resources by the URIs, slugs and names records use.

One `Lookups` serves one import run: each vocabulary is read once, on first use, so
thousands of records cost a handful of queries for their vocabulary values.
"""
from .common import licence_key, uri_key

AMBIGUOUS = object()  # a name that fits several terms (for example two topics both called "Ngoại ngữ")


class _Table:
    def __init__(self):
        self.by_uri, self.by_slug, self.by_name = {}, {}, {}

    def add_name(self, name, term):
        if name:
            self.by_name.setdefault(name.strip().casefold(), []).append(term)

    def find_name(self, value):
        found = {t.pk: t for t in self.by_name.get(value.strip().casefold(), [])}
        if len(found) > 1:
            return AMBIGUOUS
        return next(iter(found.values()), None)


def _looks_like_uri(value):
    return "://" in value or value.lower().startswith("www.")


def primary_subtag(code):
    """'vi-VN' -> 'vi', 'en_GB' -> 'en'."""
    return code.strip().replace("_", "-").split("-")[0].lower()


class Lookups:
    """Cached lookups for one import run; also usable for a single record."""

    def __init__(self):
        self._tables = {}
        self._centres = None
        # Known for the caller's current transaction only (see `look_up_ids`):
        self._new = set()      # ids that no resource or course holds
        self._found = {}       # referenced ids: resource page or None
        self.pending = {}      # ids of resources checked but not written yet: page

    def _table(self, model):
        from ..models import Language, Licence

        table = self._tables.get(model)
        if table is not None:
            return table
        table = _Table()
        for term in model.objects.all():
            if model is Language:
                table.by_slug[term.code.lower()] = term
            elif model is Licence:
                table.by_uri[licence_key(term.url)] = term
                table.by_slug[term.slug.lower()] = term
            else:
                table.by_uri[uri_key(term.uri)] = term
                table.by_slug[term.slug.lower()] = term
            table.add_name(term.name, term)
            table.add_name(getattr(term, "name_en", ""), term)
        self._tables[model] = table
        return table

    def term(self, model, value):
        """The term `value` names (URI, slug/code or exact name in either language), None, or AMBIGUOUS."""
        from ..models import Language, Licence

        value = value.strip()
        if not value:
            return None
        table = self._table(model)
        if _looks_like_uri(value):
            key = licence_key(value) if model is Licence else uri_key(value)
            return table.by_uri.get(key)
        key = primary_subtag(value) if model is Language else value.lower()
        found = table.by_slug.get(key)
        if found is not None:
            return found
        return table.find_name(value)

    def _centre_table(self):
        from ..models import CentrePage

        if self._centres is None:
            table = _Table()
            for centre in CentrePage.objects.all():
                table.by_uri[uri_key(centre.uri)] = centre
                table.by_slug[centre.slug.lower()] = centre
                table.by_name.setdefault(centre.title.strip(), []).append(centre)
            self._centres = table
        return self._centres

    def centre(self, ref):
        """The centre a `sourceOrganization` entry names by URI, slug or exact title, or None."""
        table = self._centre_table()
        ident = (ref.get("id") or "").strip() if isinstance(ref.get("id"), str) else ""
        if ident:
            found = table.by_uri.get(uri_key(ident)) if _looks_like_uri(ident) else table.by_slug.get(ident.lower())
            if found is not None:
                return found
        name = ref.get("name")
        if isinstance(name, str):
            matches = table.by_name.get(name.strip(), [])
            if len(matches) == 1:
                return matches[0]
        return None

    def resources(self, source_ids):
        """Resource pages by source id, for lesson and `isBasedOn` references (pending ones included)."""
        from ..models import ResourcePage

        ids = {i for i in source_ids if i}
        found = {i: self.pending.get(i) or self._found.get(i) for i in ids if i in self.pending or i in self._found}
        ids -= set(found)
        if ids:
            found.update((page.source_id, page) for page in ResourcePage.objects.filter(source_id__in=ids))
        return {i: page for i, page in found.items() if page is not None}

    def look_up_ids(self, source_ids, references=()):
        """Find out which of `source_ids` no page holds, and the resources `references` name, in a few queries.

        `existing` and `resources` then need no query for them. The answers hold only inside
        the caller's transaction: call again (with no ids, to forget them) when it ends. Ids
        are checked 2,000 at a time (SQLite's parameter limit).
        """
        from ..models import CoursePage, ResourcePage

        ids = sorted({i for i in source_ids if i})
        self._new = set(ids)
        for chunk in _chunks(ids):
            for model in (ResourcePage, CoursePage):
                self._new -= set(model._base_manager.filter(source_id__in=chunk).values_list("source_id", flat=True))
        references = sorted({i for i in references if i})
        self._found = dict.fromkeys(references)
        for chunk in _chunks(references):
            self._found.update((page.source_id, page) for page in ResourcePage.objects.filter(source_id__in=chunk))
        self.pending = {}

    def written(self, pages):
        """Pending resources were written: their ids now name them."""
        for page in pages:
            self.pending.pop(page.source_id, None)
            self._found[page.source_id] = page

    def unwritten(self, source_ids):
        """Pending resources were rolled back: ask the database about their ids again."""
        for source_id in source_ids:
            self.pending.pop(source_id, None)
            self._found.pop(source_id, None)

    def known_new(self, source_id):
        """Whether `look_up_ids` found that no page holds `source_id`."""
        return source_id in self._new

    def forget(self, source_id):
        """A page is being given `source_id`: `existing` must ask the database again."""
        self._new.discard(source_id)

    def existing(self, source_id):
        """The resource or course page already holding `source_id`, or None."""
        from ..models import CoursePage, ResourcePage

        if source_id in self._new:
            return None
        # Most records of a large import are new: look the id up in the small child tables
        # first (no join with Wagtail's page table), and load a page only when there is one.
        for model in (ResourcePage, CoursePage):
            pk = model._base_manager.filter(source_id=source_id).values_list("pk", flat=True).first()
            if pk is not None:
                return model.objects.get(pk=pk)
        return None


def _chunks(values, size=2000):
    for start in range(0, len(values), size):
        yield values[start:start + size]
