"""URLs of the REST API, mounted at /api/v1/ by oer_hub/urls.py; unknown paths below it get a JSON 404."""
from django.urls import path, re_path

from .views import NotFoundView
from .views import bulk, centres, courses, resource_writes, taxonomy
from .views.search import SearchView, SuggestView
from .views import changes, webhooks

app_name = "api"

urlpatterns = [
    path("search/", SearchView.as_view(), name="search"),
    path("search/suggest/", SuggestView.as_view(), name="search-suggest"),
    # The catalogue, read side (api/views/catalogue.py): only what a learner may see.
    # Same URLs for reading and writing: the write views (api/views/resource_writes.py) subclass the read ones.
    path("resources/", resource_writes.ResourceListWriteView.as_view(), name="resource-list"),
    path("resources/bulk/", bulk.BulkIngestView.as_view(), name="resource-bulk"),
    path("resources/<int:pk>/", resource_writes.ResourceDetailWriteView.as_view(), name="resource-detail"),
    path("courses/", courses.CourseListView.as_view(), name="course-list"),
    path("courses/<int:pk>/", courses.CourseDetailView.as_view(), name="course-detail"),
    path("collections/", courses.CollectionListView.as_view(), name="collection-list"),
    path("collections/<int:pk>/", courses.CollectionDetailView.as_view(), name="collection-detail"),
    path("centres/", centres.CentreListView.as_view(), name="centre-list"),
    path("centres/<int:pk>/", centres.CentreDetailView.as_view(), name="centre-detail"),
    path("topics/", taxonomy.TopicTreeView.as_view(), name="topic-list"),
    path("topics/<slug:value>/", taxonomy.TopicDetailView.as_view(), name="topic-detail"),
    path("resource-types/", taxonomy.ResourceTypeListView.as_view(), name="resource-type-list"),
    path("audiences/", taxonomy.AudienceListView.as_view(), name="audience-list"),
    path("levels/", taxonomy.LevelListView.as_view(), name="level-list"),
    path("languages/", taxonomy.LanguageListView.as_view(), name="language-list"),
    path("licences/", taxonomy.LicenceListView.as_view(), name="licence-list"),
    # Licence slugs have dots (cc-by-4.0).
    re_path(r"^licences/(?P<value>[-\w.]+)/$", taxonomy.LicenceDetailView.as_view(), name="licence-detail"),
    # Partner sync: the change feed and webhooks (api/changes.py, api/webhooks.py, docs/partners.md).
    path("changes/", changes.ChangesView.as_view(), name="changes"),
    path("webhooks/", webhooks.WebhookListView.as_view(), name="webhook-list"),
    path("webhooks/<int:pk>/", webhooks.WebhookDetailView.as_view(), name="webhook-detail"),
    path("webhooks/<int:pk>/deliveries/", webhooks.WebhookDeliveriesView.as_view(), name="webhook-deliveries"),
    path("webhooks/<int:pk>/ping/", webhooks.WebhookPingView.as_view(), name="webhook-ping"),
    # Last: anything else under /api/v1/ is a JSON 404, not the site's HTML page. Only paths
    # ending in "/", so CommonMiddleware still redirects "search" to "search/" (APPEND_SLASH).
    re_path(r"^(?:.*/)?$", NotFoundView.as_view(), name="not-found"),
]
