"""`manage.py create_api_key`: issue an API key for a partner or a centre and print it once.

    python manage.py create_api_key --partner "Trường Đại học Mở Hà Nội" --scopes read,sync,write --acts-as admin
    python manage.py create_api_key --centre gdtx-ba-vi --scopes read --name "Moodle của trung tâm"
"""
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from api.keys import create_key
from api.models import Partner
from catalog.models import CentrePage
from core.errors import DomainError


def _one(queryset, value, what):
    found = list(queryset[:2])
    if len(found) != 1:
        raise CommandError(_("No single %(what)s matches “%(value)s”.") % {"what": what, "value": value})
    return found[0]


class Command(BaseCommand):
    @property
    def help(self):
        return _("Issue an API key for a partner or a centre. The key is printed once and cannot be shown again.")

    def add_arguments(self, parser):
        owner = parser.add_mutually_exclusive_group(required=True)
        owner.add_argument("--partner", help=_("Partner name or slug."))
        owner.add_argument("--centre", help=_("Centre slug."))
        parser.add_argument("--scopes", default="read", help=_("Comma-separated: read, sync, write (default read)."))
        parser.add_argument("--name", default="", help=_("What the key is for, e.g. \"Moodle sync\"."))
        parser.add_argument("--acts-as", metavar="USERNAME",
                            help=_("Account the key writes as; it must be a member of the owner's centre."))
        parser.add_argument("--expires-in-days", type=int, metavar="DAYS", help=_("Expire the key after DAYS days."))

    def handle(self, *args, partner=None, centre=None, scopes="read", name="", acts_as=None, expires_in_days=None,
               **options):
        if partner:
            owner = _one(Partner.objects.filter(Q(name=partner) | Q(slug=partner)), partner, _("partner"))
        else:
            owner = _one(CentrePage.objects.filter(slug=centre), centre, _("centre"))
        user = None
        if acts_as:
            user = get_user_model().objects.filter(username=acts_as).first()
            if user is None:
                raise CommandError(_("No account named “%(username)s”.") % {"username": acts_as})
        expires_at = None
        if expires_in_days is not None:
            if expires_in_days < 1:
                raise CommandError(_("--expires-in-days must be at least 1."))
            expires_at = timezone.now() + timedelta(days=expires_in_days)
        try:
            key, raw = create_key(owner=owner, name=name or _("Key for %(owner)s") % {"owner": owner},
                                  scopes=scopes, acts_as=user, expires_at=expires_at)
        except DomainError as exc:
            raise CommandError(str(exc)) from exc
        self.stderr.write(_("Key “%(name)s” for %(owner)s, scopes %(scopes)s. Shown once: store it now.")
                          % {"name": key.name, "owner": owner, "scopes": ", ".join(key.scopes)})
        self.stdout.write(raw)
