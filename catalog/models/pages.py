"""Page types of the catalogue: home, resource, course and collection.

Resources, courses and collections live under a centre page (`centres.py`), so
Wagtail's page permissions and the centre's review workflow apply to them.
"""
import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from .. import licences
from ..panels import LicenceWarningsPanel

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul", "hr", "document-link", "image", "embed"]


class SourceIdentified(models.Model):
    """A stable identifier shared with partners (AMB `id`); minted as a URN when not imported."""

    source_id = models.CharField(
        _("source identifier"), max_length=500, unique=True, blank=True,
        help_text=_("Stable identifier used in metadata exchange. Leave empty to generate one."),
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.source_id:
            self.source_id = f"urn:uuid:{uuid.uuid4()}"
        super().save(*args, **kwargs)


class HomePage(RoutablePageMixin, Page):
    """The site root: recent materials and courses, browsing by topic, the list of centres."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["catalog.CentrePage", "catalog.CollectionPage"]
    max_count = 1
    template = "catalog/home_page.html"

    class Meta:
        verbose_name = _("home page")

    @path("")
    def home(self, request):
        from ..views import home_context

        return self.render(request, context_overrides=home_context(request))

    @path("tai-lieu/")
    def browse_resources(self, request):
        from ..views import browse_resources

        return browse_resources(request, self)

    @path("khoa-hoc/")
    def browse_courses(self, request):
        from ..views import browse_courses

        return browse_courses(request, self)

    @path("trung-tam/")
    def browse_centres(self, request):
        from ..views import browse_centres

        return browse_centres(request, self)


class ResourceTag(TaggedItemBase):
    content_object = ParentalKey("catalog.ResourcePage", on_delete=models.CASCADE, related_name="tagged_items")


class AuthorKind(models.TextChoices):
    PERSON = "Person", _("Person")
    ORGANIZATION = "Organization", _("Organisation")


class ResourceAuthor(Orderable):
    """An author (creator) of a resource, in the order given."""

    page = ParentalKey("catalog.ResourcePage", on_delete=models.CASCADE, related_name="authors")
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("author type"), max_length=20, choices=AuthorKind.choices, default=AuthorKind.PERSON)
    identifier = models.URLField(_("identifier (ORCID, website)"), max_length=500, blank=True)
    affiliation = models.CharField(_("affiliation"), max_length=255, blank=True)

    panels = [FieldPanel("name"), FieldPanel("kind"), FieldPanel("identifier"), FieldPanel("affiliation")]

    class Meta(Orderable.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return self.name


class ResourcePage(SourceIdentified, Page):
    """A learning resource: a file, a link or an interactive package, with its description and licence."""

    summary = models.TextField(_("summary"), help_text=_("Two or three sentences a learner reads in search results."))
    body = RichTextField(_("body"), blank=True, features=RICH_TEXT_FEATURES)
    external_url = models.URLField(_("external link"), max_length=1000, blank=True)
    resource_type = models.ForeignKey(
        "catalog.ResourceType", verbose_name=_("resource type"), null=True, on_delete=models.PROTECT, related_name="+",
    )
    licence = models.ForeignKey(
        "catalog.Licence", verbose_name=_("licence"), null=True, on_delete=models.PROTECT, related_name="+",
        limit_choices_to={"is_open": True},
    )
    topics = ParentalManyToManyField("catalog.Topic", verbose_name=_("topics"), related_name="resources")
    audiences = ParentalManyToManyField("catalog.Audience", verbose_name=_("audiences"), blank=True, related_name="+")
    levels = ParentalManyToManyField(
        "catalog.EducationalLevel", verbose_name=_("educational levels"), blank=True, related_name="+",
    )
    languages = ParentalManyToManyField("catalog.Language", verbose_name=_("languages"), related_name="+")
    keywords = ClusterTaggableManager(_("keywords"), through=ResourceTag, blank=True)
    date_created = models.DateField(_("date created"), null=True, blank=True)
    based_on = models.ForeignKey(
        "self", verbose_name=_("based on"), null=True, blank=True, on_delete=models.SET_NULL, related_name="remixes",
    )
    based_on_record = models.JSONField(
        _("source record"), default=dict, blank=True, editable=False,
        help_text=_("Title, authors, licence and identifier of an external source this resource adapts."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("resource_type"), FieldPanel("topics"), FieldPanel("audiences"),
             FieldPanel("levels"), FieldPanel("languages"), FieldPanel("keywords")],
            heading=_("Classification"),
        ),
        MultiFieldPanel(
            [FieldPanel("licence"), InlinePanel("authors", label=_("Authors")), FieldPanel("date_created")],
            heading=_("Licence and authors"),
        ),
        MultiFieldPanel(
            [InlinePanel("files", label=_("Files")), FieldPanel("external_url")],
            heading=_("Files and link"),
        ),
    ]
    settings_panels = Page.settings_panels + [FieldPanel("source_id"), PageChooserPanel("based_on", "catalog.ResourcePage")]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["catalog.CentrePage"]
    subpage_types = []
    exclude_fields_in_copy = ["source_id"]
    template = "catalog/resource_page.html"

    class Meta:
        verbose_name = _("learning resource")
        verbose_name_plural = _("learning resources")

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.licence_id and not self.licence.is_open:
            raise ValidationError({"licence": _("Only open licences may be used.")})
        if self.based_on_id and self.based_on_id == self.pk:
            raise ValidationError({"based_on": _("A resource cannot be based on itself.")})

    @property
    def centre(self):
        from .centres import CentrePage

        return CentrePage.objects.ancestor_of(self).first()

    @property
    def author_names(self):
        return [author.name for author in self.authors.all()]

    def attribution(self):
        return licences.attribution_for(self)

    def source_attribution(self):
        """TASL of the work this one adapts, from the linked page or the imported record."""
        if self.based_on_id:
            return licences.attribution_for(self.based_on)
        if self.based_on_record:
            return licences.attribution_from_record(self.based_on_record)
        return None


class CoursePage(SourceIdentified, Page):
    """A short course (bồi dưỡng ngắn hạn): ordered modules of lessons that point at resources."""

    summary = models.TextField(_("summary"))
    body = RichTextField(_("description"), blank=True, features=RICH_TEXT_FEATURES)
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=1, null=True, blank=True)
    completion_criteria = models.TextField(_("completion criteria"), blank=True)
    licence = models.ForeignKey(
        "catalog.Licence", verbose_name=_("licence"), null=True, on_delete=models.PROTECT, related_name="+",
        limit_choices_to={"is_open": True},
    )
    topics = ParentalManyToManyField("catalog.Topic", verbose_name=_("topics"), blank=True, related_name="courses")
    audiences = ParentalManyToManyField("catalog.Audience", verbose_name=_("audiences"), blank=True, related_name="+")
    levels = ParentalManyToManyField(
        "catalog.EducationalLevel", verbose_name=_("educational levels"), blank=True, related_name="+",
    )
    languages = ParentalManyToManyField("catalog.Language", verbose_name=_("languages"), blank=True, related_name="+")
    modules = StreamField(
        [
            ("module", blocks.StructBlock(
                [
                    ("title", blocks.CharBlock(label=_("Module title"))),
                    ("summary", blocks.TextBlock(label=_("Summary"), required=False)),
                    ("lessons", blocks.ListBlock(
                        blocks.StructBlock(
                            [
                                ("title", blocks.CharBlock(label=_("Lesson title"), required=False)),
                                ("resource", blocks.PageChooserBlock(label=_("Resource"), page_type="catalog.ResourcePage")),
                                ("hours", blocks.DecimalBlock(label=_("Hours"), required=False, decimal_places=1)),
                            ],
                            label=_("Lesson"),
                        ),
                        label=_("Lessons"),
                    )),
                ],
                label=_("Module"),
            )),
        ],
        verbose_name=_("modules"), blank=True,
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"), FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("hours"), FieldPanel("topics"), FieldPanel("audiences"), FieldPanel("levels"),
             FieldPanel("languages"), FieldPanel("licence"), FieldPanel("completion_criteria")],
            heading=_("About the course"),
        ),
        FieldPanel("modules"),
        LicenceWarningsPanel(heading=_("Licence compatibility")),
    ]
    settings_panels = Page.settings_panels + [FieldPanel("source_id")]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["catalog.CentrePage"]
    subpage_types = []
    exclude_fields_in_copy = ["source_id"]
    template = "catalog/course_page.html"

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def lesson_resource_ids(self):
        """Ids of the resources the lessons point at, in course order."""
        ids = []
        for module in self.modules:
            for lesson in module.value["lessons"]:
                page = lesson["resource"]
                if page is not None:
                    ids.append(page.pk)
        return ids

    def lesson_resources(self):
        by_id = {p.pk: p for p in ResourcePage.objects.filter(pk__in=self.lesson_resource_ids()).select_related("licence")}
        return [by_id[pk] for pk in self.lesson_resource_ids() if pk in by_id]

    def licence_report(self):
        """Licences combined by this course, and the warnings a teacher must see."""
        return licences.combine([r.licence for r in self.lesson_resources() if r.licence_id], course_licence=self.licence)


class CollectionItem(Orderable):
    page = ParentalKey("catalog.CollectionPage", on_delete=models.CASCADE, related_name="items")
    item = models.ForeignKey("wagtailcore.Page", verbose_name=_("resource or course"), on_delete=models.CASCADE, related_name="+")
    note = models.CharField(_("curator's note"), max_length=255, blank=True)

    panels = [PageChooserPanel("item", ["catalog.ResourcePage", "catalog.CoursePage"]), FieldPanel("note")]


class CollectionPage(Page):
    """A curated set of resources and courses, such as a reading-week shelf (tủ sách cùng học)."""

    summary = models.TextField(_("summary"), blank=True)
    topics = ParentalManyToManyField("catalog.Topic", verbose_name=_("topics"), blank=True, related_name="collections")

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("topics"), InlinePanel("items", label=_("Items"))]
    parent_page_types = ["catalog.HomePage", "catalog.CentrePage"]
    subpage_types = []
    template = "catalog/collection_page.html"

    class Meta:
        verbose_name = _("collection")
        verbose_name_plural = _("collections")

    def public_items(self):
        from ..queries import public_pages

        visible = set(public_pages().filter(pk__in=[i.item_id for i in self.items.all()]).values_list("pk", flat=True))
        return [i for i in self.items.all() if i.item_id in visible]
