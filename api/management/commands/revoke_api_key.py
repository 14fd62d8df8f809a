"""`manage.py revoke_api_key PREFIX`: revoke an API key at once (by its prefix or the whole key)."""
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from api.keys import find_key, revoke_key
from core.errors import DomainError


class Command(BaseCommand):
    @property
    def help(self):
        return _("Revoke an API key; its next request is refused with 401.")

    def add_arguments(self, parser):
        parser.add_argument("key", help=_("The key's prefix (the part after “oerhub_”) or the whole key."))

    def handle(self, *args, key, **options):
        try:
            revoked = revoke_key(find_key(key))
        except DomainError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(_("Revoked: %(key)s") % {"key": revoked})
