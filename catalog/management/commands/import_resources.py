"""`manage.py import_resources FILE.jsonl`: import AMB records (JSON Lines) as resources and courses."""
import io
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from catalog.importing import import_file, import_records
from catalog.models import CentrePage


class Command(BaseCommand):
    @property
    def help(self):
        return _("Import AMB records (one JSON object per line) as resources and courses; matched by their id.")

    # Tests pass a text stream here instead of replacing sys.stdin.
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("JSON Lines file, or - for standard input."))
        parser.add_argument("--centre", metavar="SLUG",
                            help=_("Put every new record in this centre, whatever its sourceOrganization says."))
        parser.add_argument("--publish", action="store_true",
                            help=_("Publish new and changed records (otherwise they are saved as drafts)."))
        parser.add_argument("--no-progress", action="store_true", help=_("Do not show a progress bar."))

    def handle(self, *args, file, centre=None, publish=False, no_progress=False, **options):
        centre_page = None
        if centre:
            centre_page = CentrePage.objects.filter(slug=centre).first()
            if centre_page is None:
                raise CommandError(_("No centre with the slug “%(slug)s”.") % {"slug": centre})
        progress = not no_progress and sys.stderr.isatty()
        settings = {"centre": centre_page, "publish": publish, "progress": progress}
        report = self._import(file, options.get("stdin"), settings)
        self.stdout.write(report.summary())
        for line_number, reason in report.rejections:
            self.stderr.write(_("line %(number)s: %(reason)s") % {"number": line_number, "reason": reason})
        if report.rejected:
            raise CommandError(_("Records rejected: %(count)s.") % {"count": report.rejected})

    def _import(self, file, stdin, settings):
        if file == "-":
            if stdin is not None:
                return import_records(stdin, **settings)
            stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="surrogateescape")
            try:
                return import_records(stdin, **settings)
            finally:
                stdin.detach()  # leave sys.stdin itself open
        try:
            return import_file(file, **settings)
        except FileNotFoundError:
            raise CommandError(_("File not found: %(path)s") % {"path": file}) from None
        except (IsADirectoryError, PermissionError) as exc:
            raise CommandError(_("Cannot read %(path)s: %(error)s") % {"path": file, "error": exc.strerror}) from None
