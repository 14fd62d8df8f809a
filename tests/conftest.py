"""Configures the test run once: database access helpers and common catalogue fixtures."""
import pytest
from django.core.cache import cache
from django.db import connection

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


@pytest.fixture
def make_key(db):
    """Issue an API key through api.keys: make_key(owner, "read,write", acts_as=user) -> raw key."""
    from api.keys import create_key

    def make(owner, scopes="read,sync,write", acts_as=None, **fields):
        _key, raw = create_key(owner=owner, name=fields.pop("name", "Khóa thử"), scopes=scopes, acts_as=acts_as,
                               **fields)
        return raw
    return make


@pytest.fixture
def amb_resource(db):
    """A complete, publishable AMB resource record (a dict); pass fields to change, None to drop one."""
    from catalog.models import Topic

    def make(ident="https://doitac.example.edu.vn/oer/1", **fields):
        record = {
            "@context": ["https://w3id.org/kim/amb/context.jsonld", {"@language": "vi"}],
            "id": ident, "type": ["LearningResource"],
            "name": "Trồng lúa theo mùa vụ", "description": "Lịch thời vụ và kỹ thuật gieo mạ cho nông dân.",
            "license": {"id": "https://creativecommons.org/licenses/by/4.0/"},
            "learningResourceType": [{"id": "https://w3id.org/kim/hcrt/video"}],
            "about": [{"id": Topic.objects.get(slug="cgcn-nong-nghiep").uri}], "inLanguage": ["vi"],
            "keywords": ["lúa", "mùa vụ"], "creator": [{"type": "Person", "name": "Phạm Văn Hùng"}],
        }
        record.update(fields)
        return {key: value for key, value in record.items() if value is not None}
    return make


class _WebhookReceiver:
    """A real HTTP server on 127.0.0.1 that records every request and answers as told.

    `answers` is a list consumed one per request: an HTTP status (int) or "hang" (wait until
    `release()`, then 200); when empty, 200. `requests` holds (path, headers, body bytes).
    """

    def __init__(self):
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        receiver = self
        self.requests, self.answers = [], []
        self.released, self.arrived = threading.Event(), threading.Semaphore(0)

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                receiver.requests.append((self.path, dict(self.headers), body))
                answer = receiver.answers.pop(0) if receiver.answers else 200
                receiver.arrived.release()
                if answer == "hang":
                    receiver.released.wait(30)
                    answer = 200
                self.send_response(answer)
                self.send_header("Content-Type", "text/plain; charset=utf-8")
                self.end_headers()
                self.wfile.write(f"answer {answer}".encode())

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks/oer?src=hub"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def release(self):
        self.released.set()

    def wait_for_request(self, timeout=10):
        return self.arrived.acquire(timeout=timeout)

    def close(self):
        self.release()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def webhook_receiver():
    """A live webhook receiver on 127.0.0.1 (see `_WebhookReceiver`), and the background sender stopped afterwards."""
    from api.webhooks import background

    receiver = _WebhookReceiver()
    yield receiver
    receiver.release()
    background.stop()
    receiver.close()


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgresql` (concurrent writers) are deselected on SQLite, not skipped: `make test`
    runs them in its PostgreSQL pass, and a direct SQLite run says how to run them."""
    if connection.vendor == "postgresql":
        return
    needs_server = [item for item in items if item.get_closest_marker("postgresql")]
    if needs_server:
        config.hook.pytest_deselected(items=needs_server)
        items[:] = [item for item in items if not item.get_closest_marker("postgresql")]
        config._oerhub_postgresql_only = len(needs_server)


def pytest_terminal_summary(terminalreporter, config):
    count = getattr(config, "_oerhub_postgresql_only", 0)
    if count:
        terminalreporter.write_line(
            f"{count} test(s) marked 'postgresql' were deselected on SQLite; run them with "
            "DATABASE_URL=postgres://postgres@127.0.0.1:5432/oerhub (make test does).")
