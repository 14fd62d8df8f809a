"""What a refused H5P package broke: stable codes, translated messages, and the exception carrying them."""
from dataclasses import dataclass, field

from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.errors import ValidationFailed

# One message per rule. The code is stable (API clients, logs, tests); the message is for people
# and names what to fix. The entry (path inside the package) is shown beside it, not inside it.
MESSAGES = {
    # the archive itself (fatal: nothing further can be read)
    "h5p.empty": _("The file is empty."),
    "h5p.not_zip": _("The file is not a readable ZIP archive, so it is not an H5P package."),
    "h5p.corrupt": _("A file in the package is damaged and cannot be read (%(reason)s)."),
    "h5p.encrypted": _("The package is password-protected; H5P packages must not be encrypted."),
    "h5p.too_many_entries": _("The package holds %(count)s files; at most %(limit)s are allowed."),
    "h5p.too_large": _("The unpacked package would be larger than the %(limit)s allowed."),
    "h5p.zip_bomb": _("This file is compressed %(ratio)s times; more than %(limit)s times is refused as a zip bomb."),
    # paths and entry types
    "h5p.zip_slip": _("Unsafe file name in the package (%(reason)s)."),
    "h5p.symlink": _("The package contains a link or special file; only ordinary files and folders are allowed."),
    "h5p.duplicate_entry": _("The package contains this file name twice (letter case ignored)."),
    "h5p.file_type_not_allowed": _("Files of this type are not allowed in H5P packages. Allowed: %(allowed)s."),
    "h5p.content_mismatch": _("The file's content (%(detected)s) does not match its extension “.%(extension)s”."),
    "h5p.unsafe_svg": _("The SVG image contains active content (%(reason)s); remove it and upload again."),
    "h5p.file_too_large_to_check": _("This file is larger than the %(limit)s that can be checked."),
    # h5p.json and content
    "h5p.missing_h5p_json": _("The package has no h5p.json file at its top level."),
    "h5p.missing_content": _("The package has no content/content.json file."),
    "h5p.invalid_json": _("The file is not valid JSON (%(reason)s)."),
    "h5p.missing_property": _("The required property “%(property)s” is missing."),
    "h5p.invalid_property": _("The property “%(property)s” has an invalid value."),
    "h5p.main_library_not_preloaded": _("The main library %(library)s is not among the preloaded dependencies."),
    # libraries
    "h5p.invalid_library_name": _("“%(folder)s” is not a valid H5P library folder name."),
    "h5p.missing_library_json": _("The library folder “%(folder)s” has no library.json file."),
    "h5p.library_name_mismatch": _(
        "The folder name does not match library.json: expected “%(expected)s” (or “%(machine_name)s”)."
    ),
    "h5p.duplicate_library": _("The library %(library)s is included twice."),
    "h5p.missing_library_file": _("The library %(library)s lists the file “%(path)s”, which is not in the package."),
    "h5p.missing_library": _("The library %(library)s is required but not included in the package."),
    "h5p.invalid_language_file": _("Invalid language file name in the library."),
}

# Refusals after which the rest of the package cannot (or should not) be read.
FATAL = frozenset({
    "h5p.empty", "h5p.not_zip", "h5p.corrupt", "h5p.encrypted",
    "h5p.too_many_entries", "h5p.too_large", "h5p.zip_bomb",
})


@dataclass(frozen=True)
class Problem:
    """One broken rule: `code` is stable, `entry` the path inside the package (or "" for the whole file)."""

    code: str
    entry: str = ""
    params: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def message(self):
        """The message in the active language."""
        return force_str(MESSAGES[self.code]) % self.params if self.params else force_str(MESSAGES[self.code])

    @property
    def fatal(self):
        return self.code in FATAL

    def __str__(self):
        return f"{self.message} ({self.entry})" if self.entry else self.message


class Fatal(Exception):
    """Raised inside the reader to stop at a refusal after which nothing more can be read."""

    def __init__(self, problem):
        self.problem = problem
        super().__init__(problem.code)


class InvalidPackage(ValidationFailed):
    """The package was refused; `problems` lists every rule broken, the first one gives code and message."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__(_Summary(self.problems), code=self.problems[0].code, field="file")


class _Summary:
    """The first problem (and how many more), rendered in the language active when it is shown."""

    def __init__(self, problems):
        self.problems = problems

    def __str__(self):
        first, more = str(self.problems[0]), len(self.problems) - 1
        if not more:
            return first
        return ngettext("%(first)s (and %(more)s more problem)", "%(first)s (and %(more)s more problems)", more) % {
            "first": first, "more": more,
        }
