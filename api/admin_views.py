"""Wagtail admin pages for API keys: list the keys a person manages, issue one (its value shown once), revoke one.

Every action calls `api.keys`, which decides who may issue and revoke what: administrators
and staff for partner keys, a centre's moderators for that centre's keys.
"""
from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from catalog.models import CentrePage
from catalog.services.centres import MODERATOR
from core.errors import DomainError

from .keys import create_key, keys_for, revoke_key
from .models import ApiKey, Partner, Scope


def may_see_keys(user):
    """Administrators, staff and centre moderators see the "API keys" menu item."""
    if user.is_superuser or user.is_staff:
        return True
    return CentrePage.objects.filter(moderators_group__in=user.groups.values("pk")).exists()


class IssueKeyForm(forms.Form):
    owner = forms.ChoiceField(label=gettext_lazy("Owner"))
    name = forms.CharField(label=gettext_lazy("Name"), max_length=100,
                           help_text=gettext_lazy("What the key is used for, e.g. \"Moodle sync\"."))
    scopes = forms.MultipleChoiceField(label=gettext_lazy("Scopes"), choices=Scope.choices,
                                       widget=forms.CheckboxSelectMultiple, initial=[Scope.READ])
    acts_as = forms.ModelChoiceField(label=gettext_lazy("Acts as"), required=False,
                                     queryset=get_user_model().objects.filter(is_active=True).order_by("username"),
                                     help_text=gettext_lazy("Needed to write: a teacher or moderator of the "
                                                            "owner's centre."))
    expires_at = forms.DateTimeField(label=gettext_lazy("Expires at"), required=False,
                                     widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = []
        if user.is_superuser or user.is_staff:
            choices += [(f"partner:{p.pk}", _("Partner: %(name)s") % {"name": p.name})
                        for p in Partner.objects.filter(is_active=True)]
        centres = CentrePage.objects.all() if user.is_superuser else CentrePage.objects.filter(
            moderators_group__in=user.groups.values("pk"))
        choices += [(f"centre:{c.pk}", _("Centre: %(name)s") % {"name": c.title}) for c in centres]
        self.fields["owner"].choices = choices

    def owner_object(self):
        kind, pk = self.cleaned_data["owner"].split(":")
        return (Partner if kind == "partner" else CentrePage).objects.get(pk=pk)


def key_list(request):
    if not may_see_keys(request.user):
        raise PermissionDenied
    form, issued = IssueKeyForm(request.user), None
    if request.method == "POST":
        form = IssueKeyForm(request.user, request.POST)
        if form.is_valid():
            try:
                key, raw = create_key(owner=form.owner_object(), name=form.cleaned_data["name"],
                                      scopes=form.cleaned_data["scopes"], acts_as=form.cleaned_data["acts_as"],
                                      expires_at=form.cleaned_data["expires_at"], user=request.user)
            except DomainError as exc:  # shown beside the form; nothing was saved
                field = getattr(exc, "field", None)
                form.add_error(field if field in form.fields else None, str(exc))
            else:
                issued = {"key": key, "raw": raw}
                form = IssueKeyForm(request.user)
    return render(request, "api/admin/keys.html", {
        "keys": keys_for(request.user), "form": form, "issued": issued, "moderator": MODERATOR,
    })


@require_POST
def revoke(request, key_id):
    key = get_object_or_404(ApiKey, pk=key_id)
    try:
        revoke_key(key, user=request.user)
    except DomainError as exc:  # not allowed, or already revoked
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Key “%(key)s” revoked: its next request is refused.") % {"key": key})
    return redirect("api_keys")
