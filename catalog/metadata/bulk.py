"""The AMB mapping for many pages at once: the records of `to_amb`, with a constant number of queries per chunk.

`to_amb(page)` follows the page's relations one by one, which costs a dozen queries and
hundreds of model objects per page. `amb_records` reads a chunk of pages as plain rows
(`values()`), fetches each relation once per chunk (authors, files, keywords, the terms a
page uses, lesson targets, sources), takes vocabulary terms, licences and centres from
dicts loaded once, and hands every page's values to the same `amb_from_values` that
`to_amb` uses, so the two give equal records (tests/catalog/test_metadata_bulk.py holds them
to it). Memory is bounded by the chunk, not by the catalogue.
"""
import re
from collections import defaultdict
from decimal import Decimal
from itertools import islice
from urllib.parse import quote

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from wagtail.coreutils import WAGTAIL_APPEND_SLASH
from wagtail.documents import get_document_model
from wagtail.models import Page

from ..queries import public_url
from .writer import COURSE, RESOURCE, amb_from_values, file_dict

CHUNK_SIZE = 500
PAGE_FIELDS = ("pk", "path", "url_path", "slug", "live", "first_published_at", "last_published_at",
               "source_id", "title", "summary", "body", "licence_id")
RESOURCE_FIELDS = PAGE_FIELDS + ("resource_type_id", "date_created", "external_url", "based_on_id",
                                 "based_on_record")
COURSE_FIELDS = PAGE_FIELDS + ("hours", "completion_criteria", "modules")
AUTHOR_KEYS = ("name", "kind", "identifier", "affiliation")
TERM_RELATIONS = (("topics", "topic"), ("audiences", "audience"), ("levels", "educationallevel"),
                  ("languages", "language"))


class Related(list):
    """A list that answers `.all()`, standing in for a related manager the mapping reads."""

    def all(self):
        return self


class Source:
    """What the mapping reads of a page another resource is based on (`isBasedOn`)."""

    __slots__ = ("source_id", "title", "licence", "authors")

    def __init__(self, source_id, title, licence, authors):
        self.source_id, self.title, self.licence, self.authors = source_id, title, licence, Related(authors)


class Author:
    __slots__ = ("name", "kind", "identifier", "affiliation")

    def __init__(self, name, kind, identifier, affiliation):
        self.name, self.kind, self.identifier, self.affiliation = name, kind, identifier, affiliation


class Lesson:
    """A lesson's target resource: the mapping reads only its `source_id`."""

    __slots__ = ("source_id",)

    def __init__(self, source_id):
        self.source_id = source_id


class _UrlCache:
    """Holds Wagtail's site root paths for `Page.get_url_parts`, read once for a whole export."""


# A slug Wagtail's serve pattern (`((?:[\w\-]+/)*)`) reverses as itself, percent-encoded like Django's `reverse`.
_PLAIN_SLUG = re.compile(r"[\w\-]+")
_URL_SAFE = "!$&'()*+,;=/~:@"  # django.urls.resolvers: RFC3986_SUBDELIMS + "/~:@"


class PageUrls:
    """`public_url(page)` of many pages, asking Wagtail (site root and `reverse`) once per parent page.

    Django's `reverse` of the serve pattern percent-encodes the path segment by segment, so a
    page's address is its parent's address, its encoded slug and a slash. Where that does not
    hold (a slug outside the pattern, sites per language, no trailing slash) Wagtail is asked for
    the page itself.
    """

    def __init__(self):
        self.cache = _UrlCache()
        self.page = Page()
        self.parents = {}
        self.shortcut = WAGTAIL_APPEND_SLASH and not getattr(settings, "WAGTAIL_I18N_ENABLED", False)

    def _full_url(self, url_path):
        self.page.url_path = url_path
        return public_url(self.page, request=self.cache)

    def full_url(self, url_path, slug):
        if not self.shortcut or not _PLAIN_SLUG.fullmatch(slug) or not url_path.endswith(f"/{slug}/"):
            return self._full_url(url_path)
        parent_path = url_path[: -len(slug) - 1]
        if parent_path not in self.parents:
            self.parents[parent_path] = self._full_url(parent_path)
        parent = self.parents[parent_path]
        return parent + quote(slug, safe=_URL_SAFE) + "/" if parent else self._full_url(url_path)


class Term:
    """What the mapping reads of a vocabulary term, computed once per export instead of once per use.

    `labels` is one dict shared by every record that uses the term: records are for reading
    (serialising); copy one before changing it.
    """

    __slots__ = ("pk", "sort_order", "name", "uri", "labels", "code")

    def __init__(self, term):
        self.pk, self.sort_order, self.name = term.pk, term.sort_order, term.name
        self.uri, self.labels = getattr(term, "uri", None), getattr(term, "labels", None)
        self.code = getattr(term, "code", None)


class Vocabularies:
    """Every vocabulary term, licence and centre by id (or path), read once; the catalogue's vocabularies are small."""

    def __init__(self):
        from ..models import Audience, CentrePage, EducationalLevel, Language, Licence, ResourceType, Topic

        self.terms = {
            name: {pk: Term(term) for pk, term in model.objects.in_bulk().items()}
            for name, model in (("topic", Topic), ("audience", Audience), ("educationallevel", EducationalLevel),
                                ("language", Language))
        }
        self.licences = Licence.objects.in_bulk()
        self.resource_types = ResourceType.objects.in_bulk()
        self.centres = {centre.path: centre for centre in CentrePage.objects.all()}
        self.urls = PageUrls()


def _grouped(rows):
    groups = defaultdict(list)
    for key, *value in rows:
        groups[key].append(value[0] if len(value) == 1 else value)
    return groups


def _terms(model, pks, vocabularies):
    """{page pk: {relation name: [terms]}} for the topic, audience, level and language relations of `pks`."""
    by_page = defaultdict(dict)
    for relation, target in TERM_RELATIONS:
        through = getattr(model, relation).through
        column = f"{model._meta.model_name}_id"
        terms = vocabularies.terms[target]
        for page_pk, term_pks in _grouped(
                through.objects.filter(among(column, pks)).values_list(column, f"{target}_id")).items():
            by_page[page_pk][relation] = [terms[pk] for pk in term_pks]
    return by_page


def _authors(pks):
    """{page pk: [author dicts]} in the authors' order, in `page_values`' shape."""
    from ..models import ResourceAuthor

    rows = (ResourceAuthor.objects.filter(among("page_id", pks)).order_by("page_id", "sort_order", "pk")
            .values_list("page_id", *AUTHOR_KEYS))
    return _grouped((page_pk, dict(zip(AUTHOR_KEYS, fields))) for page_pk, *fields in rows)


def _files(pks):
    from ..models import ResourceFile

    rows = list(ResourceFile.objects.filter(among("page_id", pks)).order_by("page_id", "sort_order", "pk")
                .values_list("page_id", "document_id", "content_url", "name", "mime_type", "size"))
    documents = get_document_model().objects.in_bulk({row[1] for row in rows if row[1] is not None})
    files = defaultdict(list)
    for page_pk, document_pk, content_url, name, mime_type, size in rows:
        files[page_pk].append(file_dict(content_url, name, mime_type, size, documents.get(document_pk)))
    return files


def _keywords(pks):
    from ..models import ResourceTag

    return _grouped(ResourceTag.objects.filter(among("content_object_id", pks)).values_list("content_object_id", "tag__name"))


def _sources(rows, vocabularies):
    """{pk: Source} of the pages the resources of `rows` are based on."""
    from ..models import ResourcePage

    pks = {row["based_on_id"] for row in rows if row["based_on_id"] is not None}
    if not pks:
        return {}
    authors = _authors(pks)
    return {pk: Source(source_id, title, vocabularies.licences.get(licence_pk),
                       [Author(**author) for author in authors.get(pk, [])])
            for pk, source_id, title, licence_pk in ResourcePage.objects.filter(pk__in=pks).values_list(
                "pk", "source_id", "title", "licence_id")}


def _publication(row, vocabularies, zone):
    """`date_published` and `page_url`, as `page_values(..., publication=True)` gives them for a live page."""
    if not row["live"]:
        return {}
    published = row["first_published_at"] or row["last_published_at"]
    return {"date_published": timezone.localdate(published, zone) if published else None,
            "page_url": vocabularies.urls.full_url(row["url_path"], row["slug"])}


def among(field, pks):
    """A filter for rows whose `field` is one of `pks`: a range when the ids are dense (as in a pk-ordered chunk).

    Django prepares every value of an `__in` list one by one, which costs more than the rows it fetches;
    callers drop the few rows of a range that are not in `pks`.
    """
    low, high = min(pks), max(pks)
    if high - low < 2 * len(pks):
        return Q(**{f"{field}__gte": low, f"{field}__lte": high})
    return Q(**{f"{field}__in": pks})


def _common(row, terms, vocabularies):
    values = {"source_id": row["source_id"], "title": row["title"], "summary": row["summary"], "body": row["body"],
              "licence": vocabularies.licences.get(row["licence_id"]),
              "centre": vocabularies.centres.get(row["path"][:-Page.steplen])}
    for relation, _target in TERM_RELATIONS:
        values[relation] = terms.get(relation, [])
    return values


def _resource_values(rows, vocabularies, publication):
    from ..models import ResourcePage

    pks, zone = [row["pk"] for row in rows], timezone.get_current_timezone()
    terms, authors, files = _terms(ResourcePage, pks, vocabularies), _authors(pks), _files(pks)
    keywords, sources = _keywords(pks), _sources(rows, vocabularies)
    for row in rows:
        pk = row["pk"]
        values = _common(row, terms.get(pk, {}), vocabularies)
        values.update(
            resource_type=vocabularies.resource_types.get(row["resource_type_id"]), keywords=keywords.get(pk, []),
            authors=authors.get(pk, []), files=files.get(pk, []),
            date_created=row["date_created"], external_url=row["external_url"],
            based_on=sources.get(row["based_on_id"]), based_on_record=row["based_on_record"],
        )
        if publication:
            values.update(_publication(row, vocabularies, zone))
        yield values


def _list_items(items):
    """The values of a ListBlock's raw items, in either of the formats Wagtail stores."""
    return [item["value"] if isinstance(item, dict) and "id" in item and "value" in item and item.get("type") == "item"
            else item for item in items or []]


def _raw_modules(stream):
    return [block.get("value") or {} for block in stream.raw_data if block.get("type") == "module"]


def _modules(raw_modules, lessons):
    """`_module_tuples` of writer.py from a course's raw StreamField data and {pk: Lesson} of its lesson targets."""
    modules = []
    for value in raw_modules:
        items = [
            {"title": lesson.get("title") or "", "resource": lessons.get(lesson.get("resource")),
             "hours": Decimal(lesson["hours"]) if lesson.get("hours") is not None else None}
            for lesson in _list_items(value.get("lessons"))
        ]
        modules.append(("module", {"title": value.get("title") or "", "summary": value.get("summary") or "",
                                   "lessons": items}))
    return modules


def _course_values(rows, vocabularies, publication):
    from ..models import CoursePage, ResourcePage

    pks, zone = [row["pk"] for row in rows], timezone.get_current_timezone()
    terms = _terms(CoursePage, pks, vocabularies)
    raw = {row["pk"]: _raw_modules(row["modules"]) for row in rows}
    targets = {lesson.get("resource") for modules in raw.values() for module in modules
               for lesson in _list_items(module.get("lessons"))}
    targets = [pk for pk in targets if isinstance(pk, int)]
    lessons = {pk: Lesson(source_id) for pk, source_id in
               ResourcePage.objects.filter(pk__in=targets).values_list("pk", "source_id")} if targets else {}
    for row in rows:
        values = _common(row, terms.get(row["pk"], {}), vocabularies)
        values.update(hours=row["hours"], completion_criteria=row["completion_criteria"],
                      modules=_modules(raw[row["pk"]], lessons))
        if publication:
            values.update(_publication(row, vocabularies, zone))
        yield values


def _chunk_records(kind, pks, vocabularies, publication):
    """(pk, record) of the pages `pks` (all of one kind) in pk order, after one round of queries.

    Records are built as they are taken, so only the chunk's rows, not its records, are held.
    """
    from ..models import CoursePage, ResourcePage

    model, fields, values_of = ((ResourcePage, RESOURCE_FIELDS, _resource_values) if kind == RESOURCE
                                else (CoursePage, COURSE_FIELDS, _course_values))
    if not pks:
        return
    wanted = set(pks)
    rows = [row for row in model.objects.filter(among("pk", pks)).order_by("pk").values(*fields)
            if row["pk"] in wanted]
    for row, values in zip(rows, values_of(rows, vocabularies, publication)):
        yield row["pk"], amb_from_values(kind, values)


def _kinds(pks):
    """{pk: kind} of the resources and courses among `pks` (other page types are left out)."""
    from ..models import CoursePage, ResourcePage

    wanted, kinds = set(pks), {}
    for model, kind in ((ResourcePage, RESOURCE), (CoursePage, COURSE)):
        kinds.update((pk, kind) for pk in model.objects.filter(among("pk", pks)).values_list("pk", flat=True)
                     if pk in wanted)
    return kinds


def _batches(iterable, size):
    iterator = iter(iterable)
    while batch := list(islice(iterator, size)):
        yield batch


def _page_ids(pages, chunk):
    """Ids of `pages` (a queryset of any page type, or page objects) in their order, streamed."""
    if hasattr(pages, "values_list"):
        return pages.select_related(None).prefetch_related(None).values_list("pk", flat=True).iterator(chunk_size=chunk)
    return (page.pk for page in pages)


def amb_records_by_id(pks, *, kind=None, vocabularies=None, publication=True):
    """{pk: AMB record} of the resources and courses among `pks` (one chunk; pages of other types are left out).

    Pass `kind` (RESOURCE or COURSE) when every id is of that kind, to save a query.
    """
    return dict(_records_by_kind(list(pks), kind, vocabularies or Vocabularies(), publication))


def _records_by_kind(pks, kind, vocabularies, publication):
    if kind is not None:
        yield from _chunk_records(kind, pks, vocabularies, publication)
        return
    by_kind = defaultdict(list)
    for pk, page_kind in _kinds(pks).items() if pks else ():
        by_kind[page_kind].append(pk)
    for page_kind, kind_pks in by_kind.items():
        yield from _chunk_records(page_kind, kind_pks, vocabularies, publication)


def amb_records(pages, *, chunk=CHUNK_SIZE, kind=None, publication=True):
    """(pk, AMB record) of each resource or course in `pages`, in order; other page types are skipped.

    `pages` is a queryset (of ResourcePage, CoursePage or Page) or an iterable of pages. The
    records equal `to_amb(page)` of the pages as stored. Queries: the vocabularies once, then
    about ten per `chunk` pages, whatever their relations.
    """
    if kind is None and hasattr(pages, "model"):
        from ..models import CoursePage, ResourcePage

        kind = {ResourcePage: RESOURCE, CoursePage: COURSE}.get(pages.model)
    vocabularies = Vocabularies()
    for pks in _batches(_page_ids(pages, chunk), chunk):
        if kind is not None and all(a < b for a, b in zip(pks, pks[1:])):
            # In pk order already (the export): stream the records as they are built.
            yield from _chunk_records(kind, pks, vocabularies, publication)
            continue
        records = amb_records_by_id(pks, kind=kind, vocabularies=vocabularies, publication=publication)
        for pk in pks:
            if pk in records:
                yield pk, records[pk]
