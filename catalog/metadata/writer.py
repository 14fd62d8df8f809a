"""From the catalogue to AMB: a page (or the values the importer parsed) to one AMB record.

`amb_from_values` is the single place that decides what a record looks like; export,
the API and the importer's "unchanged" check all go through it, so a record that was
imported and exported again compares equal.
"""
from urllib.parse import urljoin

from django.conf import settings
from django.utils import timezone
from wagtail.rich_text import expand_db_html

from ..queries import public_url
from .common import (
    COURSE_CONTEXT,
    COURSE_TYPES,
    HCRT_COURSE,
    RESOURCE_CONTEXT,
    RESOURCE_TYPES,
    clean_html,
    format_duration,
)

RESOURCE, COURSE = "resource", "course"
EXPORT_ONLY = ("datePublished", "mainEntityOfPage")


def _sorted_terms(terms):
    return sorted(terms, key=lambda t: (t.sort_order, t.name, t.pk or 0))


def _concept(term):
    return {"id": term.uri, "prefLabel": term.labels}


def _licence(licence):
    return {"id": licence.url} if licence is not None else None


def _creator(author, short=False):
    creator = {"type": author.get("kind") or "Person", "name": author["name"]}
    if not short and author.get("identifier"):
        creator["id"] = author["identifier"]
    if not short and author.get("affiliation"):
        creator["affiliation"] = {"type": "Organization", "name": author["affiliation"]}
    return creator


def _file_name(item):
    return item.get("name") or (item.get("content_url") or "").rstrip("/").rsplit("/", 1)[-1]


def _encoding(item):
    encoding = {"type": "MediaObject", "contentUrl": item["content_url"], "name": _file_name(item),
                "encodingFormat": item.get("mime_type") or "", "contentSize": ""}
    if item.get("size") is not None:
        encoding["contentSize"] = str(item["size"])
    return {key: value for key, value in encoding.items() if value}


def _author_dicts(page):
    return [{"name": a.name, "kind": a.kind, "identifier": a.identifier, "affiliation": a.affiliation}
            for a in page.authors.all()]


def _is_based_on(values):
    source = values.get("based_on")
    if source is not None:
        entry = {"id": source.source_id, "name": source.title, "license": _licence(source.licence),
                 "creator": [_creator(a, short=True) for a in _author_dicts(source)]}
        return [{key: value for key, value in entry.items() if value}]
    record = values.get("based_on_record") or {}
    return [dict(record)] if record else []


def _lessons(module):
    lessons = []
    for lesson in module.get("lessons") or []:
        resource = lesson.get("resource")
        if resource is None:
            continue
        part = {"id": resource.source_id}
        if lesson.get("title"):
            part["name"] = lesson["title"]
        if lesson.get("hours") is not None:
            part["timeRequired"] = format_duration(lesson["hours"])
        lessons.append(part)
    return lessons


def _has_part(values):
    parts = []
    for _block_type, module in values.get("modules") or []:
        part = {"type": "LearningResource", "name": module.get("title") or "",
                "description": module.get("summary") or "", "hasPart": _lessons(module)}
        parts.append({key: value for key, value in part.items() if value})
    return parts


def _centre(centre):
    if centre is None:
        return []
    return [{"type": "Organization", "id": centre.uri, "name": centre.title}]


def _text(body):
    """The body as partners get it: links and embeds expanded to real addresses, then sanitised.

    Wagtail's rewriters only touch `<a ...>` and `<embed .../>` tags, so a body with neither is
    left as it is without running them.
    """
    if "<a" in body or "<embed" in body:
        body = expand_db_html(body)
    return clean_html(body, base_url=settings.SITE_BASE_URL)


def amb_from_values(kind, values):
    """One AMB record from page values (see `page_values`); empty fields are left out."""
    course = kind == COURSE
    record = {
        "@context": COURSE_CONTEXT if course else RESOURCE_CONTEXT,
        "id": values.get("source_id") or "",
        "type": COURSE_TYPES if course else RESOURCE_TYPES,
        "name": values.get("title") or "",
        "description": values.get("summary") or "",
        "text": _text(values.get("body") or ""),
        "keywords": sorted(values.get("keywords") or [], key=lambda k: (k.casefold(), k)),
        "inLanguage": [lang.code for lang in _sorted_terms(values.get("languages") or [])],
        "license": _licence(values.get("licence")),
        "learningResourceType": [HCRT_COURSE] if course else (
            [_concept(values["resource_type"])] if values.get("resource_type") is not None else []
        ),
        "about": [_concept(t) for t in _sorted_terms(values.get("topics") or [])],
        "audience": [_concept(t) for t in _sorted_terms(values.get("audiences") or [])],
        "educationalLevel": [_concept(t) for t in _sorted_terms(values.get("levels") or [])],
        "creator": [_creator(a) for a in values.get("authors") or []],
        "dateCreated": values["date_created"].isoformat() if values.get("date_created") else "",
        "isBasedOn": _is_based_on(values),
        "timeRequired": format_duration(values["hours"]) if values.get("hours") is not None else "",
        "completionCriteria": values.get("completion_criteria") or "",
        "hasPart": _has_part(values),
        "sourceOrganization": _centre(values.get("centre")),
        "url": values.get("external_url") or "",
        "encoding": [_encoding(f) for f in values.get("files") or []],
        "datePublished": values["date_published"].isoformat() if values.get("date_published") else "",
        "mainEntityOfPage": [{"id": values["page_url"]}] if values.get("page_url") else [],
    }
    return {key: value for key, value in record.items() if value not in ("", None, [], {})}


def _absolute(url):
    return urljoin(settings.SITE_BASE_URL.rstrip("/") + "/", url) if url else ""


def file_dict(content_url, name, mime_type, size, document=None):
    """A file of a resource in the importer's shape; a document in the hub's storage fills what the row leaves out."""
    return {
        "content_url": _absolute(document.url if document is not None else content_url),
        "name": name or (document.filename if document is not None else ""),
        "mime_type": mime_type or (document.content_type if document is not None else ""),
        "size": size if size is not None else (document.get_file_size() if document is not None else None),
    }


def _file_dicts(page):
    return [file_dict(item.content_url, item.name, item.mime_type, item.size,
                      item.document if item.document_id else None) for item in page.files.all()]


def _module_tuples(page):
    modules = []
    for block in page.modules:
        if block.block_type != "module":
            continue
        value = block.value
        lessons = [
            {"title": lesson.get("title") or "", "resource": lesson.get("resource"), "hours": lesson.get("hours")}
            for lesson in value.get("lessons") or []
        ]
        modules.append(("module", {"title": value.get("title") or "", "summary": value.get("summary") or "",
                                   "lessons": lessons}))
    return modules


def page_kind(page):
    from ..models import CoursePage

    return COURSE if isinstance(page, CoursePage) else RESOURCE


def page_values(page, *, centre=None, publication=False):
    """The values of a resource or course page (a live page or a revision) in the importer's shape."""
    values = {
        "source_id": page.source_id, "title": page.title, "summary": page.summary, "body": page.body,
        "licence": page.licence, "topics": list(page.topics.all()), "audiences": list(page.audiences.all()),
        "levels": list(page.levels.all()), "languages": list(page.languages.all()), "centre": centre,
    }
    if page_kind(page) == COURSE:
        values.update(hours=page.hours, completion_criteria=page.completion_criteria, modules=_module_tuples(page))
    else:
        values.update(
            resource_type=page.resource_type, keywords=[tag.name for tag in page.keywords.all()],
            authors=_author_dicts(page), files=_file_dicts(page), date_created=page.date_created,
            external_url=page.external_url, based_on=page.based_on, based_on_record=page.based_on_record,
        )
    if publication and page.live:
        published = page.first_published_at or page.last_published_at
        values["date_published"] = timezone.localdate(published) if published else None
        values["page_url"] = public_url(page)
    return values


def centre_of(page):
    """The centre a resource or course sits in (its parent page), or None."""
    from ..models import CentrePage

    return CentrePage.objects.filter(path=page.path[: -page.steplen]).first() if page.path else None


def to_amb(page, *, centre=None, publication=True):
    """The AMB record of a resource or course page; pass `centre` when you already have it."""
    from ..models import CoursePage, ResourcePage

    if not isinstance(page, (ResourcePage, CoursePage)):
        page = page.specific
    centre = centre if centre is not None else centre_of(page)
    return amb_from_values(page_kind(page), page_values(page, centre=centre, publication=publication))

