"""Centres (cơ sở GDTX and partners) with their place in the province → district hierarchy."""
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class Province(models.Model):
    """A province or centrally-run city (tỉnh / thành phố trực thuộc trung ương)."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)

    panels = [FieldPanel("code"), FieldPanel("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self):
        return self.name


class District(models.Model):
    """A district-level unit of a province (quận, huyện, thị xã, thành phố thuộc tỉnh)."""

    province = models.ForeignKey(Province, verbose_name=_("province"), on_delete=models.PROTECT, related_name="districts")
    name = models.CharField(_("name"), max_length=100)

    panels = [FieldPanel("province"), FieldPanel("name")]

    class Meta:
        ordering = ["province__name", "name"]
        unique_together = [("province", "name")]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self):
        return f"{self.name}, {self.province.name}"


class CentreType(models.TextChoices):
    GDTX = "gdtx", _("Continuing-education centre (Trung tâm GDTX)")
    GDNN_GDTX = "gdnn_gdtx", _("Vocational and continuing-education centre (Trung tâm GDNN-GDTX)")
    TTHTCD = "tthtcd", _("Community learning centre (TTHTCĐ)")
    NNTH = "nnth", _("Foreign-language and IT centre (NNTH)")
    KNS = "kns", _("Life-skills centre (GDKNS)")
    SCHOOL = "school", _("School")
    UNIVERSITY = "university", _("Partner university")


class CentrePage(Page):
    """A centre's public page; its resources, courses and collections live in its subtree.

    Each centre has a teachers group (add and edit in the subtree), a moderators group
    (also publish) and its own review workflow; `catalog.services.setup_centre` makes them.
    """

    centre_type = models.CharField(_("type of centre"), max_length=20, choices=CentreType.choices)
    province = models.ForeignKey(Province, verbose_name=_("province"), on_delete=models.PROTECT, related_name="centres")
    district = models.ForeignKey(
        District, verbose_name=_("district"), null=True, blank=True, on_delete=models.PROTECT, related_name="centres",
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    description = RichTextField(_("description"), blank=True, features=["bold", "italic", "link", "ol", "ul"])
    teachers_group = models.OneToOneField(
        Group, verbose_name=_("teachers group"), null=True, blank=True, editable=False,
        on_delete=models.SET_NULL, related_name="teaching_centre",
    )
    moderators_group = models.OneToOneField(
        Group, verbose_name=_("moderators group"), null=True, blank=True, editable=False,
        on_delete=models.SET_NULL, related_name="moderated_centre",
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("centre_type"), FieldPanel("province"), FieldPanel("district")],
            heading=_("Where the centre sits"),
        ),
        FieldPanel("address"), FieldPanel("website"), FieldPanel("email"), FieldPanel("description"),
    ]
    search_fields = Page.search_fields + [index.SearchField("description")]
    parent_page_types = ["catalog.HomePage"]
    subpage_types = ["catalog.ResourcePage", "catalog.CoursePage", "catalog.CollectionPage"]
    template = "catalog/centre_page.html"

    class Meta:
        verbose_name = _("centre")
        verbose_name_plural = _("centres")

    @property
    def uri(self):
        return f"{settings.OER_VOCAB_BASE_URI}centre/{self.slug}"

    def get_context(self, request, *args, **kwargs):
        from ..queries import public_courses, public_resources

        context = super().get_context(request, *args, **kwargs)
        context["resources"] = public_resources().descendant_of(self).order_by("-first_published_at")[:50]
        context["courses"] = public_courses().descendant_of(self)
        return context
