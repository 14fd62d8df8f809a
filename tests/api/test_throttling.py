"""Rate limits per API key and per client address, counted in the default cache: process memory and a real Redis."""
import pytest
from django.core.cache import cache
from django.utils.translation import override

from api.throttling import RateLimited

SEARCH = "/api/v1/search/?q=toan"
REDIS = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                     "LOCATION": "redis://127.0.0.1:6379/13", "KEY_PREFIX": "test-throttling"}}


@pytest.fixture(params=["locmem", "redis"])
def counters(request, settings, database_search):
    if request.param == "redis":
        settings.CACHES = REDIS
    cache.clear()
    yield request.param
    cache.clear()


def test_a_client_address_is_limited_with_retry_after_in_its_language(client, counters, settings):
    settings.API_THROTTLE_RATES = {"api_key": "1000/min", "client_ip": "3/min"}
    assert [client.get(SEARCH).status_code for _ in range(3)] == [200, 200, 200]
    refused = client.get(SEARCH)
    assert refused.status_code == 429 and refused.json()["code"] == "throttled"
    assert 1 <= int(refused["Retry-After"]) <= 60
    wait = int(refused["Retry-After"])
    with override("vi"):  # Vietnamese by default (the .po entry is in .pending-po/writes.po until merged)
        assert refused.json()["detail"] == str(RateLimited(wait).detail)
    english = client.get(SEARCH, HTTP_ACCEPT_LANGUAGE="en")
    assert english.json()["detail"].startswith("Too many requests: the limit for this API key or address")
    other_address = client.get(SEARCH, REMOTE_ADDR="10.0.0.9")
    assert other_address.status_code == 200


def test_each_key_has_its_own_budget(client, counters, settings, centre, make_key):
    settings.API_THROTTLE_RATES = {"api_key": "2/min", "client_ip": "1000/min"}
    first, second = make_key(centre, "read"), make_key(centre, "read")
    statuses = [client.get(SEARCH, HTTP_AUTHORIZATION=f"Bearer {first}").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert client.get(SEARCH, HTTP_AUTHORIZATION=f"Bearer {second}").status_code == 200
    assert client.get(SEARCH).status_code == 200  # anonymous callers from the same address are counted apart


def test_writes_are_throttled_before_anything_is_written(client, counters, settings, centre, moderator, make_key,
                                                         amb_resource):
    import json

    from catalog.models import ResourcePage

    settings.API_THROTTLE_RATES = {"api_key": "1/min", "client_ip": "off"}
    raw = make_key(centre, "write", acts_as=moderator)
    send = lambda n: client.post("/api/v1/resources/", json.dumps(amb_resource(f"https://dt.example/{n}")),  # noqa: E731
                                 content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert send(1).status_code == 201
    assert send(2).status_code == 429
    assert list(ResourcePage.objects.values_list("source_id", flat=True)) == ["https://dt.example/1"]


def test_off_disables_a_limit(client, counters, settings):
    settings.API_THROTTLE_RATES = {"api_key": "off", "client_ip": "off"}
    assert {client.get(SEARCH).status_code for _ in range(5)} == {200}
