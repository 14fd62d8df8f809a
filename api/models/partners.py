"""Partner organisations: universities, LMSs and smart-classroom vendors that sync with the hub."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class Partner(models.Model):
    """An organisation outside the hub's centres that holds API keys and webhooks."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    website = models.URLField(_("website"), blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    centre = models.ForeignKey(
        "catalog.CentrePage", verbose_name=_("centre"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="partners",
        help_text=_("Where resources the partner sends through the API are kept (usually its own centre page "
                    "of type university). Without one, its keys cannot write."))
    is_active = models.BooleanField(
        _("active"), default=True,
        help_text=_("An inactive partner's keys stop working and its webhooks are not called."))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self):
        return self.name
