"""Licence rules: attribution (TASL) text, what a remix may be licensed under, and course compatibility."""
from dataclasses import dataclass, field

from django.utils.translation import gettext as _


def family(licence):
    """Licences with the same conditions are interchangeable for compatibility (BY-SA 3.0 ~ 4.0)."""
    return (licence.requires_attribution, licence.allows_commercial, licence.allows_derivatives, licence.share_alike)


def allows_remix(licence):
    return licence is not None and licence.allows_derivatives


def remix_licence_ok(source, target):
    """May a derivative of a `source`-licensed work be released under `target`?"""
    if source is None or target is None or not source.allows_derivatives:
        return False
    if source.share_alike:
        return family(target) == family(source)
    if not source.allows_commercial and target.allows_commercial:
        return False
    if source.requires_attribution and not target.requires_attribution:
        return False
    return True


def _names(items):
    return ", ".join(sorted({str(i) for i in items}))


@dataclass
class LicenceReport:
    licences: list
    warnings: list = field(default_factory=list)

    @property
    def compatible(self):
        return not self.warnings


def combine(licences, course_licence=None):
    """Warnings for a work that combines materials under `licences` and is released under `course_licence`."""
    distinct = list({lic.pk: lic for lic in licences if lic is not None}.values())
    warnings = []
    share_alike = [lic for lic in distinct if lic.share_alike]
    sa_families = {family(lic) for lic in share_alike}
    non_commercial = [lic for lic in distinct if not lic.allows_commercial]
    no_derivatives = [lic for lic in distinct if not lic.allows_derivatives]
    if len(sa_families) > 1:
        warnings.append(
            _("Incompatible share-alike licences: %(names)s. Each requires adaptations to use the same licence, "
              "so they cannot be combined into one adapted work.") % {"names": _names(share_alike)}
        )
    commercial_sa = [lic for lic in share_alike if lic.allows_commercial]
    # A non-commercial share-alike licence next to BY-SA is already reported above.
    plain_nc = [lic for lic in non_commercial if not lic.share_alike]
    if commercial_sa and plain_nc:
        warnings.append(
            _("%(sa)s requires adaptations to keep that licence, which allows commercial use, but %(nc)s "
              "forbids commercial use: these materials cannot be combined into one adapted work.") % {"sa": _names(commercial_sa), "nc": _names(plain_nc)}
        )
    if no_derivatives:
        warnings.append(
            _("%(names)s forbids derivatives: include such materials unchanged and credit them; do not adapt them.")
            % {"names": _names(no_derivatives)}
        )
    if course_licence is not None:
        if non_commercial and course_licence.allows_commercial:
            warnings.append(
                _("The course licence %(course)s allows commercial use, but it includes non-commercial "
                  "materials (%(nc)s).") % {"course": course_licence, "nc": _names(non_commercial)}
            )
        clashing = [lic for lic in share_alike if family(lic) != family(course_licence)]
        if clashing:
            warnings.append(
                _("The course licence %(course)s differs from the share-alike licence of included "
                  "materials (%(sa)s).") % {"course": course_licence, "sa": _names(clashing)}
            )
    return LicenceReport(licences=distinct, warnings=warnings)


@dataclass
class Attribution:
    """Title, author, source, licence: what must travel with every copy, remix and export."""

    title: str
    authors: list
    source_url: str
    licence_name: str
    licence_url: str

    @property
    def text(self):
        parts = [f"“{self.title}”"]
        if self.authors:
            parts.append(_("by %(authors)s") % {"authors": ", ".join(self.authors)})
        if self.source_url:
            parts.append(_("source: %(url)s") % {"url": self.source_url})
        if self.licence_name:
            parts.append(_("licence: %(licence)s") % {"licence": self.licence_name})
        return ", ".join(parts)

    def __str__(self):
        return self.text


def attribution_for(resource):
    from .queries import public_url

    licence = resource.licence
    return Attribution(
        title=resource.title,
        authors=[a.name for a in resource.authors.all()],
        source_url=public_url(resource),
        licence_name=licence.name if licence else "",
        licence_url=licence.url if licence else "",
    )


def attribution_from_record(record):
    """Attribution from an AMB `isBasedOn` entry kept for a source outside the hub."""
    from .models import Licence

    licence = record.get("license") or {}
    licence = licence if isinstance(licence, dict) else {"id": str(licence)}
    licence_url, licence_name = licence.get("id", ""), licence.get("name", "")
    if licence_url and not licence_name:
        known = Licence.objects.filter(url=licence_url).first()
        licence_name = known.name if known else licence_url
    creators = record.get("creator") or []
    return Attribution(
        title=record.get("name") or record.get("id", ""),
        authors=[c.get("name", "") for c in creators if isinstance(c, dict) and c.get("name")],
        source_url=record.get("id", ""),
        licence_name=licence_name,
        licence_url=licence_url,
    )
