"""Bulk ingest of AMB JSON Lines: one result per line, rejected lines never undo accepted ones, size limits."""
import json

import pytest

from catalog.models import ResourcePage

URL = "/api/v1/resources/bulk/"


@pytest.fixture
def key(centre, moderator, make_key):
    return make_key(centre, "write", acts_as=moderator)


def lines(*records):
    return "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records) + "\n"


def send(client, key, body, query="?publish=true", content_type="application/x-ndjson", **headers):
    return client.post(URL + query, body, content_type=content_type, HTTP_AUTHORIZATION=f"Bearer {key}",
                       HTTP_ACCEPT_LANGUAGE="en", **headers)


def test_each_line_gets_its_outcome_and_accepted_lines_stay(client, centre, key, amb_resource):
    body = lines(amb_resource("https://dt.example/1"), "{broken", amb_resource("https://dt.example/2", name=None),
                 amb_resource("https://dt.example/3", name="Bài 3"))
    response = send(client, key, body)
    assert response.status_code == 200, response.json()
    data = response.json()
    assert (data["created"], data["rejected"], data["committed"]) == (2, 2, True)
    by_line = {r["line"]: r for r in data["results"]}
    assert by_line[1]["status"] == "created" and by_line[1]["source_id"] == "https://dt.example/1"
    assert by_line[2]["status"] == "rejected" and by_line[2]["code"] == "invalid_json"
    assert by_line[3] == {"line": 3, "status": "rejected", "id": None, "source_id": "https://dt.example/2",
                          "code": "missing_field", "reason": "Missing “name”."}
    page = ResourcePage.objects.get(source_id="https://dt.example/3")
    assert by_line[4]["id"] == page.pk and page.live
    assert page.get_parent().pk == centre.pk


def test_sending_again_is_unchanged_then_updated(client, key, amb_resource):
    send(client, key, lines(amb_resource()))
    again = send(client, key, lines(amb_resource()), content_type="application/jsonl").json()
    assert again["results"][0]["status"] == "unchanged"
    changed = send(client, key, lines(amb_resource(name="Tên mới"))).json()
    assert changed["results"][0]["status"] == "updated"
    assert ResourcePage.objects.get().title == "Tên mới"


def test_drafts_unless_publish(client, key, amb_resource):
    result = send(client, key, lines(amb_resource()), query="").json()
    assert result["created"] == 1 and not ResourcePage.objects.get().live


def test_a_teacher_key_cannot_publish_in_bulk(client, centre, teacher, make_key, amb_resource):
    raw = make_key(centre, "write", acts_as=teacher)
    result = send(client, raw, lines(amb_resource())).json()
    assert result["rejected"] == 1 and result["results"][0]["code"] == "permission_denied"
    assert not ResourcePage.objects.exists()


def test_records_of_another_centre_are_not_changed(client, centre, other_centre, moderator, make_key, amb_resource):
    from catalog.services import add_member

    add_member(other_centre, moderator, "moderator")
    send(client, make_key(other_centre, "write", acts_as=moderator), lines(amb_resource()))
    result = send(client, make_key(centre, "write", acts_as=moderator), lines(amb_resource(name="Chiếm"))).json()
    assert result["results"][0]["code"] == "outside_centre"
    assert ResourcePage.objects.get().title == "Trồng lúa theo mùa vụ"


def test_size_limits_answer_413_and_write_nothing(client, key, amb_resource, settings):
    settings.API_BULK_MAX_RECORDS = 2
    too_many = send(client, key, lines(*(amb_resource(f"https://dt.example/{n}") for n in range(3))))
    assert too_many.status_code == 413 and too_many.json()["code"] == "payload_too_large"
    assert "at most 2 records" in too_many.json()["detail"]
    settings.API_BULK_MAX_BYTES = 100
    too_big = send(client, key, lines(amb_resource()))
    assert too_big.status_code == 413
    assert not ResourcePage.objects.exists()


def test_wrong_media_type_and_empty_body(client, key, amb_resource):
    wrong = send(client, key, lines(amb_resource()), content_type="application/json")
    assert wrong.status_code == 415 and wrong.json()["code"] == "unsupported_media_type"
    empty = send(client, key, "\n\n")
    assert empty.status_code == 400 and empty.json()["code"] == "empty_body"


def test_a_retried_bulk_with_the_same_idempotency_key_is_replayed(client, key, amb_resource):
    body = lines(amb_resource())
    first = send(client, key, body, HTTP_IDEMPOTENCY_KEY="lot-7")
    retry = send(client, key, body, HTTP_IDEMPOTENCY_KEY="lot-7")
    assert retry.json() == first.json() and retry["Idempotent-Replayed"] == "true"
    assert retry.json()["results"][0]["status"] == "created"  # the first answer, not "unchanged"
