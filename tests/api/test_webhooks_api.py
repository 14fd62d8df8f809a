"""The partner's webhook endpoints: who may call them, registering, changing, deleting, the delivery log and ping."""
import json

import pytest

from api import webhooks
from api.models import Partner, WebhookDelivery, WebhookEndpoint
from api.models.webhooks import EVENT_TYPES
from catalog import services
from tests.factories import resource_data

URL = "/api/v1/webhooks/"


@pytest.fixture
def partner(db):
    return Partner.objects.create(name="Đại học Mở Hà Nội", slug="dai-hoc-mo")


@pytest.fixture
def other_partner(db):
    return Partner.objects.create(name="Công ty Lớp học thông minh", slug="lop-hoc-thong-minh")


@pytest.fixture
def api(client, make_key, partner):
    """A client that sends the partner's `sync` key."""
    client.defaults["HTTP_AUTHORIZATION"] = "Bearer " + make_key(partner, "sync")
    return client


def post(client, path, data=None, **headers):
    return client.post(path, json.dumps(data or {}), content_type="application/json", **headers)


def patch(client, path, data):
    return client.patch(path, json.dumps(data), content_type="application/json")


def test_register_list_read_change_and_delete(api, webhook_receiver):
    created = post(api, URL, {"url": webhook_receiver.url, "event_types": ["course.deleted", "resource.upserted"],
                              "description": "Moodle"})
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["secret"].startswith("whsec_") and body["is_active"] is True
    assert body["event_types"] == ["resource.upserted", "course.deleted"]
    listed = api.get(URL).json()
    assert [e["id"] for e in listed] == [body["id"]] and "secret" not in listed[0]
    detail = api.get(f"{URL}{body['id']}/").json()
    assert detail["secret"] == body["secret"]
    changed = patch(api, f"{URL}{body['id']}/", {"is_active": False, "event_types": ["centre.upserted"]})
    assert changed.status_code == 200
    assert (changed.json()["is_active"], changed.json()["event_types"]) == (False, ["centre.upserted"])
    assert api.delete(f"{URL}{body['id']}/").status_code == 204
    assert api.get(f"{URL}{body['id']}/").status_code == 404
    assert not WebhookEndpoint.objects.exists()


def test_all_event_types_by_default(api, webhook_receiver):
    body = post(api, URL, {"url": webhook_receiver.url}).json()
    assert body["event_types"] == list(EVENT_TYPES)


@pytest.mark.parametrize("data, code", [
    ({"url": "ftp://example.com/hook"}, "invalid_webhook_url"),
    ({"url": "not a url"}, "invalid"),
    ({}, "invalid"),
    ({"url": "http://127.0.0.1:1/x", "event_types": ["resource.created"]}, "invalid"),
    ({"url": "http://127.0.0.1:1/x", "event_types": []}, "invalid"),
])
def test_bad_input_is_a_400_and_writes_nothing(api, data, code):
    response = post(api, URL, data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json()["code"] == code
    assert not WebhookEndpoint.objects.exists()


def test_a_private_address_is_refused_with_a_message(settings, api):
    settings.WEBHOOK_ALLOW_PRIVATE_HOSTS = False
    response = post(api, URL, {"url": "http://169.254.169.254/latest/"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_webhook_url"
    assert "private or local network" in response.json()["detail"]
    assert not WebhookEndpoint.objects.exists()


def test_a_bad_url_in_a_patch_keeps_the_old_one(api, partner, webhook_receiver):
    endpoint = webhooks.register_endpoint(partner, url=webhook_receiver.url, event_types=EVENT_TYPES)
    response = patch(api, f"{URL}{endpoint.pk}/", {"url": "gopher://example.com/"})
    assert response.status_code == 400
    endpoint.refresh_from_db()
    assert endpoint.url == webhook_receiver.url


def test_at_most_the_configured_number_of_webhooks(settings, api, webhook_receiver):
    settings.WEBHOOK_MAX_ENDPOINTS = 2
    assert [post(api, URL, {"url": webhook_receiver.url}).status_code for _ in range(3)] == [201, 201, 409]
    assert WebhookEndpoint.objects.count() == 2


def test_another_partners_webhooks_do_not_exist_for_this_key(api, other_partner, webhook_receiver):
    theirs = webhooks.register_endpoint(other_partner, url=webhook_receiver.url, event_types=EVENT_TYPES)
    assert api.get(URL).json() == []
    path = f"{URL}{theirs.pk}/"
    assert api.get(path).status_code == 404
    assert patch(api, path, {"is_active": False}).status_code == 404
    assert api.delete(path).status_code == 404
    assert api.get(path + "deliveries/").status_code == 404
    assert post(api, path + "ping/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.is_active and webhook_receiver.requests == []


def test_no_key_is_401(client, db):
    response = client.get(URL)
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


@pytest.mark.parametrize("scopes", ["read", "read,write"])
def test_a_key_without_sync_is_403(client, make_key, partner, scopes):
    response = client.get(URL, HTTP_AUTHORIZATION="Bearer " + make_key(partner, scopes))
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_a_centre_key_is_403(client, make_key, centre):
    response = client.get(URL, HTTP_AUTHORIZATION="Bearer " + make_key(centre, "sync"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert "partner" in response.json()["detail"]


def test_the_delivery_log_is_newest_first_and_paged(api, partner, centre, moderator, webhook_receiver):
    endpoint = webhooks.register_endpoint(partner, url=webhook_receiver.url, event_types=EVENT_TYPES)
    webhook_receiver.answers = [500]
    for n in range(3):
        services.create_resource(moderator, centre, resource_data(title=f"Bài {n}"), publish=True)
    webhooks.run()
    ids = list(WebhookDelivery.objects.order_by("-id").values_list("id", flat=True))
    first = api.get(f"{URL}{endpoint.pk}/deliveries/", {"limit": 2}).json()
    assert [d["id"] for d in first["results"]] == ids[:2]
    second = api.get(first["next"]).json()
    assert [d["id"] for d in second["results"]] == ids[2:] and second["next"] is None
    failed = second["results"][0]
    assert (failed["status"], failed["last_status_code"], failed["attempts"]) == ("failed", 500, 1)
    assert failed["attempt_log"][0]["status_code"] == 500 and failed["attempt_log"][0]["next_attempt_at"]
    assert failed["cursor"] and failed["event_type"] == "resource.upserted"
    assert api.get(f"{URL}{endpoint.pk}/deliveries/", {"cursor": "rubbish"}).json()["code"] == "invalid_cursor"


def test_ping_sends_a_signed_test_event_now(api, partner, webhook_receiver):
    endpoint = webhooks.register_endpoint(partner, url=webhook_receiver.url, event_types=EVENT_TYPES)
    response = post(api, f"{URL}{endpoint.pk}/ping/")
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["event_type"]) == ("succeeded", "ping")
    [(_path, headers, body)] = webhook_receiver.requests
    assert headers["X-OERHub-Event"] == "ping"
    assert headers["X-OERHub-Signature"] == webhooks.sign(endpoint.secret, headers["X-OERHub-Timestamp"], body)
    assert json.loads(body)["id"] == endpoint.pk


def test_a_failed_ping_reports_the_answer_and_is_not_retried(api, partner, webhook_receiver):
    endpoint = webhooks.register_endpoint(partner, url=webhook_receiver.url, event_types=EVENT_TYPES)
    webhook_receiver.answers = [502]
    body = post(api, f"{URL}{endpoint.pk}/ping/").json()
    assert (body["status"], body["last_status_code"], body["next_attempt_at"]) == ("gave_up", 502, None)


def test_staff_see_webhooks_and_a_read_only_delivery_log_in_the_admin(client, partner, centre, moderator,
                                                                       webhook_receiver):
    from tests.factories import UserFactory

    endpoint = webhooks.register_endpoint(partner, url=webhook_receiver.url, event_types=EVENT_TYPES)
    services.create_resource(moderator, centre, resource_data(), publish=True)
    webhooks.run()
    delivery = WebhookDelivery.objects.get()
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert webhook_receiver.url in client.get("/admin/snippets/api/webhookendpoint/").content.decode()
    assert client.get(f"/admin/snippets/api/webhookendpoint/edit/{endpoint.pk}/").status_code == 200
    log = client.get("/admin/snippets/api/webhookdelivery/")
    assert log.status_code == 200 and "resource.upserted" in log.content.decode()
    assert client.get(f"/admin/snippets/api/webhookdelivery/inspect/{delivery.pk}/").status_code == 200
    assert client.get(f"/admin/snippets/api/webhookdelivery/edit/{delivery.pk}/").status_code in (302, 403)
    assert client.get("/admin/snippets/api/webhookdelivery/add/").status_code in (302, 403)
    assert client.post(f"/admin/snippets/api/webhookdelivery/delete/{delivery.pk}/").status_code in (302, 403)
    assert WebhookDelivery.objects.filter(pk=delivery.pk).exists()
