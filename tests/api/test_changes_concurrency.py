"""Two writers at once on PostgreSQL: a reader following the feed must never skip a change.

Without the change-log lock, transaction A could take id 10, B id 11, B commit first, and a
reader that saw 11 would move its cursor past 10 for ever. Here A records and stays open,
B starts its write, the reader reads; then A commits, then B. The reader must see A, then B,
with increasing cursors, and no id below the cursor it already holds.
"""
import threading

import pytest
from django.db import connection, transaction

from catalog import services
from catalog.models import ChangeEvent
from tests.factories import CentreFactory, make_member, resource_data

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

URL = "/api/v1/changes/"


class Writer(threading.Thread):
    """Publishes `page` in its own transaction, then holds it open until `commit` is set."""

    def __init__(self, moderator, page):
        super().__init__(daemon=True)
        self.moderator, self.page = moderator, page
        self.recorded, self.commit, self.error = threading.Event(), threading.Event(), None

    def run(self):
        try:
            with transaction.atomic():
                services.publish(self.moderator, self.page)
                self.recorded.set()
                self.commit.wait(30)
        except Exception as exc:  # noqa: BLE001 - reported by the test
            self.error = exc
        finally:
            self.recorded.set()
            connection.close()


def read(client, since):
    body = client.get(URL, {"since": since, "limit": 1000}).json()
    return [item["id"] for item in body["results"]], body["next_cursor"]


def test_a_reader_never_skips_a_change_committed_late(client):
    centre = CentreFactory(title="Trung tâm GDTX Đông Anh")
    moderator = make_member(centre, "moderator", username="kiemduyet-da")
    first = services.create_resource(moderator, centre, resource_data(title="Giao dịch A"))
    second = services.create_resource(moderator, centre, resource_data(title="Giao dịch B"))
    _ids, cursor = read(client, "")

    a, b = Writer(moderator, first), Writer(moderator, second)
    a.start()
    assert a.recorded.wait(10) and a.error is None
    b.start()
    # B waits for the change-log lock A holds: it cannot take an id, let alone commit, before A ends.
    b.join(timeout=1)
    assert b.is_alive() and not b.recorded.is_set()
    assert read(client, cursor)[0] == []

    a.commit.set()
    a.join(10)
    assert b.recorded.wait(10) and b.error is None
    seen, cursor_after_a = read(client, cursor)
    assert seen == [first.pk]  # B is recorded but not committed: not visible yet

    b.commit.set()
    b.join(10)
    assert b.error is None
    later, _cursor = read(client, cursor_after_a)
    assert later == [second.pk]
    ids = list(ChangeEvent.objects.filter(object_id__in=[first.pk, second.pk]).order_by("id")
               .values_list("object_id", flat=True))
    assert ids == [first.pk, second.pk]
