"""Background work of the API: delivering webhooks (after each write and periodically, see CELERY_BEAT_SCHEDULE)."""
from celery import shared_task


@shared_task(name="api.deliver_webhooks", ignore_result=True)
def deliver_webhooks():
    from .webhooks import run

    report = run()
    return {"created": report.created, "sent": report.sent, "succeeded": report.succeeded,
            "failed": report.failed, "gave_up": report.gave_up}
