"""Response shapes of the API; each module documents one group of endpoints for drf-spectacular."""
from .search import (  # noqa: F401
    ErrorSerializer,
    SearchResponseSerializer,
    SuggestResponseSerializer,
    search_payload,
)
