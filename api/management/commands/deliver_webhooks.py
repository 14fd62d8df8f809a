"""Create and send due webhook deliveries now, as the periodic `deliver-webhooks` task does (for cron and operators)."""
from django.core.management.base import BaseCommand
from django.db.models import Count
from django.utils.translation import gettext as _

from api.models import DeliveryStatus, WebhookDelivery
from api.webhooks import run


class Command(BaseCommand):
    help = _("Create deliveries for new changes and send every webhook delivery that is due.")

    def handle(self, *args, **options):
        report = run()
        waiting = dict(WebhookDelivery.objects.filter(status__in=[DeliveryStatus.PENDING, DeliveryStatus.FAILED])
                       .values_list("status").annotate(n=Count("id")).values_list("status", "n"))
        self.stdout.write(
            _("Deliveries created: %(created)s; sent: %(sent)s (succeeded %(succeeded)s, failed %(failed)s, "
              "gave up %(gave_up)s); waiting for a retry: %(waiting)s.")
            % {"created": report.created, "sent": report.sent, "succeeded": report.succeeded,
               "failed": report.failed, "gave_up": report.gave_up,
               "waiting": waiting.get(DeliveryStatus.PENDING, 0) + waiting.get(DeliveryStatus.FAILED, 0)})
