"""Webhooks: turning committed changes into signed HTTP deliveries to partners, retried with backoff.

Flow: a write commits → `on_outbox_written` schedules `run` (a Celery task with REDIS_URL,
otherwise a background thread of this process; never inline in the request) → `fan_out`
creates one `WebhookDelivery` per change and interested endpoint, from a high-water mark,
so a change committed while nothing was running is still delivered by the next run (the
beat entry `deliver-webhooks` and `manage.py deliver_webhooks`) → `deliver_due` claims due
deliveries and POSTs the change-feed item, signed. A partner's slow or broken server costs
the sender a timeout, never the publisher anything.

Signature: `X-OERHub-Signature: sha256=<hex HMAC-SHA256 of "<X-OERHub-Timestamp>.<body>">`
keyed with the endpoint's secret (docs/partners.md shows how to verify it).
"""
import hmac
import json
import logging
import random
import threading
import time
from dataclasses import dataclass
from datetime import timedelta
from hashlib import sha256

import urllib3
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import ChangeEvent
from catalog.services.events import outbox_written
from core.errors import Conflict

from .changes import TYPES, items_for
from .serializers.changes import ChangeSerializer
from .models.webhooks import PING, DeliveryStatus, WebhookDelivery, WebhookEndpoint, WebhookFanout, event_type
from .webhook_urls import UnsafeWebhookUrl, check_url, resolve_for_sending

logger = logging.getLogger(__name__)

USER_AGENT = "OERHub-Webhooks/1"
EXCERPT_CHARS = 1000
FANOUT_BATCH = 1000
SEND_BATCH = 100
# A claimed delivery is not claimed again for this long (a worker that died mid-send lets go).
CLAIM_SECONDS = 120
# The background thread of the embedded default waits at most this long between runs.
MAX_IDLE_SECONDS = 300
RETRYABLE = (DeliveryStatus.PENDING, DeliveryStatus.FAILED)


class TooManyEndpoints(Conflict):
    code = "too_many_webhooks"


@dataclass
class DeliveryReport:
    created: int = 0
    sent: int = 0
    succeeded: int = 0
    failed: int = 0
    gave_up: int = 0


# --- registration ------------------------------------------------------------------------


def latest_change_id():
    return ChangeEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


@transaction.atomic
def register_endpoint(partner, *, url, event_types, description="", is_active=True):
    """A new endpoint for `partner`; it receives changes recorded from now on. Raises DomainErrors."""
    check_url(url)
    if WebhookEndpoint.objects.filter(partner=partner).count() >= settings.WEBHOOK_MAX_ENDPOINTS:
        raise TooManyEndpoints(_("A partner may register at most %(max)s webhooks; delete one first."),
                               params={"max": settings.WEBHOOK_MAX_ENDPOINTS})
    return WebhookEndpoint.objects.create(partner=partner, url=url, event_types=list(event_types),
                                          description=description, is_active=is_active,
                                          start_after=latest_change_id())


@transaction.atomic
def update_endpoint(endpoint, **changes):
    if "url" in changes:
        check_url(changes["url"])
    for name, value in changes.items():
        setattr(endpoint, name, value)
    endpoint.save()
    return endpoint


# --- fan-out ------------------------------------------------------------------------------


def _active_endpoints():
    return WebhookEndpoint.objects.filter(is_active=True, partner__is_active=True)


def _locked_fanout():
    try:
        with transaction.atomic():
            WebhookFanout.objects.get_or_create(pk=1)
    except IntegrityError:
        pass  # another worker created the row at the same moment; it exists now
    return WebhookFanout.objects.select_for_update().get(pk=1)


@transaction.atomic
def fan_out(batch=FANOUT_BATCH):
    """Create the deliveries of every change after the high-water mark; returns how many."""
    state = _locked_fanout()
    endpoints = list(_active_endpoints())
    if not endpoints:
        # Nobody listens: move on, so a paused endpoint behaves the same whether others are active or not.
        state.last_change_id = max(state.last_change_id, latest_change_id())
        state.save(update_fields=["last_change_id"])
        return 0
    # Changes up to every endpoint's start_after are wanted by none of them.
    position = max(state.last_change_id, min(endpoint.start_after for endpoint in endpoints))
    created, now = 0, timezone.now()
    while True:
        events = list(ChangeEvent.objects.filter(id__gt=position).order_by("id")[:batch])
        if not events:
            break
        rows = []
        for event in events:
            if event.object_type not in TYPES:
                continue
            name = event_type(TYPES[event.object_type], event.action)
            rows += [WebhookDelivery(endpoint=endpoint, change=event, event_type=name, next_attempt_at=now)
                     for endpoint in endpoints if event.id > endpoint.start_after and endpoint.wants(name)]
        WebhookDelivery.objects.bulk_create(rows)
        created += len(rows)
        position = events[-1].id
    if position != state.last_change_id:
        state.last_change_id = position
        state.save(update_fields=["last_change_id"])
    return created


# --- sending ------------------------------------------------------------------------------


def sign(secret, timestamp, body):
    """The X-OERHub-Signature value of `body` (bytes) sent at `timestamp` (unix seconds, as text)."""
    mac = hmac.new(secret.encode("utf-8"), f"{timestamp}.".encode("ascii") + body, sha256)
    return "sha256=" + mac.hexdigest()


def encode_body(item):
    """The JSON body of a delivery: the item exactly as the change feed serialises it."""
    data = ChangeSerializer(item).data
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def ping_item(endpoint):
    return {"cursor": None, "action": PING, "type": PING, "id": endpoint.pk, "source_id": "",
            "changed_at": timezone.now(), "url": None, "api_url": None, "record": None}


def post(url, body, headers):
    """POST `body` to `url` with short timeouts and no redirects; returns (status, response excerpt).

    The connection goes to the address checked by `resolve_for_sending`, so a DNS answer that
    changes between the check and the connection cannot point a delivery at a private host.
    """
    target = resolve_for_sending(url)
    timeout = urllib3.Timeout(connect=settings.WEBHOOK_CONNECT_TIMEOUT, read=settings.WEBHOOK_READ_TIMEOUT)
    options = dict(timeout=timeout, retries=False, maxsize=1)
    if target.scheme == "https":
        pool = urllib3.HTTPSConnectionPool(target.address, target.port, cert_reqs="CERT_REQUIRED",
                                           server_hostname=target.hostname, assert_hostname=target.hostname,
                                           **options)
    else:
        pool = urllib3.HTTPConnectionPool(target.address, target.port, **options)
    try:
        response = pool.urlopen("POST", target.path, body=body, headers={**headers, "Host": target.host_header},
                                redirect=False, assert_same_host=False, preload_content=False)
        try:
            excerpt = response.read(EXCERPT_CHARS * 4, decode_content=True)
        finally:
            response.release_conn()
        return response.status, excerpt.decode("utf-8", "replace")[:EXCERPT_CHARS]
    finally:
        pool.close()


def _describe(exc):
    # NewConnectionError subclasses ConnectTimeoutError in urllib3 2, so it is tested first.
    if isinstance(exc, urllib3.exceptions.NewConnectionError):
        return "connection refused or unreachable"
    if isinstance(exc, urllib3.exceptions.ConnectTimeoutError):
        return "connect timeout"
    if isinstance(exc, urllib3.exceptions.ReadTimeoutError):
        return "read timeout"
    return f"{type(exc).__name__}: {exc}"[:500]


def _backoff(attempts):
    """Seconds before retry number `attempts` (1-based), ±10% so failed partners are not hit in bursts."""
    delays = settings.WEBHOOK_RETRY_DELAYS
    return delays[attempts - 1] * random.uniform(0.9, 1.1)


def attempt(delivery, item, now=None):
    """POST `item` to the delivery's endpoint once and record the outcome; returns the new status."""
    now = now or timezone.now()
    endpoint = delivery.endpoint
    body = encode_body(item)
    timestamp = str(int(time.time()))
    name = PING if item["action"] == PING else event_type(item["type"], item["action"])
    headers = {
        "Content-Type": "application/json; charset=utf-8", "User-Agent": USER_AGENT,
        "X-OERHub-Event": name, "X-OERHub-Delivery": str(delivery.pk), "X-OERHub-Timestamp": timestamp,
        "X-OERHub-Signature": sign(endpoint.secret, timestamp, body),
    }
    started = time.monotonic()
    status_code, excerpt, error = None, "", ""
    try:
        status_code, excerpt = post(endpoint.url, body, headers)
        if not 200 <= status_code < 300:
            error = f"HTTP {status_code}"
    except UnsafeWebhookUrl as exc:
        error = str(exc)
    except (urllib3.exceptions.HTTPError, OSError) as exc:
        # The partner's server is down, slow or refusing: recorded and retried, never raised.
        error = _describe(exc)
    _record(delivery, now, name=name, status_code=status_code, excerpt=excerpt, error=error,
            milliseconds=round((time.monotonic() - started) * 1000))
    return delivery.status


def _record(delivery, now, *, name, status_code, excerpt, error, milliseconds):
    delivery.attempts += 1
    delivery.event_type = name
    delivery.last_attempt_at, delivery.last_status_code = now, status_code
    delivery.last_error, delivery.response_excerpt = error[:500], excerpt
    counters = WebhookEndpoint.objects.filter(pk=delivery.endpoint_id)
    if not error:
        delivery.status, delivery.delivered_at, delivery.next_attempt_at = DeliveryStatus.SUCCEEDED, now, None
        counters.update(consecutive_failures=0, last_success_at=now)
    elif delivery.event_type == PING or delivery.attempts > len(settings.WEBHOOK_RETRY_DELAYS):
        delivery.status, delivery.next_attempt_at = DeliveryStatus.GAVE_UP, None
    else:
        delivery.status = DeliveryStatus.FAILED
        delivery.next_attempt_at = now + timedelta(seconds=_backoff(delivery.attempts))
    if error:
        counters.update(consecutive_failures=F("consecutive_failures") + 1,
                        total_failures=F("total_failures") + 1, last_failure_at=now)
    delivery.attempt_log = [*delivery.attempt_log, {
        "attempt": delivery.attempts, "at": now.isoformat(), "status_code": status_code, "error": error[:500],
        "milliseconds": milliseconds,
        "next_attempt_at": delivery.next_attempt_at.isoformat() if delivery.next_attempt_at else None,
    }]
    delivery.save()


def _claim(delivery_id, now):
    """Take a due delivery for this worker (False when another worker took it first)."""
    return WebhookDelivery.objects.filter(pk=delivery_id, status__in=RETRYABLE, next_attempt_at__lte=now).update(
        next_attempt_at=now + timedelta(seconds=CLAIM_SECONDS)) == 1


def _due(now):
    return WebhookDelivery.objects.filter(
        status__in=RETRYABLE, next_attempt_at__lte=now, endpoint__is_active=True, endpoint__partner__is_active=True,
        change__isnull=False)


def deliver_due(now=None, limit=SEND_BATCH):
    """Send every delivery that is due at `now` (default: the current time), in batches; returns a report."""
    report = DeliveryReport()
    while True:
        moment = now or timezone.now()
        ids = [pk for pk in _due(moment).order_by("next_attempt_at", "id").values_list("id", flat=True)[:limit]
               if _claim(pk, moment)]
        if not ids:
            return report
        deliveries = list(WebhookDelivery.objects.filter(pk__in=ids).select_related("endpoint", "change")
                          .order_by("id"))
        items = dict(zip([d.pk for d in deliveries], items_for([d.change for d in deliveries])))
        for delivery in deliveries:
            status = attempt(delivery, items[delivery.pk], moment)
            report.sent += 1
            setattr(report, status, getattr(report, status) + 1)


def send_ping(endpoint):
    """Send a test event to `endpoint` now (not retried); returns its delivery."""
    delivery = WebhookDelivery.objects.create(endpoint=endpoint, event_type=PING)
    attempt(delivery, ping_item(endpoint))
    return delivery


def next_due_in(now=None):
    """Seconds until the next retry is due (0 if one is due now), or None when nothing waits."""
    now = now or timezone.now()
    due = _due(now + timedelta(days=365)).order_by("next_attempt_at").values_list("next_attempt_at", flat=True).first()
    return None if due is None else max(0.0, (due - now).total_seconds())


def run(now=None):
    """One round: create deliveries for new changes, then send what is due."""
    created = fan_out()
    report = deliver_due(now)
    report.created = created
    return report


# --- scheduling ---------------------------------------------------------------------------


class BackgroundSender:
    """The embedded default's sender: one daemon thread per process, woken after each commit.

    It runs `run`, then sleeps until the next retry is due (at most MAX_IDLE_SECONDS) or
    until woken, and ends when nothing is waiting. Claims keep two processes from sending
    the same delivery twice.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._thread = None
        self._stopping = False

    def kick(self):
        with self._lock:
            self._stopping = False
            self._wake.set()
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._loop, name="webhook-sender", daemon=True)
                self._thread.start()

    def _loop(self):
        try:
            while not self._stopping:
                self._wake.clear()
                run()
                wait = next_due_in()
                with self._lock:
                    if wait is None and not self._wake.is_set():
                        self._thread = None
                        return
                self._wake.wait(timeout=min(wait if wait is not None else 0, MAX_IDLE_SECONDS))
        except Exception:  # noqa: BLE001
            # A database error must not kill the web process; undelivered rows stay pending for the next run.
            logger.exception("Webhook delivery stopped; pending deliveries wait for the next run")
        finally:
            connection.close()

    def stop(self, timeout=10):
        """Stop the thread (tests, shutdown) and wait for it."""
        with self._lock:
            self._stopping = True
            self._wake.set()
            thread = self._thread
        if thread is not None:
            thread.join(timeout)

    def wait_until_idle(self, timeout=10):
        """Wait for the current round to finish when nothing else is due (tests)."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
        return thread is None or not thread.is_alive()


background = BackgroundSender()


def schedule():
    """Start a delivery round after a commit: a Celery task when there is a broker, else the background thread."""
    if not _active_endpoints().exists():
        return
    if settings.CELERY_TASK_ALWAYS_EAGER:
        # Eager Celery would run the task inside the request; a partner's server must not slow publishing.
        background.kick()
        return
    from .tasks import deliver_webhooks

    try:
        deliver_webhooks.delay()
    except Exception:  # noqa: BLE001
        # The change is committed and the high-water mark has not moved: the periodic run delivers it.
        logger.exception("Could not queue webhook delivery; the periodic run will catch up")


@receiver(outbox_written, dispatch_uid="webhooks-after-commit")
def on_outbox_written(sender, events, **kwargs):
    transaction.on_commit(schedule)
