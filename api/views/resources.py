"""`/api/v1/resources/`: public learning resources, listed with the search facets as filters, or one by id.

Write methods (create, update, retire) belong on the same URLs (`api:resource-list`,
`api:resource-detail`): subclass these views, add `post`/`patch`/`delete` and their
permissions, and point the routes at the subclasses.
"""
from catalog.exporting import RESOURCE_PREFETCH
from catalog.queries import public_resources

from ..serializers.resources import ResourcePageSerializer, ResourceSerializer, resource_payload, resource_payloads
from .catalogue import AmbMixin, PageDetailView, PageListView, documented

RESOURCE_FACETS = ("topic", "type", "audience", "level", "language", "licence", "remix", "centre", "province", "h5p")


def resources():
    """Public resources with what the JSON and the AMB record read, in a fixed number of queries."""
    return (public_resources().select_related("based_on__licence")
            .prefetch_related(*RESOURCE_PREFETCH, "files__document"))


@documented("resources_list", "List public resources", "resources",
            "Ordered by id, oldest first. Filters use the facet names and values of `/api/v1/search/`: "
            "AND across parameters, OR within one (repeat it or separate values with commas). "
            "`source_id` finds the resource a partner knows by its record id. With "
            "`Accept: application/ld+json` the body is a JSON array of AMB records, and paging "
            "links are in the `Link` header only.")
class ResourceListView(AmbMixin, PageListView):
    facets = RESOURCE_FACETS
    by_source_id = True
    serializer_class = ResourcePageSerializer
    get_queryset = staticmethod(resources)
    payloads = staticmethod(resource_payloads)


@documented("resources_retrieve", "One public resource", "resources",
            "With `Accept: application/ld+json`, its AMB record (the same as `export_resources` writes).")
class ResourceDetailView(AmbMixin, PageDetailView):
    what = "resource"
    serializer_class = ResourceSerializer
    get_queryset = staticmethod(resources)
    payload = staticmethod(resource_payload)
