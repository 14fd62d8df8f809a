"""From AMB to the catalogue: one record to the `data` that `catalog.services` create and update.

Liberal in what it accepts (URIs, slugs or names for vocabulary values; licence URIs
with or without `deed.xx`; `vi-VN` for `vi`), strict in what it returns: every value
is resolved to a term of the hub's vocabularies, or the record is refused with a
`ValidationFailed` naming the field and the value.
"""
import dataclasses
import re
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from core.errors import ValidationFailed

from .common import HCRT_COURSE, clean_html, parse_duration, uri_key
from .lookups import AMBIGUOUS, Lookups
from .writer import COURSE, RESOURCE

_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})([T ].*)?$")
_URL = URLValidator(schemes=["http", "https"])
_HCRT_COURSE_KEY = uri_key(HCRT_COURSE["id"])


@dataclasses.dataclass
class ParsedRecord:
    """A record mapped to service data: `kind` is "resource" or "course"; `centre_refs` come from
    `sourceOrganization` and are only needed when the record creates a page."""

    kind: str
    source_id: str
    data: dict
    centre_refs: list = dataclasses.field(default_factory=list)


def _refuse(message, on=None, code="invalid_record", **params):
    """Refuse the record; `on` is the AMB field at fault, `params` fill the message."""
    raise ValidationFailed(message, params=params, field=on, code=code)


def _list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _shown(value):
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= 120 else text[:117] + "…"


def _text(value, field, max_length=None):
    """A string from a string or a language map ({"vi": ..., "en": ...}, Vietnamese first)."""
    if value is None:
        return ""
    if isinstance(value, dict):
        value = value.get("vi") or value.get("vi-VN") or next((v for v in value.values() if isinstance(v, str)), "")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        _refuse(_("%(field)s: expected text, got %(value)s."), field, field=field, value=_shown(value))
    value = value.strip()
    if max_length and len(value) > max_length:
        _refuse(_("%(field)s: longer than %(max)s characters."), field, field=field, max=max_length)
    return value


def _url(value, field, max_length=1000):
    value = _text(value, field, max_length)
    if value:
        try:
            _URL(value)
        except ValidationError:
            _refuse(_("%(field)s: “%(value)s” is not a web address."), field, field=field, value=_shown(value))
    return value


def _resolve(lookups, model, field, item):
    if isinstance(item, str):
        candidates, shown = [item], item
    elif isinstance(item, dict):
        labels = item.get("prefLabel")
        labels = list(labels.values()) if isinstance(labels, dict) else _list(labels)
        candidates = [item.get("id"), *labels, item.get("name")]
        shown = next((c for c in candidates if isinstance(c, str) and c.strip()), repr(item))
    else:
        candidates, shown = [], repr(item)
    ambiguous = False
    for candidate in candidates:
        if not isinstance(candidate, str):
            continue
        found = lookups.term(model, candidate)
        if found is AMBIGUOUS:
            ambiguous = True
        elif found is not None:
            return found
    if ambiguous:
        _refuse(_("%(field)s: “%(value)s” matches several terms; give its URI."), field, "ambiguous_value",
                field=field, value=_shown(shown))
    _refuse(_("%(field)s: unknown value “%(value)s”."), field, "unknown_value", field=field, value=_shown(shown))


def _terms(lookups, record, key, model):
    terms = {}
    for item in _list(record.get(key)):
        term = _resolve(lookups, model, key, item)
        terms.setdefault(term.pk, term)
    return list(terms.values())


def _licence(lookups, record):
    from ..models import Licence

    value = record.get("license")
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    if value is None or value == "" or value == {} or value == []:
        return None
    licence = _resolve(lookups, Licence, "license", value)
    if not licence.is_open:
        _refuse(_("license: “%(value)s” is not an open licence."), "license", "licence_not_open", value=licence.name)
    return licence


def _keywords(record):
    value = record.get("keywords")
    items = value.split(",") if isinstance(value, str) else _list(value)
    keywords = [_text(item, "keywords", 100) for item in items]
    return list(dict.fromkeys(k for k in keywords if k))


def _date(record):
    value = record.get("dateCreated")
    if value in (None, ""):
        return None
    match = _DATE.match(value) if isinstance(value, str) else None
    if match:
        try:
            return date.fromisoformat(match.group(1))
        except ValueError:
            pass  # a well-formed but impossible date (2024-02-30) is refused below
    _refuse(_("dateCreated: “%(value)s” is not a date (YYYY-MM-DD)."), "dateCreated", value=_shown(value))


def _kind(item):
    types = _list(item.get("type"))
    return "Organization" if "Organization" in types else "Person"


def _creators(record):
    authors = []
    for item in _list(record.get("creator")):
        if isinstance(item, str):
            item = {"name": item}
        if not isinstance(item, dict):
            _refuse(_("%(field)s: expected text, got %(value)s."), "creator", field="creator", value=_shown(item))
        name = _text(item.get("name"), "creator", 255)
        if not name:
            _refuse(_("creator: every creator needs a name."), "creator")
        affiliation = item.get("affiliation")
        if isinstance(affiliation, list):
            affiliation = affiliation[0] if affiliation else None
        if isinstance(affiliation, dict):
            affiliation = affiliation.get("name")
        authors.append({
            "name": name, "kind": _kind(item),
            "identifier": _url(item.get("id"), "creator", 500),
            "affiliation": _text(affiliation, "creator", 255),
        })
    return authors


def _files(record):
    files = []
    for item in _list(record.get("encoding")):
        if not isinstance(item, dict) or not item.get("contentUrl"):
            _refuse(_("encoding: every file needs a contentUrl."), "encoding")
        size = item.get("contentSize")
        if isinstance(size, str) and size.strip().isdigit():
            size = int(size.strip())
        if size in (None, ""):
            size = None
        elif not isinstance(size, int) or isinstance(size, bool) or size < 0:
            _refuse(_("encoding: contentSize “%(value)s” is not a number of bytes."), "encoding", value=_shown(size))
        files.append({
            "content_url": _url(item.get("contentUrl"), "encoding"),
            "name": _text(item.get("name"), "encoding", 255),
            "mime_type": _text(item.get("encodingFormat"), "encoding", 100),
            "size": size,
        })
    return files


def _based_on(lookups, record, source_id):
    from ..models import Licence

    sources = _list(record.get("isBasedOn"))
    if not sources:
        return None, {}
    if len(sources) > 1:
        _refuse(_("isBasedOn: only one source per resource is supported, found %(count)s."), "isBasedOn",
                count=len(sources))
    source = {"id": sources[0]} if isinstance(sources[0], str) else sources[0]
    if not isinstance(source, dict):
        _refuse(_("%(field)s: expected text, got %(value)s."), "isBasedOn", field="isBasedOn", value=_shown(source))
    ident = _text(source.get("id"), "isBasedOn", 500)
    name = _text(source.get("name"), "isBasedOn", 500)
    if not ident and not name:
        _refuse(_("isBasedOn: give the source's id or name."), "isBasedOn")
    if ident and ident == source_id:
        _refuse(_("isBasedOn: a resource cannot be based on itself."), "isBasedOn")
    page = lookups.resources([ident]).get(ident) if ident else None
    if page is not None:
        return page, {}
    licence = source.get("license")
    licence_name = _text(licence.get("name"), "isBasedOn", 200) if isinstance(licence, dict) else ""
    licence = _text(licence.get("id") if isinstance(licence, dict) else licence, "isBasedOn", 500)
    known = lookups.term(Licence, licence) if licence else None
    if known is not None and known is not AMBIGUOUS:
        licence = known.url
    creators = []
    for item in _list(source.get("creator")):
        item = {"name": item} if isinstance(item, str) else item
        if isinstance(item, dict) and _text(item.get("name"), "isBasedOn", 255):
            creators.append({"type": _kind(item), "name": _text(item.get("name"), "isBasedOn", 255)})
    licence_entry = {key: value for key, value in (("id", licence), ("name", licence_name)) if value}
    kept = {"id": ident, "name": name, "license": licence_entry or None, "creator": creators}
    return None, {key: value for key, value in kept.items() if value}


def _modules(lookups, record):
    modules, wanted = [], []
    for part in _list(record.get("hasPart")):
        if not isinstance(part, dict) or ("hasPart" not in part and part.get("id")):
            _refuse(_("hasPart: a course lists modules, each with its lessons in hasPart."), "hasPart")
        title = _text(part.get("name"), "hasPart", 255)
        if not title:
            _refuse(_("hasPart: every module needs a name."), "hasPart")
        lessons = []
        for lesson in _list(part.get("hasPart")):
            lesson = {"id": lesson} if isinstance(lesson, str) else lesson
            ident = _text(lesson.get("id"), "hasPart", 500) if isinstance(lesson, dict) else ""
            if not ident:
                _refuse(_("hasPart: every lesson needs the id of its resource."), "hasPart")
            hours = lesson.get("timeRequired")
            lessons.append({"title": _text(lesson.get("name"), "hasPart", 255), "resource": ident,
                            "hours": _duration(hours) if hours not in (None, "") else None})
            wanted.append(ident)
        modules.append(("module", {"title": title, "summary": _text(part.get("description"), "hasPart"),
                                   "lessons": lessons}))
    found = lookups.resources(wanted)
    missing = [ident for ident in dict.fromkeys(wanted) if ident not in found]
    if missing:
        _refuse(_("hasPart: unknown lesson resource “%(id)s”; import it before the course."), "hasPart",
                "unknown_lesson", id=", ".join(missing))
    for _block_type, module in modules:
        for lesson in module["lessons"]:
            lesson["resource"] = found[lesson["resource"]]
    return modules


def _duration(value):
    hours = parse_duration(value)
    if hours is None:
        _refuse(_("timeRequired: “%(value)s” is not an ISO 8601 duration such as PT1H30M."), "timeRequired",
                value=_shown(value))
    return hours


def record_kind(record):
    """"course" for a record typed Course (or with the HCRT course type), else "resource"."""
    if "Course" in _list(record.get("type")):
        return COURSE
    for item in _list(record.get("learningResourceType")):
        ident = item.get("id") if isinstance(item, dict) else item
        if isinstance(ident, str) and uri_key(ident) == _HCRT_COURSE_KEY:
            return COURSE
    return RESOURCE


def from_amb(record, lookups=None):
    """Map one AMB record (a dict) to a `ParsedRecord`; raises `ValidationFailed` saying what is wrong."""
    from ..models import Audience, EducationalLevel, Language, ResourceType, Topic

    lookups = lookups or Lookups()
    source_id = _text(record.get("id"), "id", 500)
    if not source_id:
        _refuse(_("Missing “%(field)s”."), "id", "missing_field", field="id")
    title = _text(record.get("name"), "name", 255)
    if not title:
        _refuse(_("Missing “%(field)s”."), "name", "missing_field", field="name")
    kind = record_kind(record)
    data = {
        "source_id": source_id, "title": title,
        "summary": _text(record.get("description"), "description"),
        "body": clean_html(_text(record.get("text"), "text")),
        "licence": _licence(lookups, record),
        "topics": _terms(lookups, record, "about", Topic),
        "audiences": _terms(lookups, record, "audience", Audience),
        "levels": _terms(lookups, record, "educationalLevel", EducationalLevel),
        "languages": _terms(lookups, record, "inLanguage", Language),
    }
    if kind == COURSE:
        hours = record.get("timeRequired")
        data.update(
            hours=_duration(hours) if hours not in (None, "") else None,
            completion_criteria=_text(record.get("completionCriteria"), "completionCriteria"),
            modules=_modules(lookups, record),
        )
    else:
        types = _terms(lookups, record, "learningResourceType", ResourceType)
        based_on, based_on_record = _based_on(lookups, record, source_id)
        data.update(
            resource_type=types[0] if types else None, keywords=_keywords(record), authors=_creators(record),
            files=_files(record), date_created=_date(record), external_url=_url(record.get("url"), "url"),
            based_on=based_on, based_on_record=based_on_record,
        )
    refs = [{"id": ref, "name": ref} if isinstance(ref, str) else ref
            for ref in _list(record.get("sourceOrganization"))]
    return ParsedRecord(kind=kind, source_id=source_id, data=data, centre_refs=[r for r in refs if isinstance(r, dict)])
