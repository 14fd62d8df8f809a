"""Who may do what: teachers work in their own centre, moderators publish, learners see only published pages."""
import pytest
from django.utils import translation

from catalog import services
from catalog.models import ResourcePage
from catalog.queries import public_resources
from core.errors import PermissionRefused
from tests.factories import UserFactory, resource_data


def test_teacher_creates_a_draft_in_own_centre(centre, teacher):
    page = services.create_resource(teacher, centre, resource_data())
    assert page.get_parent().pk == centre.pk
    assert page.live is False
    assert page.owner == teacher
    assert not public_resources().filter(pk=page.pk).exists()


def test_teacher_cannot_add_to_another_centre(other_centre, teacher):
    with translation.override("en"), pytest.raises(PermissionRefused, match="centre you belong to"):
        services.create_resource(teacher, other_centre, resource_data())
    assert not ResourcePage.objects.exists()


def test_teacher_cannot_edit_another_centres_resource(centre, other_centre, moderator, other_teacher):
    page = services.create_resource(moderator, centre, resource_data(), publish=True)
    with translation.override("en"), pytest.raises(PermissionRefused, match="another centre"):
        services.update_resource(other_teacher, page, {"title": "Đã sửa trái phép"})
    page.refresh_from_db()
    assert page.title == resource_data()["title"]
    assert page.get_latest_revision_as_object().title == resource_data()["title"]


def test_teacher_cannot_publish_directly(centre, teacher):
    with translation.override("en"), pytest.raises(PermissionRefused, match="moderators can publish"):
        services.create_resource(teacher, centre, resource_data(), publish=True)
    page = services.create_resource(teacher, centre, resource_data())
    with pytest.raises(PermissionRefused):
        services.publish(teacher, page)
    assert not ResourcePage.objects.get(pk=page.pk).live


def test_moderator_publishes_and_unpublishes(centre, moderator):
    page = services.create_resource(moderator, centre, resource_data(), publish=True)
    assert public_resources().filter(pk=page.pk).exists()
    services.unpublish(moderator, page)
    assert not public_resources().filter(pk=page.pk).exists()


def test_learner_without_centre_cannot_write(centre, moderator):
    learner = UserFactory()
    with pytest.raises(PermissionRefused):
        services.create_resource(learner, centre, resource_data())
    page = services.create_resource(moderator, centre, resource_data(), publish=True)
    with pytest.raises(PermissionRefused):
        services.update_resource(learner, page, {"title": "x"})
    with pytest.raises(PermissionRefused):
        services.delete_page(learner, page)
    assert ResourcePage.objects.filter(pk=page.pk, live=True).exists()


def test_learner_sees_published_pages_but_not_drafts(client, centre, teacher, moderator):
    draft = services.create_resource(teacher, centre, resource_data(title="Bản nháp riêng"))
    published = services.create_resource(moderator, centre, resource_data(title="Đã xuất bản"), publish=True)
    assert client.get(published.url).status_code == 200
    assert client.get(f"/{centre.slug}/{draft.slug}/").status_code == 404
    client.force_login(UserFactory())
    assert client.get(f"/{centre.slug}/{draft.slug}/").status_code == 404


def test_only_administrators_create_centres(db, teacher):
    from catalog.models import Province

    with pytest.raises(PermissionRefused):
        services.create_centre(title="Trung tâm mới", centre_type="gdtx", province=Province.objects.first(), user=teacher)


def test_editing_a_live_page_keeps_the_published_version_until_published(centre, teacher, moderator):
    page = services.create_resource(moderator, centre, resource_data(title="Bản gốc"), publish=True)
    services.update_resource(teacher, page, {"title": "Bản sửa chờ duyệt"})
    live = ResourcePage.objects.get(pk=page.pk)
    assert live.title == "Bản gốc"
    assert live.has_unpublished_changes
    assert live.get_latest_revision_as_object().title == "Bản sửa chờ duyệt"
