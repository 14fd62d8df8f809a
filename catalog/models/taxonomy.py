"""Controlled vocabularies: topics (a tree), resource types (HCRT), audiences, levels, languages, licences."""
from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class BilingualTerm(models.Model):
    """A vocabulary term named in Vietnamese and English; `label` follows the active language."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name (Vietnamese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    sort_order = models.IntegerField(_("sort order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("name_en"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.label

    @property
    def label(self):
        if (get_language() or "vi").startswith("en") and self.name_en:
            return self.name_en
        return self.name

    @property
    def labels(self):
        """Both names, as AMB's `prefLabel` carries them."""
        labels = {"vi": self.name}
        if self.name_en:
            labels["en"] = self.name_en
        return labels


class Topic(index.Indexed, BilingualTerm):
    """A programme or subject from DOMAIN.md; topics form a tree (XMC → mức độ 1, ...)."""

    parent = models.ForeignKey(
        "self", verbose_name=_("parent topic"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    abbreviation = models.CharField(_("abbreviation"), max_length=40, blank=True)

    panels = BilingualTerm.panels + [FieldPanel("parent"), FieldPanel("abbreviation")]
    search_fields = [index.SearchField("name"), index.SearchField("name_en"), index.AutocompleteField("name")]

    class Meta(BilingualTerm.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    @property
    def uri(self):
        return f"{settings.OER_VOCAB_BASE_URI}topic/{self.slug}"

    def ancestors(self):
        """Topics above this one, the root first."""
        chain, node, seen = [], self.parent, {self.pk}
        while node is not None and node.pk not in seen:
            seen.add(node.pk)
            chain.append(node)
            node = node.parent
        return list(reversed(chain))

    def descendant_ids(self):
        """Ids of this topic and every topic below it (the tree is small; one query)."""
        by_parent = {}
        for pk, parent_id in Topic.objects.values_list("pk", "parent_id"):
            by_parent.setdefault(parent_id, []).append(pk)
        ids, stack = [], [self.pk]
        while stack:
            pk = stack.pop()
            ids.append(pk)
            stack.extend(by_parent.get(pk, []))
        return ids


class ResourceType(BilingualTerm):
    """Kind of material, mapped to the Hochschulcampus Ressourcentypen (HCRT) vocabulary."""

    hcrt_uri = models.URLField(_("HCRT URI"), unique=True)

    panels = BilingualTerm.panels + [FieldPanel("hcrt_uri")]

    class Meta(BilingualTerm.Meta):
        verbose_name = _("resource type")
        verbose_name_plural = _("resource types")

    @property
    def uri(self):
        return self.hcrt_uri


class Audience(BilingualTerm):
    """Intended audience role (LRMI educationalAudienceRole)."""

    uri = models.URLField(_("URI"), unique=True)

    panels = BilingualTerm.panels + [FieldPanel("uri")]

    class Meta(BilingualTerm.Meta):
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")


class EducationalLevel(BilingualTerm):
    """Level of a learner: literacy levels, GDTX THCS/THPT, the 6-level language framework..."""

    uri = models.URLField(_("URI"), unique=True)

    panels = BilingualTerm.panels + [FieldPanel("uri")]

    class Meta(BilingualTerm.Meta):
        verbose_name = _("educational level")
        verbose_name_plural = _("educational levels")


class Language(models.Model):
    """A content language by ISO 639-1 code, or ISO 639-3 where no two-letter code exists."""

    code = models.CharField(_("code"), max_length=8, unique=True)
    name = models.CharField(_("name (Vietnamese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    sort_order = models.IntegerField(_("sort order"), default=0)

    panels = [FieldPanel("code"), FieldPanel("name"), FieldPanel("name_en"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self):
        return self.label

    label = BilingualTerm.label


class Licence(models.Model):
    """An open licence (Creative Commons or public domain) with the flags reuse depends on."""

    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    url = models.URLField(_("canonical URI"), unique=True)
    allows_derivatives = models.BooleanField(_("allows derivatives (remix)"), default=True)
    allows_commercial = models.BooleanField(_("allows commercial use"), default=True)
    share_alike = models.BooleanField(_("share-alike"), default=False)
    requires_attribution = models.BooleanField(_("requires attribution"), default=True)
    is_open = models.BooleanField(
        _("open licence"), default=True,
        help_text=_("Only open licences may be used for materials in the hub."),
    )
    sort_order = models.IntegerField(_("sort order"), default=0)

    panels = [
        FieldPanel("name"), FieldPanel("slug"), FieldPanel("url"),
        FieldPanel("allows_derivatives"), FieldPanel("allows_commercial"),
        FieldPanel("share_alike"), FieldPanel("requires_attribution"),
        FieldPanel("is_open"), FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("licence")
        verbose_name_plural = _("licences")

    def __str__(self):
        return self.name
