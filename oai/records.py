"""The records a harvester sees, read from the permanent change log (`catalog.models.ChangeEvent`).

A record's datestamp is the time of its latest change event; a record whose page is no
longer public (`catalog.queries`) is a tombstone (`<header status="deleted">`) whatever the
reason (deleted, unpublished, made private). Lists walk the log in id order, keeping only each
object's latest event as of the list's snapshot, so a page costs one indexed range scan of
the log plus the queries for the pages shown, never a pass over the catalogue.
"""
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, Max, OuterRef
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from catalog.metadata.bulk import Vocabularies, amb_records_by_id
from catalog.models import CentrePage, ChangeEvent, CoursePage, ResourcePage
from catalog.queries import public_courses, public_pages, public_resources

from .errors import ID_DOES_NOT_EXIST, OaiError

RESOURCE, COURSE = "resource", "course"
# ChangeEvent.object_type of the page types harvested (collections and centres are sets, not records).
OBJECT_TYPES = {"resourcepage": RESOURCE, "coursepage": COURSE}
KIND_TYPES = {kind: object_type for object_type, kind in OBJECT_TYPES.items()}
EVENT_FIELDS = ("id", "object_type", "object_id", "created_at")


@dataclass
class Item:
    """One record: identity, datestamp, and whether it is public (else a tombstone).

    `page` is the loaded page and `amb` its AMB record when metadata is to be written; `topic_ids`
    and `centre` give its sets.
    """

    kind: str
    pk: int
    datestamp: object
    public: bool = False
    page: object = None
    amb: dict = None
    centre: object = None
    topic_ids: tuple = ()

    @property
    def deleted(self):
        return not self.public

    @property
    def identifier(self):
        return identifier(self.kind, self.pk)


def identifier(kind, pk):
    return f"oai:{settings.OAI_REPOSITORY_ID}:{kind}/{pk}"


def sample_identifier():
    return identifier(RESOURCE, 1)


def parse_identifier(value):
    """(kind, pk) of an identifier of this repository; idDoesNotExist otherwise."""
    prefix = f"oai:{settings.OAI_REPOSITORY_ID}:"
    kind, _sep, number = value[len(prefix):].partition("/") if value.startswith(prefix) else ("", "", "")
    if kind not in KIND_TYPES or not number.isdigit() or len(number) > 18:
        raise OaiError(_("There is no record %(identifier)s in this repository."), code=ID_DOES_NOT_EXIST,
                       params={"identifier": value})
    return kind, int(number)


def snapshot():
    """The highest change id now: a list started now shows the catalogue as of this change."""
    return ChangeEvent.objects.aggregate(top=Max("id"))["top"] or 0


def earliest_datestamp():
    """The oldest datestamp a record can have (None while the change log is empty)."""
    return (ChangeEvent.objects.filter(object_type__in=OBJECT_TYPES).order_by("created_at")
            .values_list("created_at", flat=True).first())


def latest_events(top, dates, membership=None):
    """Events that are their object's latest change among ids <= `top`, within `dates` and the set filter."""
    later = ChangeEvent.objects.filter(object_type=OuterRef("object_type"), object_id=OuterRef("object_id"),
                                       id__gt=OuterRef("id"), id__lte=top)
    events = ChangeEvent.objects.filter(object_type__in=OBJECT_TYPES, id__lte=top).filter(~Exists(later))
    if dates.start is not None:
        events = events.filter(created_at__gte=dates.start)
    if dates.end is not None:
        events = events.filter(created_at__lt=dates.end)
    if membership is not None:
        events = events.filter(membership)
    return events


def events_after(events, after, limit):
    return list(events.filter(id__gt=after).order_by("id").values_list(*EVENT_FIELDS)[:limit])


def _public(kind):
    """Public pages of a kind, with the topics their sets need (the record itself comes from the bulk mapping)."""
    pages = public_resources() if kind == RESOURCE else public_courses()
    return pages.prefetch_related(None).prefetch_related("topics")


def _public_pages(wanted, with_metadata):
    """{(kind, pk): (path, topic ids, page or None, AMB record or None)} of the public pages among `wanted`.

    `wanted` is {kind: [pk]}. Records come from the bulk mapping, a few queries for the whole list.
    """
    found = {}
    if with_metadata:
        vocabularies = Vocabularies()
        for kind, pks in wanted.items():
            pages = list(_public(kind).filter(pk__in=pks))
            records = amb_records_by_id([page.pk for page in pages], kind=kind, vocabularies=vocabularies)
            for page in pages:
                found[(kind, page.pk)] = (page.path, tuple(t.pk for t in page.topics.all()), page, records[page.pk])
        return found
    # Headers only: no page objects, just the path (for the centre) and the topics (for the sets).
    pks = [pk for pks in wanted.values() for pk in pks]
    paths = dict(public_pages().filter(pk__in=pks).values_list("pk", "path"))
    for kind, kind_pks in wanted.items():
        model = ResourcePage if kind == RESOURCE else CoursePage
        column = f"{model._meta.model_name}_id"
        topics = defaultdict(list)
        for pk, topic_id in model.topics.through.objects.filter(**{f"{column}__in": kind_pks}).values_list(
                column, "topic_id"):
            topics[pk].append(topic_id)
        for pk in kind_pks:
            if pk in paths:
                found[(kind, pk)] = (paths[pk], tuple(topics[pk]), None, None)
    return found


def items_for(events, *, with_metadata):
    """Items for rows of `events_after`, in the same order, with pages, topics and centres loaded in bulk."""
    wanted = defaultdict(list)
    for _id, object_type, object_id, _at in events:
        wanted[OBJECT_TYPES[object_type]].append(object_id)
    found = _public_pages(wanted, with_metadata)
    parents = {path[:-Page.steplen] for path, *_rest in found.values()}
    centres = {centre.path: centre for centre in CentrePage.objects.filter(path__in=parents)} if parents else {}
    items = []
    for _id, object_type, object_id, created_at in events:
        kind = OBJECT_TYPES[object_type]
        item = Item(kind, object_id, created_at)
        if (kind, object_id) in found:
            path, topic_ids, page, amb = found[(kind, object_id)]
            item.public, item.page, item.topic_ids, item.amb = True, page, topic_ids, amb
            item.centre = centres.get(path[:-Page.steplen])
        items.append(item)
    return items


def find(kind, pk, *, with_metadata=True):
    """The Item of one record (GetRecord, ListMetadataFormats); idDoesNotExist if it was never public."""
    event = (ChangeEvent.objects.filter(object_type=KIND_TYPES[kind], object_id=pk).order_by("-id")
             .values_list(*EVENT_FIELDS).first())
    if event is not None:
        return items_for([event], with_metadata=with_metadata)[0]
    # Pages published before the change log existed were backfilled into it; this is a safety net.
    published_at = _public(kind).filter(pk=pk).values_list("last_published_at", flat=True).first()
    if published_at is None:
        raise OaiError(_("There is no record %(identifier)s in this repository."), code=ID_DOES_NOT_EXIST,
                       params={"identifier": identifier(kind, pk)})
    return items_for([(0, KIND_TYPES[kind], pk, published_at)], with_metadata=with_metadata)[0]
