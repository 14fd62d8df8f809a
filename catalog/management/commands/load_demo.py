"""`manage.py load_demo`: load the Vietnamese demo catalogue (centres, accounts, resources, courses, collections).

Safe to repeat: a second run creates nothing and says so. Demo accounts (all with the
password `hoclieu2025`) are made only with DEBUG on or `--with-demo-users`.
"""
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from catalog.demo import DEMO_PASSWORD, load_demo
from catalog.models import CentrePage, CollectionPage, CoursePage, ResourcePage


def _table(rows):
    """Plain-text table: the first row is the header."""
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


class Command(BaseCommand):
    @property
    def help(self):
        return _("Load the Vietnamese demo catalogue: centres, demo accounts, resources, courses and collections. "
                 "Safe to run again.")

    def add_arguments(self, parser):
        parser.add_argument("--with-demo-users", action="store_true",
                            help=_("Create the demo accounts even when DEBUG is off "
                                   "(never do this on a public server)."))
        parser.add_argument("--no-progress", action="store_true", help=_("Do not show a progress bar."))

    def handle(self, *args, with_demo_users=False, no_progress=False, **options):
        with_users = settings.DEBUG or with_demo_users
        progress = not no_progress and sys.stderr.isatty()
        self.stdout.write(_("Loading the demo catalogue…"))
        report = load_demo(with_users=with_users, progress=progress)

        self.stdout.write(_("Centres: %(created)s created.") % {"created": report.centres_created})
        if report.users_skipped:
            self.stdout.write(self.style.WARNING(
                _("Demo accounts skipped: DEBUG is off. Pass --with-demo-users to create them.")))
        else:
            self._print_accounts(report.accounts)
        self.stdout.write(_("Resources: %(summary)s") % {"summary": report.resources.summary()})
        self.stdout.write(_("Courses: %(summary)s") % {"summary": report.courses.summary()})
        if report.rejections:
            for name, line, reason in report.rejections:
                self.stderr.write(_("%(file)s line %(line)s: %(reason)s")
                                  % {"file": name, "line": line, "reason": reason})
            count = len(report.rejections)
            raise CommandError(ngettext(
                "%(count)s demo record was refused, so collections and review drafts were not created.",
                "%(count)s demo records were refused, so collections and review drafts were not created.",
                count) % {"count": count})
        self.stdout.write(_("Collections: %(created)s created.") % {"created": report.collections_created})
        if not report.users_skipped:
            self.stdout.write(_("Drafts waiting for review: %(created)s created.") % {"created": report.drafts_created})
            self._demo_partner()
        self._print_summary(report)

    def _demo_partner(self):
        """The demo university as an API partner with a publicly known DEMO key (docs/partners.md's curl examples)."""
        # Imported here: the command wires the demo together; the catalogue itself never depends on the API.
        from django.contrib.auth import get_user_model

        from api.keys import DEMO_KEY, DEMO_PARTNER_SLUG, ensure_demo_partner

        centre = CentrePage.objects.filter(slug=DEMO_PARTNER_SLUG).first()
        moderator = get_user_model().objects.filter(username="kd.ninhkieu").first()
        if centre is None or moderator is None:
            return
        partner, _created = ensure_demo_partner(centre, moderator)
        self.stdout.write(_("Demo API partner “%(partner)s”; its DEMO key (public, for this machine only; revoke "
                            "it with `manage.py revoke_api_key demo` on a server others can reach): %(key)s")
                          % {"partner": partner, "key": DEMO_KEY})

    def _print_accounts(self, accounts):
        roles = {"admin": _("administrator"), "teacher": _("teacher"), "moderator": _("moderator")}
        rows = [(_("Username"), _("Full name"), _("Role"), _("Centre"), pgettext("demo account table: account created by this run", "New"))]
        rows += [(a.username, a.full_name, roles[a.role], a.centre, _("yes") if a.created else _("no"))
                 for a in accounts]
        self.stdout.write(_("Demo accounts (password for all: %(password)s):") % {"password": DEMO_PASSWORD})
        self.stdout.write(_table(rows))

    def _print_summary(self, report):
        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        if report.changed:
            self.stdout.write(self.style.SUCCESS(_("Demo catalogue loaded.")))
        else:
            self.stdout.write(self.style.SUCCESS(_("Nothing changed: the demo catalogue was already loaded.")))
        self.stdout.write(_("The catalogue now holds %(centres)s centres, %(resources)s published resources, "
                            "%(courses)s courses and %(collections)s collections.") % {
            "centres": CentrePage.objects.count(),
            "resources": ResourcePage.objects.live().count(),
            "courses": CoursePage.objects.live().count(),
            "collections": CollectionPage.objects.live().count(),
        })
        self.stdout.write(_("Public site: %(url)s/") % {"url": base})
        self.stdout.write(_("Administration: %(url)s/admin/") % {"url": base})
