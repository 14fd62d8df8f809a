"""Background work for search: draining the outbox (after each write and periodically)."""
import logging

from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task(name="search.drain_outbox", ignore_result=True)
def drain_outbox():
    from .outbox import drain

    report = drain()
    if report.error:
        logger.warning("Outbox drain stopped: %s", report.error)
    return {"indexed": report.indexed, "deleted": report.deleted, "events": report.events, "error": report.error}
