"""Schedules an outbox drain once the transaction that wrote outbox events has committed."""
import logging

from django.db import transaction
from django.dispatch import receiver

from catalog.services.events import outbox_written

logger = logging.getLogger(__name__)


def schedule_drain():
    from .tasks import drain_outbox

    try:
        drain_outbox.delay()
    except Exception:  # noqa: BLE001
        # The change itself is committed and its outbox row is safe; a broken broker or engine
        # must not turn a successful save into an error. The periodic drain catches up.
        logger.exception("Could not start the search outbox drain; the periodic drain will catch up")


@receiver(outbox_written, dispatch_uid="search-drain-after-commit")
def on_outbox_written(sender, events, **kwargs):
    # After commit (a rollback discards it). A second drain in the same commit finds nothing
    # left to do, so writes that record several batches of events need no bookkeeping here.
    transaction.on_commit(schedule_drain)
