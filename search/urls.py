"""URL of the public search page, mounted at /tim-kiem/ (before Wagtail's page tree) by oer_hub/urls.py."""
from django.urls import path

from . import views

app_name = "search"

urlpatterns = [
    path("", views.search_page, name="page"),
]
