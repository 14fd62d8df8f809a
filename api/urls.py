"""URLs of the REST API, mounted at /api/v1/ by oer_hub/urls.py; unknown paths below it get a JSON 404."""
from django.urls import path, re_path

from .views import NotFoundView
from .views.search import SearchView, SuggestView

app_name = "api"

urlpatterns = [
    path("search/", SearchView.as_view(), name="search"),
    path("search/suggest/", SuggestView.as_view(), name="search-suggest"),
    # Last: anything else under /api/v1/ is a JSON 404, not the site's HTML page. Only paths
    # ending in "/", so CommonMiddleware still redirects "search" to "search/" (APPEND_SLASH).
    re_path(r"^(?:.*/)?$", NotFoundView.as_view(), name="not-found"),
]
