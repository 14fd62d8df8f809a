"""Webhook deliveries to a real HTTP receiver: signature, body, retries with backoff, giving up, SSRF refusals."""
import hashlib
import hmac
import json
import time
from io import StringIO

import pytest
from django.core.management import call_command

from api import webhooks
from api.models import DeliveryStatus, Partner, WebhookDelivery
from api.models.webhooks import EVENT_TYPES
from api.webhook_urls import UnsafeWebhookUrl
from api.tasks import deliver_webhooks
from catalog import services
from tests.factories import resource_data

FEED = "/api/v1/changes/"


@pytest.fixture
def partner(db):
    return Partner.objects.create(name="Đại học Mở Hà Nội", slug="dai-hoc-mo")


@pytest.fixture
def endpoint(partner, webhook_receiver):
    return webhooks.register_endpoint(partner, url=webhook_receiver.url, event_types=EVENT_TYPES)


def verify(secret, headers, body, tolerance=300):
    """What docs/partners.md tells partners to do with each delivery."""
    timestamp = headers["X-OERHub-Timestamp"]
    expected = "sha256=" + hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    fresh = abs(time.time() - int(timestamp)) < tolerance
    return hmac.compare_digest(expected, headers["X-OERHub-Signature"]) and fresh


def publish(centre, moderator, **fields):
    return services.create_resource(moderator, centre, resource_data(**fields), publish=True)


def test_a_publish_is_delivered_signed_with_the_feed_item_as_body(client, centre, moderator, endpoint,
                                                                    webhook_receiver):
    page = publish(centre, moderator, title="Bài học mới")
    report = webhooks.run()
    assert (report.created, report.sent, report.succeeded) == (1, 1, 1)
    [(path, headers, body)] = webhook_receiver.requests
    assert path == "/hooks/oer?src=hub"
    assert verify(endpoint.secret, headers, body)
    assert not verify("whsec_another", headers, body)
    assert headers["X-OERHub-Event"] == "resource.upserted"
    delivery = WebhookDelivery.objects.get()
    assert headers["X-OERHub-Delivery"] == str(delivery.pk)
    assert headers["Content-Type"].startswith("application/json")
    item = json.loads(body)
    [feed_item] = [i for i in client.get(FEED).json()["results"] if i["id"] == page.pk]
    assert item == feed_item
    assert item["record"]["name"] == "Bài học mới"
    assert delivery.status == DeliveryStatus.SUCCEEDED and delivery.last_status_code == 200
    assert delivery.response_excerpt == "answer 200"
    endpoint.refresh_from_db()
    assert endpoint.last_success_at is not None and endpoint.consecutive_failures == 0


def test_unpublishing_is_delivered_as_a_deleted_event(centre, moderator, endpoint, webhook_receiver):
    page = publish(centre, moderator)
    services.unpublish(moderator, page)
    webhooks.run()
    events = [headers["X-OERHub-Event"] for _path, headers, _body in webhook_receiver.requests]
    # The earlier upsert is sent as what the page is now: withdrawn (as the feed shows it).
    assert events == ["resource.deleted", "resource.deleted"]
    assert all(json.loads(body)["record"] is None for _p, _h, body in webhook_receiver.requests)


def test_only_the_chosen_event_types_are_delivered(partner, centre, moderator, webhook_receiver):
    webhooks.register_endpoint(partner, url=webhook_receiver.url, event_types=["course.upserted"])
    publish(centre, moderator)
    assert webhooks.run().created == 0
    assert webhook_receiver.requests == []


def test_an_endpoint_receives_only_changes_made_after_it_was_registered(partner, centre, moderator,
                                                                         webhook_receiver):
    publish(centre, moderator, title="Trước khi đăng ký")
    webhooks.run()
    webhooks.register_endpoint(partner, url=webhook_receiver.url, event_types=["resource.upserted"])
    publish(centre, moderator, title="Sau khi đăng ký")
    webhooks.run()
    assert [json.loads(body)["record"]["name"] for _p, _h, body in webhook_receiver.requests] == ["Sau khi đăng ký"]


def test_a_failure_is_retried_after_a_minute_and_then_succeeds(centre, moderator, endpoint, webhook_receiver):
    webhook_receiver.answers = [500]
    publish(centre, moderator)
    report = webhooks.run()
    assert (report.sent, report.failed) == (1, 1)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED and delivery.last_status_code == 500
    assert delivery.last_error == "HTTP 500" and delivery.response_excerpt == "answer 500"
    delay = (delivery.next_attempt_at - delivery.last_attempt_at).total_seconds()
    assert 54 <= delay <= 66
    # Not due yet: nothing is sent again.
    assert webhooks.deliver_due().sent == 0
    report = webhooks.deliver_due(now=delivery.next_attempt_at)
    assert report.succeeded == 1
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SUCCEEDED and delivery.attempts == 2
    assert [a["status_code"] for a in delivery.attempt_log] == [500, 200]
    assert len(webhook_receiver.requests) == 2
    # The retry is the same delivery, signed again over the same item.
    assert {h["X-OERHub-Delivery"] for _p, h, _b in webhook_receiver.requests} == {str(delivery.pk)}
    endpoint.refresh_from_db()
    assert (endpoint.total_failures, endpoint.consecutive_failures) == (1, 0)


def test_backoff_grows_then_the_delivery_is_given_up(settings, centre, moderator, endpoint, webhook_receiver):
    webhook_receiver.answers = [503] * 10
    publish(centre, moderator)
    webhooks.run()
    delivery = WebhookDelivery.objects.get()
    while delivery.status == DeliveryStatus.FAILED:
        webhooks.deliver_due(now=delivery.next_attempt_at)
        delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.GAVE_UP
    assert delivery.attempts == len(settings.WEBHOOK_RETRY_DELAYS) + 1 == len(webhook_receiver.requests) == 6
    log = delivery.attempt_log
    delays = [(_dt(a["next_attempt_at"]) - _dt(a["at"])).total_seconds() for a in log[:-1]]
    for delay, planned in zip(delays, [60, 300, 1800, 7200, 43200]):
        assert planned * 0.9 <= delay <= planned * 1.1
    assert log[-1]["next_attempt_at"] is None and delivery.next_attempt_at is None
    assert webhooks.deliver_due(now=_dt(log[-1]["at"]) + (_dt(log[-1]["at"]) - _dt(log[0]["at"]))).sent == 0
    endpoint.refresh_from_db()
    assert endpoint.consecutive_failures == 6


def _dt(text):
    from datetime import datetime

    return datetime.fromisoformat(text)


def test_a_hanging_endpoint_times_out_and_is_retried(settings, centre, moderator, endpoint, webhook_receiver):
    settings.WEBHOOK_READ_TIMEOUT = 0.3
    webhook_receiver.answers = ["hang"]
    publish(centre, moderator)
    report = webhooks.run()
    webhook_receiver.release()
    assert report.failed == 1
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.last_status_code is None and delivery.last_error == "read timeout"


def test_an_unreachable_endpoint_is_recorded_not_raised(partner, centre, moderator, webhook_receiver):
    webhooks.register_endpoint(partner, url="http://127.0.0.1:9/down", event_types=["resource.upserted"])
    publish(centre, moderator)
    assert webhooks.run().failed == 1
    assert WebhookDelivery.objects.get().last_error == "connection refused or unreachable"


def test_a_paused_endpoint_gets_nothing_until_resumed(centre, moderator, endpoint, webhook_receiver):
    webhooks.update_endpoint(endpoint, is_active=False)
    publish(centre, moderator)
    assert webhooks.run().sent == 0
    webhooks.update_endpoint(endpoint, is_active=True)
    assert webhooks.run().sent == 0  # changes made while paused are not delivered (the feed has them)
    publish(centre, moderator)
    assert webhooks.run().succeeded == 1


def test_deleting_an_endpoint_stops_its_retries(centre, moderator, endpoint, webhook_receiver):
    webhook_receiver.answers = [500] * 5
    publish(centre, moderator)
    webhooks.run()
    delivery = WebhookDelivery.objects.get()
    endpoint.delete()
    assert webhooks.deliver_due(now=delivery.next_attempt_at).sent == 0
    assert len(webhook_receiver.requests) == 1
    assert not WebhookDelivery.objects.exists()


@pytest.mark.parametrize("url", [
    "ftp://example.com/hook", "javascript:alert(1)", "http://", "example.com/hook",
    "http://user:pass@example.com/hook",
])
def test_addresses_that_are_not_http_are_refused(partner, url):
    with pytest.raises(UnsafeWebhookUrl):
        webhooks.register_endpoint(partner, url=url, event_types=EVENT_TYPES)


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:8000/hook", "http://localhost/hook", "http://10.1.2.3/hook", "http://192.168.1.10/hook",
    "http://169.254.169.254/latest/meta-data/", "http://[::1]/hook", "http://0.0.0.0/hook",
])
def test_private_addresses_are_refused_in_production(settings, partner, url):
    settings.WEBHOOK_ALLOW_PRIVATE_HOSTS = False
    with pytest.raises(UnsafeWebhookUrl) as refused:
        webhooks.register_endpoint(partner, url=url, event_types=EVENT_TYPES)
    assert refused.value.code == "invalid_webhook_url"


def test_a_private_address_is_refused_again_at_delivery(settings, centre, moderator, endpoint, webhook_receiver):
    publish(centre, moderator)
    settings.WEBHOOK_ALLOW_PRIVATE_HOSTS = False
    assert webhooks.run().failed == 1
    assert webhook_receiver.requests == []
    assert "127.0.0.1" in WebhookDelivery.objects.get().last_error  # the refused address is named


def test_the_task_and_the_command_run_the_same_round(settings, centre, moderator, endpoint, webhook_receiver):
    assert settings.CELERY_BEAT_SCHEDULE["deliver-webhooks"]["task"] == "api.deliver_webhooks"
    publish(centre, moderator, title="Một")
    assert deliver_webhooks.apply().get() == {"created": 1, "sent": 1, "succeeded": 1, "failed": 0, "gave_up": 0}
    webhook_receiver.answers = [500]
    publish(centre, moderator, title="Hai")
    out = StringIO()
    call_command("deliver_webhooks", stdout=out)
    assert "1" in out.getvalue() and len(webhook_receiver.requests) == 2
    assert WebhookDelivery.objects.filter(status=DeliveryStatus.FAILED).count() == 1
