"""`/api/v1/centres/`: the public centres (cơ sở GDTX and partners) with their province and district."""
from catalog.queries import public_centres

from ..filters import CENTRE_FILTERS
from ..serializers.centres import CentrePageSerializer, CentreSerializer, centre_payload, centre_payloads
from .catalogue import PageDetailView, PageListView, documented


@documented("centres_list", "List public centres", "centres",
            "Ordered by id. `province` takes province codes, as in search.")
class CentreListView(PageListView):
    facets = ("province",)
    filters = CENTRE_FILTERS
    serializer_class = CentrePageSerializer
    get_queryset = staticmethod(public_centres)
    payloads = staticmethod(centre_payloads)


@documented("centres_retrieve", "One public centre", "centres",
            "Its resources: `/api/v1/resources/?centre={value}`.")
class CentreDetailView(PageDetailView):
    what = "centre"
    serializer_class = CentreSerializer
    get_queryset = staticmethod(public_centres)

    def payload(self, page, centre):
        return centre_payload(page)
