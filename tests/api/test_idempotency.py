"""Idempotency-Key: a retried POST returns the first answer and writes nothing more."""
import json
import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from api.models import IdempotencyRecord
from catalog.models import ResourcePage

URL = "/api/v1/resources/"


@pytest.fixture
def key(centre, moderator, make_key):
    return make_key(centre, "write", acts_as=moderator)


def post(client, key, record, idempotency_key=None, url=URL + "?publish=true"):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}", "HTTP_ACCEPT_LANGUAGE": "en"}
    if idempotency_key is not None:
        headers["HTTP_IDEMPOTENCY_KEY"] = idempotency_key
    return client.post(url, json.dumps(record), content_type="application/json", **headers)


def test_a_retry_gets_the_first_response_and_writes_nothing(client, key, amb_resource):
    first = post(client, key, amb_resource(id=None), "3f1c-retry")
    retry = post(client, key, amb_resource(id=None), "3f1c-retry")
    assert first.status_code == retry.status_code == 201
    assert retry.json() == first.json() and retry["Location"] == first["Location"]
    assert retry["Idempotent-Replayed"] == "true" and "Idempotent-Replayed" not in first
    assert ResourcePage.objects.count() == 1  # without an id in the body, a second write would make a second page


def test_the_same_key_with_another_body_is_refused(client, key, amb_resource):
    post(client, key, amb_resource(), "k1")
    other = post(client, key, amb_resource(name="Khác"), "k1")
    assert other.status_code == 422 and other.json()["code"] == "idempotency_key_reused"
    assert ResourcePage.objects.get().title == "Trồng lúa theo mùa vụ"


def test_keys_are_scoped_per_credential(client, centre, moderator, make_key, amb_resource):
    second_key = make_key(centre, "write", acts_as=moderator)
    post(client, key_a := make_key(centre, "write", acts_as=moderator), amb_resource(id=None), "shared")
    response = post(client, second_key, amb_resource(id=None), "shared")
    assert response.status_code == 201 and "Idempotent-Replayed" not in response
    assert ResourcePage.objects.count() == 2 and key_a != second_key


def test_a_failed_request_may_be_retried_with_the_same_key(client, key, amb_resource):
    refused = post(client, key, amb_resource(name=None), "again")
    assert refused.status_code == 400 and not IdempotencyRecord.objects.exists()
    assert post(client, key, amb_resource(), "again").status_code == 201


def test_records_expire_after_the_configured_hours(client, key, amb_resource, settings):
    settings.API_IDEMPOTENCY_HOURS = 24
    post(client, key, amb_resource(id=None), "old")
    IdempotencyRecord.objects.update(created_at=timezone.now() - timedelta(hours=25))
    again = post(client, key, amb_resource(id=None), "old")
    assert again.status_code == 201 and "Idempotent-Replayed" not in again
    assert ResourcePage.objects.count() == 2 and IdempotencyRecord.objects.count() == 1


def test_a_bad_key_header_is_a_400(client, key, amb_resource):
    response = post(client, key, amb_resource(), "x" * 256)
    assert response.status_code == 400 and response.json()["code"] == "invalid_idempotency_key"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # the flush would drop the seeded vocabularies
@pytest.mark.postgresql  # concurrent writers need a server database
def test_concurrent_duplicates_write_once(centre, moderator, make_key, amb_resource):
    raw = make_key(centre, "write", acts_as=moderator)
    record = amb_resource(id=None)
    barrier, responses = threading.Barrier(4), []

    def send():
        barrier.wait()
        try:
            responses.append(post(Client(), raw, record, "race-1"))
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(r.status_code for r in responses) == [201] * 4
    assert len({r.json()["id"] for r in responses}) == 1
    assert ResourcePage.objects.count() == 1
