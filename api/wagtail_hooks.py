"""Wagtail admin for the partner API: partners (snippets), the API keys page, webhooks and their delivery log."""
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.admin.panels import FieldPanel
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .admin_views import key_list, may_see_keys, revoke
from .models import Partner, WebhookDelivery, WebhookEndpoint


class PartnerViewSet(SnippetViewSet):
    model = Partner
    icon = "site"
    menu_label = _("Partners")
    add_to_admin_menu = True
    list_display = ["name", "centre", "is_active", "created_at"]
    list_filter = ["is_active"]
    search_fields = ["name"]


register_snippet(PartnerViewSet)


@hooks.register("register_admin_urls")
def api_key_urls():
    return [
        path("api-keys/", key_list, name="api_keys"),
        path("api-keys/<int:key_id>/revoke/", revoke, name="api_key_revoke"),
    ]


class ApiKeysMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_keys(request.user)


@hooks.register("register_admin_menu_item")
def api_keys_menu_item():
    return ApiKeysMenuItem(_("API keys"), reverse("api_keys"), icon_name="key", order=900)


class ViewOnlyPermissionPolicy(ModelPermissionPolicy):
    """Staff with the view permission may read the webhook delivery log; nobody edits it by hand."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, "view")

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class WebhookEndpointViewSet(SnippetViewSet):
    """Partners' webhooks: staff can pause one (is_active) or correct its URL; partners manage theirs via the API."""

    model = WebhookEndpoint
    icon = "link-external"
    menu_label = _("Webhooks")
    list_display = ["url", "partner", "is_active", "consecutive_failures", "last_success_at", "last_failure_at"]
    list_filter = ["is_active", "partner"]
    search_fields = ["url", "description"]
    inspect_view_enabled = True
    panels = [FieldPanel("partner"), FieldPanel("url"), FieldPanel("description"), FieldPanel("event_types"),
              FieldPanel("is_active")]


class WebhookDeliveryViewSet(SnippetViewSet):
    """The delivery log, read-only: every attempt, its HTTP status and error."""

    model = WebhookDelivery
    icon = "list-ul"
    menu_label = _("Webhook deliveries")
    list_display = ["id", "endpoint", "event_type", "status", "attempts", "last_status_code", "next_attempt_at",
                    "created_at"]
    list_filter = ["status", "event_type"]
    inspect_view_enabled = True
    inspect_view_fields = ["endpoint", "change", "event_type", "status", "attempts", "created_at", "last_attempt_at",
                           "next_attempt_at", "delivered_at", "last_status_code", "last_error", "response_excerpt",
                           "attempt_log"]


register_permission_policy(WebhookDelivery, ViewOnlyPermissionPolicy(WebhookDelivery))


class WebhookViewSetGroup(SnippetViewSetGroup):
    items = (WebhookEndpointViewSet, WebhookDeliveryViewSet)
    menu_label = _("Webhooks")
    menu_icon = "link-external"
    add_to_admin_menu = True
    menu_order = 910


register_snippet(WebhookViewSetGroup)
