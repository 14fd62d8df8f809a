"""Rebuild the search index from the catalogue: new index, bulk load with a progress bar, atomic swap."""
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from search.backends import get_search_backend
from search.backends.base import BackendUnavailable
from search.schema import documents_of

from catalog.models import CoursePage, ResourcePage
from catalog.queries import public_courses, public_resources


def all_documents(chunk=500):
    """Index documents for every live, public resource and course, streamed in chunks."""
    for queryset in (ResourcePage.objects.live().public(), CoursePage.objects.live().public()):
        ids = list(queryset.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), chunk):
            yield from documents_of(queryset.filter(pk__in=ids[start:start + chunk]).order_by("pk"))


class Command(BaseCommand):
    help = _("Rebuild the search index from the published catalogue without interrupting searches.")

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help=_("Do not show a progress bar."))

    def handle(self, *args, **options):
        backend = get_search_backend()
        total = public_resources().count() + public_courses().count()
        show = not options["no_progress"] and sys.stderr.isatty()
        with tqdm(total=total, disable=not show, file=sys.stderr, unit=" " + _("documents")) as bar:
            try:
                backend.rebuild(all_documents(), progress=bar.update)
            except BackendUnavailable as exc:
                raise CommandError(_("The search engine is unavailable: %(error)s") % {"error": exc}) from exc
        self.stdout.write(_("Search index rebuilt: %(count)s documents (%(backend)s).")
                          % {"count": backend.count(), "backend": backend.name})


