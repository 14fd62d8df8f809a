"""Configures the test run once: database access helpers and common catalogue fixtures."""
import pytest
from django.core.cache import cache

from tests.factories import CentreFactory, make_member, resource_data


@pytest.fixture
def centre(db):
    return CentreFactory(title="Trung tâm GDTX Ba Vì")


@pytest.fixture
def other_centre(db):
    return CentreFactory(title="Trung tâm học tập cộng đồng xã Tản Lĩnh", centre_type="tthtcd")


@pytest.fixture
def teacher(centre):
    return make_member(centre, "teacher", username="giaovien")


@pytest.fixture
def moderator(centre):
    return make_member(centre, "moderator", username="kiemduyet")


@pytest.fixture
def other_teacher(other_centre):
    return make_member(other_centre, "teacher", username="giaovien2")


@pytest.fixture
def database_search(settings, db):
    """The embedded default search backend; a fresh instance and an empty result cache per test."""
    from search.backends import get_search_backend, reset_backends

    settings.SEARCH_BACKEND = "database"
    reset_backends()
    cache.clear()
    yield get_search_backend()
    reset_backends()


@pytest.fixture
def publish(centre, moderator, database_search, django_capture_on_commit_callbacks):
    """Publish a resource in `centre` as its moderator; the outbox drains into the index after commit."""
    from catalog import services
    from search.outbox import drain

    def make(**fields):
        with django_capture_on_commit_callbacks(execute=True):
            page = services.create_resource(moderator, centre, resource_data(**fields), publish=True)
        drain()  # whatever the after-commit drain left (tests/search/test_indexing.py tests that path)
        return page
    return make
