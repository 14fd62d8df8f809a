"""Files attached to a resource: a document in the hub's storage or a file held elsewhere."""
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable


class ResourceFile(Orderable):
    """One file of a resource. Imported records may name files by URL only (`content_url`)."""

    page = ParentalKey("catalog.ResourcePage", on_delete=models.CASCADE, related_name="files")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    content_url = models.URLField(_("file URL"), max_length=1000, blank=True)
    name = models.CharField(_("file name"), max_length=255, blank=True)
    mime_type = models.CharField(_("media type"), max_length=100, blank=True)
    size = models.BigIntegerField(_("size in bytes"), null=True, blank=True)

    panels = [FieldPanel("document"), FieldPanel("content_url"), FieldPanel("name")]

    class Meta(Orderable.Meta):
        verbose_name = _("file")
        verbose_name_plural = _("files")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        if self.name:
            return self.name
        if self.document_id:
            return self.document.filename
        return self.content_url.rsplit("/", 1)[-1]

    @property
    def url(self):
        return self.document.url if self.document_id else self.content_url
