"""`/api/v1/courses/` (short courses with their modules and lessons) and `/api/v1/collections/` (curated sets)."""
from functools import partial

from catalog.exporting import COURSE_PREFETCH
from catalog.queries import public_collections, public_courses

from ..serializers.courses import (
    CollectionDetailSerializer,
    CollectionPageSerializer,
    CourseDetailSerializer,
    CoursePageSerializer,
    collection_payload,
    collection_payloads,
    course_payload,
    course_payloads,
)
from .catalogue import AmbMixin, PageDetailView, PageListView, documented


def courses():
    return public_courses().prefetch_related(*COURSE_PREFETCH)


def collections():
    return public_collections().prefetch_related("topics")


def collections_with_items():
    return collections().prefetch_related("items")


@documented("courses_list", "List public short courses", "courses",
            "Ordered by id, oldest first; without their modules (ask for one course for those). Filters as for "
            "resources. With `Accept: application/ld+json`, a JSON array of AMB course records (modules as "
            "`hasPart`), paging links in the `Link` header.")
class CourseListView(AmbMixin, PageListView):
    facets = ("topic", "audience", "level", "language", "licence", "remix", "centre", "province")
    by_source_id = True
    serializer_class = CoursePageSerializer
    get_queryset = staticmethod(courses)
    payloads = staticmethod(course_payloads)


@documented("courses_retrieve", "One public course with its modules and lessons", "courses",
            "Modules and lessons in course order; a lesson whose resource is not public keeps its place with "
            "`resource: null`.")
class CourseDetailView(AmbMixin, PageDetailView):
    what = "course"
    serializer_class = CourseDetailSerializer
    embeds_pages = True
    get_queryset = staticmethod(courses)
    payload = staticmethod(partial(course_payload, detail=True))


@documented("collections_list", "List public collections", "collections",
            "Curated sets of resources and courses, ordered by id, without their items.")
class CollectionListView(PageListView):
    facets = ("topic", "centre", "province")
    serializer_class = CollectionPageSerializer
    get_queryset = staticmethod(collections)
    payloads = staticmethod(collection_payloads)


@documented("collections_retrieve", "One public collection with its items", "collections",
            "Items in the curator's order; an item that is not public keeps its place with `page: null`.")
class CollectionDetailView(PageDetailView):
    what = "collection"
    serializer_class = CollectionDetailSerializer
    embeds_pages = True
    get_queryset = staticmethod(collections_with_items)
    payload = staticmethod(partial(collection_payload, detail=True))
