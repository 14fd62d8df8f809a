"""Who may call what: API key scopes, and signed-in users for the teacher-facing writes.

`RequireScope("write")` lets through a key holding that scope, and, when `users=True`, a
signed-in user (session, with CSRF) — whose own permissions are then checked by
catalog.services. Scope checks never replace the services' permission checks. A request
with no credentials at all gets DRF's 401 `not_authenticated`.
"""
from django.utils.translation import gettext as _
from rest_framework.permissions import BasePermission

from .models import ApiKey


class RequireScope(BasePermission):
    """Use an instance in `permission_classes`; DRF calls it and gets a fresh copy per request."""

    code = "missing_scope"

    def __init__(self, scope, *, users=False):
        self.scope = scope
        self.users = users

    def __call__(self):
        return type(self)(self.scope, users=self.users)

    def has_permission(self, request, view):
        key = request.auth
        if isinstance(key, ApiKey):
            self.message = _("This API key lacks the “%(scope)s” scope.") % {"scope": self.scope}
            return key.has_scope(self.scope)
        self.message = _("This needs an API key with the “%(scope)s” scope.") % {"scope": self.scope}
        return bool(self.users and request.user and request.user.is_authenticated)
