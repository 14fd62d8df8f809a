"""The review workflow per centre: submit, approve (publishes), request changes with a comment."""
import pytest
from django.utils import translation
from wagtail.models import TaskState

from catalog import services
from catalog.models import OutboxEvent, ResourcePage
from catalog.queries import public_resources
from core.errors import Conflict, PermissionRefused, ValidationFailed
from tests.factories import make_member, resource_data


def test_submit_then_approve_publishes(centre, teacher, moderator):
    page = services.create_resource(teacher, centre, resource_data())
    services.submit_for_review(teacher, page)
    assert not public_resources().filter(pk=page.pk).exists()
    services.approve(moderator, page, comment="Tốt")
    assert public_resources().filter(pk=page.pk).exists()
    assert OutboxEvent.objects.filter(object_id=page.pk, action=OutboxEvent.UPSERT).count() == 1


def test_reject_requires_a_comment_and_returns_it_to_the_teacher(centre, teacher, moderator):
    page = services.create_resource(teacher, centre, resource_data())
    services.submit_for_review(teacher, page)
    with translation.override("en"), pytest.raises(ValidationFailed, match="comment is required"):
        services.reject(moderator, page, comment="  ")
    services.reject(moderator, page, comment="Cần thêm nguồn tham khảo.")
    state = TaskState.objects.get(workflow_state__object_id=str(page.pk))
    assert state.status == TaskState.STATUS_REJECTED
    assert state.comment == "Cần thêm nguồn tham khảo."
    assert not ResourcePage.objects.get(pk=page.pk).live
    # after changes the teacher can resubmit (the rejected workflow waits on the same task)
    services.update_resource(teacher, page, {"summary": "Đã bổ sung nguồn tham khảo."})


def test_teacher_cannot_approve_even_own_material(centre, teacher):
    page = services.create_resource(teacher, centre, resource_data())
    services.submit_for_review(teacher, page)
    with translation.override("en"), pytest.raises(PermissionRefused, match="moderators can review"):
        services.approve(teacher, page)
    assert not ResourcePage.objects.get(pk=page.pk).live


def test_moderator_of_another_centre_cannot_approve(centre, other_centre, teacher):
    outsider = make_member(other_centre, "moderator")
    page = services.create_resource(teacher, centre, resource_data())
    services.submit_for_review(teacher, page)
    with pytest.raises(PermissionRefused):
        services.approve(outsider, page)
    assert not ResourcePage.objects.get(pk=page.pk).live


def test_incomplete_material_cannot_be_submitted(centre, teacher):
    page = services.create_resource(teacher, centre, {"title": "Chưa xong", "summary": ""})
    with translation.override("en"), pytest.raises(ValidationFailed) as exc:
        services.submit_for_review(teacher, page)
    message = str(exc.value)
    for field in ("summary", "resource type", "topics", "languages", "licence"):
        assert field in message


def test_double_submission_is_refused(centre, teacher):
    page = services.create_resource(teacher, centre, resource_data())
    services.submit_for_review(teacher, page)
    with translation.override("en"), pytest.raises(Conflict, match="already waiting"):
        services.submit_for_review(teacher, page)


def test_approve_without_submission_is_refused(centre, teacher, moderator):
    page = services.create_resource(teacher, centre, resource_data())
    with translation.override("en"), pytest.raises(Conflict, match="not waiting for review"):
        services.approve(moderator, page)


def test_revision_history_is_kept(centre, teacher, moderator):
    page = services.create_resource(teacher, centre, resource_data(title="Phiên bản 1"))
    services.update_resource(teacher, page, {"title": "Phiên bản 2"})
    services.submit_for_review(teacher, page)
    services.approve(moderator, page)
    titles = [r.as_object().title for r in page.revisions.order_by("created_at", "pk")]
    assert titles[:2] == ["Phiên bản 1", "Phiên bản 2"]
    assert ResourcePage.objects.get(pk=page.pk).title == "Phiên bản 2"
