"""Catalogue changes reach the search index after commit, and nothing is lost while the engine is down."""
import socket
from io import StringIO

from django.core.management import call_command
from osmem_server import OsmemServer

from catalog import services
from catalog.models import OutboxEvent, Province
from search.backends import reset_backends
from search.outbox import drain
from search.query import SearchQuery
from tests.factories import resource_data





def found(backend, text, **filters):
    return backend.search(SearchQuery.from_params({"q": text, **filters})).ids


def test_publishing_indexes_after_commit_and_unpublishing_removes(database_search, centre, moderator,
                                                                   django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = services.create_resource(moderator, centre, resource_data(title="Phòng chống đuối nước"), publish=True)
    assert found(database_search, "duoi nuoc") == [page.pk]
    assert not OutboxEvent.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.unpublish(moderator, page)
    assert found(database_search, "duoi nuoc") == []
    assert not OutboxEvent.objects.exists()


def test_drafts_are_never_indexed(database_search, centre, teacher, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.create_resource(teacher, centre, resource_data(title="Bản nháp bí mật"))
    assert found(database_search, "ban nhap") == []


def test_nothing_is_drained_before_commit_and_everything_after(database_search, centre, moderator,
                                                               django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        one = services.create_resource(moderator, centre, resource_data(title="Bài một"), publish=True)
        two = services.create_resource(moderator, centre, resource_data(title="Bài hai"), publish=True)
        assert database_search.count() == 0 and OutboxEvent.objects.filter(object_type="resourcepage").count() == 2
    assert sorted(found(database_search, "bai")) == sorted([one.pk, two.pk])
    assert not OutboxEvent.objects.exists()


def test_moving_a_centre_to_another_province_reindexes_its_resources(database_search, centre, moderator,
                                                                   django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = services.create_resource(moderator, centre, resource_data(), publish=True)
    assert found(database_search, "", province="01") == [page.pk]
    centre.province = Province.objects.get(code="79")
    with django_capture_on_commit_callbacks(execute=True):
        centre.save_revision().publish()
    assert found(database_search, "", province="79") == [page.pk]
    assert found(database_search, "", province="01") == []


def test_rebuild_command_indexes_the_published_catalogue(database_search, centre, moderator, teacher):
    published = services.create_resource(moderator, centre, resource_data(title="Đã xuất bản"), publish=True)
    services.create_resource(teacher, centre, resource_data(title="Bản nháp"))
    out = StringIO()
    call_command("rebuild_search_index", "--no-progress", stdout=out)
    assert database_search.count() == 1
    assert found(database_search, "xuat ban") == [published.pk]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_engine_down_keeps_changes_queued_and_catches_up(settings, centre, moderator, django_capture_on_commit_callbacks):
    """Stop the search server mid-test: publishing still succeeds; once it is back, nothing is missing."""
    address = f"127.0.0.1:{free_port()}"
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.SEARCH_INDEX_PREFIX = "down"
    server = OsmemServer.start(addr=address)
    settings.ELASTICSEARCH_URL = server.url
    reset_backends()
    try:
        from search.backends.elasticsearch import ElasticsearchSearchBackend

        backend = ElasticsearchSearchBackend(test_transport=True)
        with django_capture_on_commit_callbacks(execute=True):
            first = services.create_resource(moderator, centre, resource_data(title="Trồng lúa"), publish=True)
        drain(backend)
        assert found(backend, "trong lua") == [first.pk]

        server.close()
        with django_capture_on_commit_callbacks(execute=True):
            second = services.create_resource(moderator, centre, resource_data(title="Nuôi cá lồng"), publish=True)
        assert second.live
        report = drain(backend)
        assert report.error and OutboxEvent.objects.filter(object_id=second.pk).exists()

        server = OsmemServer.start(addr=address)
        call_command("rebuild_search_index", "--no-progress", stdout=StringIO())  # the new server starts empty
        report = drain(backend)
        assert not report.error and not OutboxEvent.objects.exists()
        assert found(backend, "nuoi ca") == [second.pk]
        assert found(backend, "trong lua") == [first.pk]
    finally:
        server.close()
        reset_backends()
