"""The JSON of `/api/v1/courses/` (with ordered modules and lessons) and `/api/v1/collections/` (with ordered items).

A lesson or item that points at a page learners cannot see (a draft, an unpublished or
deleted page) keeps its place and title, with `resource`/`page` null, so numbering stays
as the author made it without revealing anything unpublished.
"""
from decimal import Decimal, InvalidOperation

from rest_framework import serializers

from catalog.models import CoursePage, ResourcePage
from catalog.queries import public_pages, public_url, with_centres

from .resources import ClassifiedSerializer, PublicationSerializer, classification, paged, publication
from .taxonomy import TermRefSerializer, term_ref

HOURS = {"max_digits": 6, "decimal_places": 1, "coerce_to_string": False, "allow_null": True}


class PageRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=["resource", "course"])
    source_id = serializers.CharField()
    name = serializers.CharField()
    url = serializers.CharField()


class LessonSerializer(serializers.Serializer):
    title = serializers.CharField(allow_blank=True)
    hours = serializers.DecimalField(**HOURS)
    resource = PageRefSerializer(allow_null=True, help_text="Null when the resource is not public.")


class ModuleSerializer(serializers.Serializer):
    title = serializers.CharField(allow_blank=True)
    summary = serializers.CharField(allow_blank=True)
    lessons = LessonSerializer(many=True)


class CourseSerializer(ClassifiedSerializer):
    hours = serializers.DecimalField(**HOURS, help_text="Expected study time in hours.")
    completion_criteria = serializers.CharField(allow_blank=True)


class CourseDetailSerializer(CourseSerializer):
    modules = ModuleSerializer(many=True, help_text="In course order.")


class CollectionItemSerializer(serializers.Serializer):
    note = serializers.CharField(allow_blank=True, help_text="The curator's note.")
    page = PageRefSerializer(allow_null=True, help_text="Null when the page is not public.")


class CollectionSerializer(PublicationSerializer):
    topics = TermRefSerializer(many=True)


class CollectionDetailSerializer(CollectionSerializer):
    items = CollectionItemSerializer(many=True, help_text="In the curator's order.")


CoursePageSerializer = paged(CourseSerializer, "CoursePageSerializer")
CollectionPageSerializer = paged(CollectionSerializer, "CollectionPageSerializer")


def page_ref(page):
    return {"id": page.pk, "kind": "course" if isinstance(page, CoursePage) else "resource",
            "source_id": page.source_id, "name": page.title, "url": public_url(page)}


def _public_refs(ids):
    """Id -> reference of the public resources and courses among `ids` (a query per page type)."""
    pages = public_pages().filter(pk__in=set(ids)).specific()
    return {page.pk: page_ref(page) for page in pages if isinstance(page, (ResourcePage, CoursePage))}


def _hours(raw):
    try:
        return Decimal(str(raw)) if raw not in (None, "") else None
    except InvalidOperation:
        return None


def _items(list_value):
    # ListBlock data is stored as [{"type": "item", "value": ..., "id": ...}] (older data: bare values).
    return [item["value"] if isinstance(item, dict) and item.get("type") == "item" else item
            for item in list_value or []]


def _modules(page):
    """The modules of a course from its stored data, with one query for all lesson resources."""
    modules = [block["value"] for block in page.modules.raw_data if block.get("type") == "module"]
    lessons = [lesson for module in modules for lesson in _items(module.get("lessons"))]
    refs = _public_refs(lesson.get("resource") for lesson in lessons if isinstance(lesson.get("resource"), int))
    return [{
        "title": module.get("title") or "",
        "summary": module.get("summary") or "",
        "lessons": [{"title": lesson.get("title") or "", "hours": _hours(lesson.get("hours")),
                     "resource": refs.get(lesson.get("resource"))} for lesson in _items(module.get("lessons"))],
    } for module in modules]


def course_payload(page, centre, *, detail=False):
    payload = {
        **publication(page, centre),
        **classification(page),
        "hours": page.hours,
        "completion_criteria": page.completion_criteria,
    }
    if detail:
        payload["modules"] = _modules(page)
    return payload


def course_payloads(pages):
    return [course_payload(card["page"], card["centre"]) for card in with_centres(pages)]


def collection_payload(page, centre, *, detail=False):
    payload = {**publication(page, centre), "topics": [term_ref(t) for t in page.topics.all()]}
    if detail:
        items = list(page.items.all())
        refs = _public_refs(item.item_id for item in items)
        payload["items"] = [{"note": item.note, "page": refs.get(item.item_id)} for item in items]
    return payload


def collection_payloads(pages):
    return [collection_payload(card["page"], card["centre"]) for card in with_centres(pages)]
