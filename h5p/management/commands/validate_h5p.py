"""`manage.py validate_h5p FILE...`: check H5P packages as an upload would, one line per file or problem."""
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from h5p.package import InvalidPackage, read_package


class Command(BaseCommand):
    @property
    def help(self):
        return _("Validate H5P packages the way an upload is validated. Prints OK or each rule broken; "
                 "the exit status is 1 when any package is invalid.")

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help=_("an .h5p file"))
        parser.add_argument("--language", choices=[code for code, _name in settings.LANGUAGES],
                            help=_("language of the messages (default: the site language, Vietnamese)"))

    def handle(self, *args, files, language=None, **options):
        with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
            invalid = sum(not self._check(name) for name in files)
            if invalid:
                raise CommandError(ngettext("%(invalid)s of %(total)s package is invalid.",
                                            "%(invalid)s of %(total)s packages are invalid.", len(files))
                                   % {"invalid": invalid, "total": len(files)}, returncode=1)

    def _check(self, name):
        """Print the verdict for one file; True when it is a valid package."""
        if not Path(name).is_file():
            self.stdout.write(_("%(file)s: no such file") % {"file": name})
            return False
        try:
            package = read_package(name)
        except InvalidPackage as refused:
            for problem in refused.problems:
                self.stdout.write(f"{name}: {problem}")
            return False
        main = package.main_library
        size = filesizeformat(package.size).replace("\xa0", " ")  # a plain space in a terminal
        libraries = ngettext("%(count)s library", "%(count)s libraries", len(package.libraries)) % {
            "count": len(package.libraries)}
        self.stdout.write(self.style.SUCCESS("OK") + f" {name} ({package.title}, {main.machine_name} "
                          f"{main.major}.{main.minor}, {libraries}, {size})")
        return True
