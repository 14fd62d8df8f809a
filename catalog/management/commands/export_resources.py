"""`manage.py export_resources FILE.jsonl`: write the published catalogue as AMB records (JSON Lines)."""
import io
import os
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from catalog.exporting import write_jsonl


def _utf8_stdout():
    """Standard output as UTF-8 whatever the locale says, as JSON Lines requires."""
    return io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="\n", write_through=True)


class Command(BaseCommand):
    @property
    def help(self):
        return _("Export published resources and courses as AMB records, one JSON object per line.")

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("Output file, or - for standard output."))

    def handle(self, *args, file, **options):
        if file == "-":
            out = self.stdout if options.get("stdout") else _utf8_stdout()
            try:
                report = write_jsonl(out)
                out.flush()
            except BrokenPipeError:
                # The reader stopped early (`export_resources - | head`): not an error of the export.
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
                return
            if out is not self.stdout:
                out.detach()  # leave sys.stdout open for whoever writes next
        else:
            try:
                report = write_jsonl(file)
            except OSError as exc:
                raise CommandError(
                    _("Cannot write %(path)s: %(error)s") % {"path": file, "error": exc.strerror}) from None
        self.stderr.write(_("Exported resources: %(resources)s, courses: %(courses)s.") % {
            "resources": report.resources, "courses": report.courses})
