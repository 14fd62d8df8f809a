"""The change feed: public changes after a cursor, in commit order, with each object's current record.

WARNING: partners depend on this format (docs/partners.md). Cursors, item keys, actions and
types are a contract: add keys only; change anything else only with a new cursor version.

Each `catalog.ChangeEvent` becomes one item. An upsert carries the object's record *as it
is now* (AMB for resources and courses, see `catalog.metadata.to_amb`), so replaying the
feed always converges on the current catalogue. An upsert whose object is no longer public
when the feed is read (unpublished, deleted, made private since) is shown as a tombstone
(`"action": "delete"`): the object was public when the event was recorded, so nothing
private leaks, and the consumer drops what the catalogue no longer shows. Reading costs one
range query on the event ids plus a few bulk queries per object type: proportional to the
events returned, never to the size of the catalogue.
"""
import base64
import binascii
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from catalog.metadata import COURSE, RESOURCE
from catalog.metadata.bulk import CHUNK_SIZE, amb_records_by_id
from catalog.models import CentrePage, ChangeEvent, CollectionPage, CoursePage, ResourcePage
from catalog.queries import public_url
from core.errors import ValidationFailed

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
CURSOR_VERSION = "1"
UPSERT, DELETE = ChangeEvent.UPSERT, ChangeEvent.DELETE

# ChangeEvent.object_type (a model name) → the feed's `type`, and the pages to fetch for it.
TYPES = {
    "resourcepage": "resource",
    "coursepage": "course",
    "collectionpage": "collection",
    "centrepage": "centre",
}
SCHEMA_ORG = "https://schema.org/"


class InvalidCursor(ValidationFailed):
    code = "invalid_cursor"

    def __init__(self):
        super().__init__(
            _("The cursor is not valid. Use a `cursor` or `next_cursor` from an earlier response as it is, "
              "or leave `since` out to start from the beginning."),
            field="since")


def encode_cursor(change_id):
    """The opaque cursor of change `change_id` (0: before the first change)."""
    raw = f"{CURSOR_VERSION}:{int(change_id)}".encode("ascii")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor):
    """The change id a cursor stands for; None or "" is the beginning (0). Raises `InvalidCursor`."""
    if cursor is None or cursor == "":
        return 0
    if not cursor.isascii() or len(cursor) > 40:
        raise InvalidCursor()
    try:
        raw = base64.b64decode(cursor + "=" * (-len(cursor) % 4), altchars=b"-_", validate=True).decode("ascii")
    except (binascii.Error, ValueError):
        raise InvalidCursor() from None
    version, _sep, number = raw.partition(":")
    if version != CURSOR_VERSION or not number.isdigit() or len(number) > 18:
        raise InvalidCursor()
    return int(number)


def parse_limit(value):
    """The page size asked for: 1 to 1,000, 100 when absent. Raises `ValidationFailed`."""
    if value is None or value == "":
        return DEFAULT_LIMIT
    text = str(value).strip()
    if not text.isdigit() or not 1 <= int(text) <= MAX_LIMIT:
        raise ValidationFailed(_("`limit` must be a whole number from 1 to %(max)s."),
                               params={"max": MAX_LIMIT}, code="invalid_limit", field="limit")
    return int(text)


@dataclass
class ChangePage:
    items: list = field(default_factory=list)
    next_cursor: str = ""
    has_more: bool = False


def read_changes(since=None, limit=DEFAULT_LIMIT):
    """The page of the feed after cursor `since` (validated here) with at most `limit` items."""
    after = decode_cursor(since)
    events = list(ChangeEvent.objects.filter(id__gt=after).order_by("id")[: limit + 1])
    has_more = len(events) > limit
    events = events[:limit]
    next_cursor = encode_cursor(events[-1].id) if events else encode_cursor(after)
    return ChangePage(items=items_for(events), next_cursor=next_cursor, has_more=has_more)


def items_for(events):
    """Feed items (plain dicts) for `ChangeEvent`s, in the order given."""
    wanted = {}
    for event in events:
        if event.action == UPSERT and event.object_type in TYPES:
            wanted.setdefault(event.object_type, set()).add(event.object_id)
    current = public_objects(wanted)
    return [_item(event, current.get((event.object_type, event.object_id))) for event in events]


def _item(event, found):
    item = {
        "cursor": encode_cursor(event.id),
        "action": event.action,
        "type": TYPES.get(event.object_type, event.object_type),
        "id": event.object_id,
        "source_id": event.source_id,
        "changed_at": event.created_at,
        "url": None,
        "api_url": None,
        "record": None,
    }
    if event.action == UPSERT and found is not None:
        page, record = found
        item.update(url=public_url(page), api_url=_api_url(item["type"], page.pk), record=record)
    else:
        # A tombstone, or an upsert of an object that is not public any more (see the module docstring).
        item["action"] = DELETE
    return item


def _api_url(kind, pk):
    """The object's address in the read API, when that API has a detail route for its type."""
    try:
        return settings.SITE_BASE_URL.rstrip("/") + reverse(f"api:{kind}-detail", kwargs={"pk": pk})
    except NoReverseMatch:
        return None


def public_objects(wanted):
    """{(object_type, page id): (page, record)} of the pages in `wanted` that are public now."""
    found = {}
    for object_type, kind in (("resourcepage", RESOURCE), ("coursepage", COURSE)):
        if wanted.get(object_type):
            # Plain pages (for the public URL) of those still public; records mapped in bulk, equal to to_amb.
            pages = list(Page.objects.live().public().filter(pk__in=wanted[object_type]))
            records = {}
            for start in range(0, len(pages), CHUNK_SIZE):
                chunk = [page.pk for page in pages[start:start + CHUNK_SIZE]]
                records.update(amb_records_by_id(chunk, kind=kind))
            found.update({(object_type, page.pk): (page, records[page.pk]) for page in pages if page.pk in records})
    if wanted.get("collectionpage"):
        pages = list(CollectionPage.objects.live().public().filter(pk__in=wanted["collectionpage"])
                     .prefetch_related("topics", "items__item"))
        ids = _record_ids({entry.item_id for page in pages for entry in page.items.all()})
        found.update({("collectionpage", page.pk): (page, collection_record(page, ids)) for page in pages})
    if wanted.get("centrepage"):
        pages = (CentrePage.objects.live().public().filter(pk__in=wanted["centrepage"])
                 .select_related("province", "district"))
        found.update({("centrepage", page.pk): (page, centre_record(page)) for page in pages})
    return found


def _record_ids(page_ids):
    """{page id: AMB record id} of the live resources and courses among `page_ids` (two queries)."""
    ids = {}
    for model in (ResourcePage, CoursePage):
        ids.update(model.objects.live().filter(pk__in=page_ids).values_list("pk", "source_id") if page_ids else [])
    return ids


def collection_record(page, record_ids):
    """A schema.org Collection: its live resources and courses, named by their AMB record ids."""
    parts = []
    for entry in page.items.all():
        if entry.item_id in record_ids:
            part = {"id": record_ids[entry.item_id], "name": entry.item.title, "description": entry.note}
            parts.append({key: value for key, value in part.items() if value})
    topics = sorted(page.topics.all(), key=lambda t: (t.sort_order, t.name, t.pk))
    record = {
        "@context": SCHEMA_ORG, "id": public_url(page), "type": "Collection", "name": page.title,
        "description": page.summary, "about": [{"id": t.uri, "prefLabel": t.labels} for t in topics],
        "hasPart": parts,
    }
    return {key: value for key, value in record.items() if value not in ("", None, [])}


def centre_record(page):
    """A schema.org Organization for a centre; its `id` is the URI resources name in `sourceOrganization`."""
    address = {"addressRegion": page.province.name, "addressCountry": "VN"}
    if page.district is not None:
        address["addressLocality"] = page.district.name
    if page.address:
        address["streetAddress"] = page.address
    record = {
        "@context": SCHEMA_ORG, "id": page.uri, "type": "Organization", "name": page.title,
        "url": public_url(page), "sameAs": page.website, "email": page.email, "address": address,
        "additionalType": page.centre_type,
    }
    return {key: value for key, value in record.items() if value not in ("", None, [])}
