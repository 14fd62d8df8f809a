"""Wagtail admin registration: vocabularies as snippets, centre set-up, remix button, licence warnings."""
from django.contrib import messages
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import licences
from .admin_views import remix
from .models import (
    Audience, CentrePage, CoursePage, District, EducationalLevel, Language, Licence, Province, ResourcePage,
    ResourceType, Topic,
)
from .services import centres_for_user, setup_centre


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "list-ul"
    list_display = ["name", "name_en", "parent", "abbreviation"]
    list_filter = ["parent"]
    search_fields = ["name", "name_en"]


class TermViewSet(SnippetViewSet):
    icon = "tag"
    list_display = ["name", "name_en", "slug"]


class ResourceTypeViewSet(TermViewSet):
    model = ResourceType
    list_display = ["name", "name_en", "hcrt_uri"]


class AudienceViewSet(TermViewSet):
    model = Audience


class LevelViewSet(TermViewSet):
    model = EducationalLevel


class LanguageViewSet(SnippetViewSet):
    model = Language
    icon = "globe"
    list_display = ["code", "name", "name_en"]


class LicenceViewSet(SnippetViewSet):
    model = Licence
    icon = "doc-full"
    list_display = ["name", "url", "allows_derivatives", "allows_commercial", "share_alike", "is_open"]


class ProvinceViewSet(SnippetViewSet):
    model = Province
    icon = "site"
    list_display = ["code", "name"]


class DistrictViewSet(SnippetViewSet):
    model = District
    icon = "site"
    list_display = ["name", "province"]
    list_filter = ["province"]


class VocabularyGroup(SnippetViewSetGroup):
    menu_label = _("Vocabularies")
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (
        TopicViewSet, ResourceTypeViewSet, AudienceViewSet, LevelViewSet, LanguageViewSet, LicenceViewSet,
        ProvinceViewSet, DistrictViewSet,
    )


register_snippet(VocabularyGroup)


@hooks.register("after_create_page")
def set_up_new_centre(request, page):
    """A centre created in the page editor gets its groups, permissions and workflow at once."""
    if isinstance(page.specific, CentrePage):
        setup_centre(page.specific)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_about_course_licences(request, page):
    page = page.specific
    if isinstance(page, CoursePage):
        draft = page.get_latest_revision_as_object()
        for warning in draft.licence_report().warnings:
            messages.warning(request, warning)


@hooks.register("register_admin_urls")
def catalogue_admin_urls():
    return [path("catalog/remix/<int:page_id>/", remix, name="catalog_remix")]


class RemixButton(Button):
    """POSTs to the remix view; a form-backed button so the action is CSRF-protected."""

    template_name = "catalog/admin/remix_button.html"


@hooks.register("register_page_header_buttons")
@hooks.register("register_page_listing_more_buttons")
def remix_button(page, user, next_url=None, view_name=None):
    page = page.specific
    if isinstance(page, ResourcePage) and page.live and licences.allows_remix(page.licence):
        if centres_for_user(user).exists():
            yield RemixButton(
                _("Remix into my centre"), reverse("catalog_remix", args=[page.pk]), icon_name="copy", priority=25,
            )
