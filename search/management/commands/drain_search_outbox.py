"""Index pending catalogue changes now (the same work the background drain does)."""
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from search.outbox import drain, pending


class Command(BaseCommand):
    help = _("Index pending catalogue changes from the outbox into the search engine.")

    def handle(self, *args, **options):
        report = drain()
        self.stdout.write(_("Indexed %(indexed)s, removed %(deleted)s, events processed %(events)s, still pending %(pending)s.")
                          % {"indexed": report.indexed, "deleted": report.deleted, "events": report.events,
                             "pending": pending()})
        if report.error:
            raise CommandError(_("The search engine is unavailable; changes stay queued: %(error)s")
                               % {"error": report.error})
