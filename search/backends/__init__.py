"""Chooses the search backend from settings (`SEARCH_BACKEND`), like modelsearch's `get_search_backend`."""
from django.conf import settings
from django.utils.module_loading import import_string

BACKENDS = {
    "database": "search.backends.database.DatabaseSearchBackend",
    "elasticsearch": "search.backends.elasticsearch.ElasticsearchSearchBackend",
}
_instances = {}


def get_search_backend(name=None):
    """The configured backend (one instance per process and name)."""
    name = name or settings.SEARCH_BACKEND
    if name not in _instances:
        _instances[name] = import_string(BACKENDS[name])()
    return _instances[name]


def reset_backends():
    """Forget cached instances (tests that change settings call this)."""
    _instances.clear()
