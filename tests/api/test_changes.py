"""The change feed as a partner sees it: records, tombstones, cursors, paging, refusals and its cost."""
import pytest
from django.db import transaction
from django.utils import translation

from api.changes import InvalidCursor, encode_cursor
from catalog import services
from catalog.metadata import to_amb
from catalog.models import ChangeEvent, ResourcePage
from catalog.queries import public_url
from tests.factories import resource_data

URL = "/api/v1/changes/"


def feed(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200, response.content
    return response.json()


def resource_items(body):
    return [item for item in body["results"] if item["type"] == "resource"]


def test_a_published_resource_is_an_upsert_with_its_amb_record(client, centre, moderator):
    page = services.create_resource(moderator, centre, resource_data(title="Bài 1: Chữ cái"), publish=True)
    body = feed(client)
    [item] = resource_items(body)
    page = ResourcePage.objects.get(pk=page.pk)
    assert item["action"] == "upsert"
    assert item["id"] == page.pk and item["source_id"] == page.source_id
    assert item["record"] == to_amb(page)
    assert item["record"]["name"] == "Bài 1: Chữ cái"
    assert item["url"] == public_url(page)
    assert item["api_url"].endswith(f"/api/v1/resources/{page.pk}/")
    assert item["changed_at"]
    assert body["next_cursor"] == body["results"][-1]["cursor"]
    assert body["has_more"] is False


def test_polling_with_next_cursor_returns_only_what_is_new(client, centre, moderator):
    services.create_resource(moderator, centre, resource_data(title="Bài 1"), publish=True)
    cursor = feed(client)["next_cursor"]
    again = feed(client, since=cursor)
    assert again == {"results": [], "next_cursor": cursor, "has_more": False}
    services.create_resource(moderator, centre, resource_data(title="Bài 2"), publish=True)
    new = feed(client, since=cursor)
    assert [item["record"]["name"] for item in new["results"]] == ["Bài 2"]
    assert new["next_cursor"] != cursor


def test_the_empty_feed_still_gives_a_cursor_to_poll_with(client, db):
    ChangeEvent.objects.all().delete()
    body = feed(client)
    assert body == {"results": [], "next_cursor": encode_cursor(0), "has_more": False}
    assert feed(client, since=body["next_cursor"])["results"] == []


def test_paging_with_limit_visits_every_change_once_in_order(client, centre, moderator):
    for n in range(5):
        services.create_resource(moderator, centre, resource_data(title=f"Bài {n}"), publish=True)
    expected = list(ChangeEvent.objects.order_by("id").values_list("id", flat=True))
    seen, cursor = [], None
    while True:
        body = feed(client, limit=2, **({"since": cursor} if cursor else {}))
        assert len(body["results"]) <= 2
        seen += [item["cursor"] for item in body["results"]]
        cursor = body["next_cursor"]
        if not body["has_more"]:
            break
    assert seen == [encode_cursor(pk) for pk in expected]


def test_unpublishing_leaves_a_tombstone_and_hides_the_earlier_record(client, centre, moderator):
    page = services.create_resource(moderator, centre, resource_data(title="Tài liệu sẽ gỡ"), publish=True)
    services.unpublish(moderator, page)
    items = [item for item in feed(client)["results"] if item["id"] == page.pk]
    # The upsert is shown as what it is now: withdrawn. Nothing of the page's content is served.
    assert [item["action"] for item in items] == ["delete", "delete"]
    assert all(item["record"] is None and item["url"] is None for item in items)
    assert "Tài liệu sẽ gỡ" not in feed(client).__repr__()
    assert items[-1]["source_id"] == page.source_id


def test_deleted_pages_keep_their_tombstone(client, centre, moderator):
    page = services.create_resource(moderator, centre, resource_data(), publish=True)
    pk, source_id = page.pk, page.source_id
    services.delete_page(moderator, page)
    items = [item for item in feed(client)["results"] if item["id"] == pk]
    assert items[-1] == {**items[-1], "action": "delete", "type": "resource", "source_id": source_id, "record": None}


def test_a_draft_edit_of_a_live_page_is_not_served(client, centre, moderator):
    page = services.create_resource(moderator, centre, resource_data(title="Bản đã xuất bản"), publish=True)
    services.update_resource(moderator, page, {"title": "Bản nháp bí mật"})
    [item] = resource_items(feed(client))
    assert item["record"]["name"] == "Bản đã xuất bản"
    assert "Bản nháp bí mật" not in str(feed(client))


def test_drafts_never_appear(client, centre, teacher):
    services.create_resource(teacher, centre, resource_data(title="Chỉ là bản nháp"))
    assert resource_items(feed(client)) == []


def test_centres_and_collections_have_records(client, centre, moderator):
    page = services.create_resource(moderator, centre, resource_data(), publish=True)
    collection = services.create_collection(moderator, centre, title="Tủ sách cùng học", items=[page], publish=True)
    body = feed(client, limit=1000)
    [centre_item] = [item for item in body["results"] if item["type"] == "centre" and item["id"] == centre.pk]
    assert centre_item["record"]["id"] == centre.uri
    assert centre_item["record"]["name"] == "Trung tâm GDTX Ba Vì"
    [collection_item] = [item for item in body["results"] if item["type"] == "collection"]
    assert collection_item["id"] == collection.pk
    assert collection_item["record"]["hasPart"] == [{"id": page.source_id, "name": page.title}]


@pytest.mark.parametrize("since", ["abc", "MTo", "x" * 50, "Mjox", "%%%", "MTotMQ", "đ"])
def test_a_malformed_cursor_is_a_400_in_both_languages(client, db, since):
    response = client.get(URL, {"since": since})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_cursor"
    with translation.override("vi"):  # Vietnamese by default (the words themselves: tests/test_translations.py)
        assert response.json()["detail"] == str(InvalidCursor())
    english = client.get(URL, {"since": since}, HTTP_ACCEPT_LANGUAGE="en")
    assert english.json() == {"code": "invalid_cursor", "detail": english.json()["detail"]}
    assert "cursor is not valid" in english.json()["detail"]


@pytest.mark.parametrize("limit", ["0", "1001", "abc", "-5", "2.5"])
def test_a_bad_limit_is_a_400(client, db, limit):
    response = client.get(URL, {"limit": limit}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_limit"
    assert "1000" in response.json()["detail"].replace(",", "")


def test_a_cursor_past_the_end_is_simply_empty(client, db):
    cursor = encode_cursor(10**12)
    assert feed(client, since=cursor) == {"results": [], "next_cursor": cursor, "has_more": False}


def test_an_invalid_api_key_is_refused_rather_than_ignored(client, db):
    response = client.get(URL, HTTP_AUTHORIZATION="Bearer oerhub_nope_nope")
    assert response.status_code == 401


def test_a_rolled_back_change_leaves_no_event(client, centre, moderator):
    page = services.create_resource(moderator, centre, resource_data())
    before = feed(client)["next_cursor"]
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            services.publish(moderator, page)
            assert ChangeEvent.objects.filter(object_id=page.pk).exists()
            raise RuntimeError("simulated failure after publishing")
    assert not ChangeEvent.objects.filter(object_id=page.pk).exists()
    assert feed(client, since=before)["results"] == []


def test_reading_costs_the_same_queries_for_2_or_20_changes(client, centre, moderator):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for(limit, since):
        with CaptureQueriesContext(connection) as ctx:
            body = feed(client, since=since, limit=limit)
        assert len(body["results"]) == limit
        return len(ctx.captured_queries)

    start = feed(client)["next_cursor"]
    for n in range(20):
        services.create_resource(moderator, centre, resource_data(title=f"Bài {n}"), publish=True)
    assert queries_for(20, start) == queries_for(2, start)
