"""Route of the OAI-PMH endpoint (included at /oai by oer_hub.urls)."""
from django.urls import path

from .views import endpoint

app_name = "oai"
urlpatterns = [path("", endpoint, name="endpoint")]
