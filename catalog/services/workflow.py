"""The review workflow: teachers submit, the centre's moderators approve (publish) or request changes."""
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.errors import Conflict, PermissionRefused, ValidationFailed

from .resources import _require_publishable


def _fresh(page):
    return page.specific_class.objects.get(pk=page.pk)


def _current_task_state(page):
    state = page.current_workflow_state
    if state is None or state.current_task_state is None:
        raise Conflict(_("This material is not waiting for review."), code="not_in_review")
    return state.current_task_state


def _check_moderator(user, page, task_state):
    if not task_state.task.specific.get_actions(page, user):
        raise PermissionRefused(_("Only the centre's moderators can review this material."))


@transaction.atomic
def submit_for_review(user, page):
    """Start the centre's workflow on the latest revision of `page`."""
    page = _fresh(page)
    if not page.permissions_for_user(user).can_edit():
        raise PermissionRefused(_("You cannot submit materials of another centre."))
    if page.current_workflow_state is not None:
        raise Conflict(_("This material is already waiting for review."), code="already_in_review")
    _require_publishable(page.get_latest_revision_as_object())
    workflow = page.get_workflow()
    if workflow is None:
        raise ValidationFailed(_("This centre has no review workflow; ask an administrator."), code="no_workflow")
    if page.get_latest_revision() is None:
        page.save_revision(user=user)
    return workflow.start(page, user)


@transaction.atomic
def approve(user, page, comment=""):
    """Approve the submitted revision; when the last task is approved Wagtail publishes it."""
    page = _fresh(page)
    task_state = _current_task_state(page)
    _check_moderator(user, page, task_state)
    task_state.specific.approve(user=user, comment=comment)
    return _fresh(page)


@transaction.atomic
def reject(user, page, comment):
    """Send the material back to its author with a comment saying what to change."""
    page = _fresh(page)
    if not (comment or "").strip():
        raise ValidationFailed(_("Say what needs to change: a comment is required."), field="comment", code="required")
    task_state = _current_task_state(page)
    _check_moderator(user, page, task_state)
    task_state.specific.reject(user=user, comment=comment)
    return _fresh(page)


@transaction.atomic
def publish(user, page):
    """Publish the latest revision directly (moderators; used for corrections)."""
    page = _fresh(page)
    if user is not None and not page.permissions_for_user(user).can_publish():
        raise PermissionRefused(_("Only the centre's moderators can publish."))
    draft = page.get_latest_revision_as_object()
    _require_publishable(draft)
    revision = page.get_latest_revision() or page.save_revision(user=user)
    revision.publish(user=user, skip_permission_checks=True)
    return _fresh(page)


@transaction.atomic
def unpublish(user, page):
    """Take a material off the public site; partners receive a tombstone through the outbox."""
    page = _fresh(page)
    if user is not None and not page.permissions_for_user(user).can_unpublish():
        raise PermissionRefused(_("Only the centre's moderators can unpublish."))
    if not page.live:
        raise Conflict(_("This material is not published."), code="not_published")
    page.unpublish(user=user)
    return _fresh(page)
