"""Admin views that wrap catalogue services: remixing a resource from the page explorer."""
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import DomainError

from . import services
from .models import ResourcePage


@require_POST
def remix(request, page_id):
    """Create a remix draft in the teacher's centre and open it in the editor."""
    source = get_object_or_404(ResourcePage, pk=page_id)
    try:
        draft = services.remix_resource(request.user, source)
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect(reverse("wagtailadmin_explore", args=[source.get_parent().pk]))
    messages.success(request, _("Remix created as a draft. The source is credited automatically."))
    return redirect(reverse("wagtailadmin_pages:edit", args=[draft.pk]))
