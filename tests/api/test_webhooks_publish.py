"""Publishing never waits for a partner: the real after-commit path, with a receiver that hangs or is down.

These tests commit for real (transactional_db) so the on-commit hook runs and starts the
embedded default's background sender, exactly as under `make run`.
"""
import time

import pytest

from api import webhooks
from api.models import DeliveryStatus, Partner, WebhookDelivery
from api.models.webhooks import EVENT_TYPES
from catalog import services
from tests.factories import CentreFactory, make_member, resource_data

# serialized_rollback: the flush after each test would otherwise take the seeded vocabularies with it.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def setup(webhook_receiver):
    centre = CentreFactory(title="Trung tâm GDTX Sóc Sơn")
    moderator = make_member(centre, "moderator", username="kiemduyet-ss")
    partner = Partner.objects.create(name="Đại học Mở", slug="dai-hoc-mo")
    endpoint = webhooks.register_endpoint(partner, url=webhook_receiver.url, event_types=EVENT_TYPES)
    return centre, moderator, endpoint


def test_a_hanging_endpoint_does_not_block_a_publish(client, setup, webhook_receiver):
    centre, moderator, _endpoint = setup
    webhook_receiver.answers = ["hang"]
    page = services.create_resource(moderator, centre, resource_data(title="Xuất bản khi đối tác treo"), publish=True)
    # The publish call has returned and committed while the partner's server still holds the request.
    assert webhook_receiver.wait_for_request(timeout=30)
    assert not webhook_receiver.released.is_set()
    page.refresh_from_db()
    assert page.live
    assert any(item["id"] == page.pk for item in client.get("/api/v1/changes/").json()["results"])
    delivery = WebhookDelivery.objects.get(change__object_id=page.pk)
    assert delivery.status == DeliveryStatus.PENDING and delivery.attempts == 0
    webhook_receiver.release()
    assert webhooks.background.wait_until_idle(timeout=30)
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SUCCEEDED


def test_a_down_endpoint_does_not_fail_a_publish(setup, webhook_receiver):
    centre, moderator, endpoint = setup
    webhooks.update_endpoint(endpoint, url="http://127.0.0.1:9/down")
    page = services.create_resource(moderator, centre, resource_data(title="Đối tác tắt máy"), publish=True)
    page.refresh_from_db()
    assert page.live
    delivery = _eventually(lambda: WebhookDelivery.objects.filter(
        change__object_id=page.pk, status=DeliveryStatus.FAILED).first())
    assert delivery.last_error == "connection refused or unreachable" and delivery.next_attempt_at is not None


def _eventually(find, seconds=30):
    """What `find` returns once it is truthy (the background sender works beside the test)."""
    deadline = time.monotonic() + seconds
    while not (found := find()) and time.monotonic() < deadline:
        time.sleep(0.05)
    return found
