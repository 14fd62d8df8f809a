"""The Wagtail admin as teachers, moderators and administrators use it, in Vietnamese by default."""
from django.contrib.messages import get_messages
from wagtail.models import WorkflowPage, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from catalog import services
from catalog.models import CentrePage, Licence, Province, ResourcePage
from tests.factories import course_data, resource_data, vocab


def test_teacher_sees_the_admin_in_vietnamese(client, teacher):
    client.force_login(teacher)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert '<html lang="vi"' in response.content.decode()


def test_teacher_cannot_open_another_centres_page_in_the_editor(client, centre, other_centre, other_teacher, moderator):
    page = services.create_resource(moderator, centre, resource_data(), publish=True)
    client.force_login(other_teacher)
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code in (302, 403)
    response = client.post(f"/admin/pages/{page.pk}/edit/", {"title": "Sửa trái phép"})
    assert response.status_code in (302, 403)
    assert ResourcePage.objects.get(pk=page.pk).get_latest_revision_as_object().title == page.title


def test_moderator_sees_submitted_material_awaiting_review(client, centre, teacher, moderator):
    page = services.create_resource(teacher, centre, resource_data(title="Tài liệu chờ duyệt"))
    services.submit_for_review(teacher, page)
    client.force_login(moderator)
    assert "Tài liệu chờ duyệt" in client.get("/admin/").content.decode()


def test_centre_created_in_the_editor_gets_groups_and_workflow(client, admin_user):
    from catalog.models import HomePage

    client.force_login(admin_user)
    home = HomePage.objects.get()
    province = Province.objects.get(code="20")
    data = nested_form_data({
        "title": "Trung tâm GDTX huyện Cao Lộc", "slug": "gdtx-cao-loc", "centre_type": "gdtx",
        "province": province.pk, "district": "", "address": "", "website": "", "email": "",
        "description": rich_text(""), "comments": inline_formset([]), "action-publish": "1",
    })
    response = client.post(f"/admin/pages/add/catalog/centrepage/{home.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:500]
    centre = CentrePage.objects.get(slug="gdtx-cao-loc")
    assert centre.teachers_group and centre.moderators_group
    assert WorkflowPage.objects.filter(page=centre).exists()


def test_remix_button_creates_a_draft_and_nd_is_refused_with_a_message(client, centre, moderator, other_teacher):
    source = services.create_resource(moderator, centre, resource_data(), publish=True)
    nd = services.create_resource(
        moderator, centre, resource_data(title="Không phái sinh", licence=vocab(Licence, "cc-by-nd-4.0")), publish=True,
    )
    client.force_login(other_teacher)
    response = client.post(f"/admin/catalog/remix/{source.pk}/")
    remix = ResourcePage.objects.get(based_on=source)
    assert response.status_code == 302 and response["Location"] == f"/admin/pages/{remix.pk}/edit/"
    response = client.post(f"/admin/catalog/remix/{nd.pk}/")
    assert not ResourcePage.objects.filter(based_on=nd).exists()
    assert any("không cho phép tạo bản phái sinh" in str(m) for m in get_messages(response.wsgi_request))


def test_course_editor_shows_licence_warnings(client, centre, moderator):
    a = services.create_resource(moderator, centre, resource_data(title="A", licence=vocab(Licence, "cc-by-sa-4.0")), publish=True)
    b = services.create_resource(moderator, centre, resource_data(title="B", licence=vocab(Licence, "cc-by-nc-sa-4.0")), publish=True)
    course = services.create_course(moderator, centre, course_data([a, b], licence=vocab(Licence, "cc-by-sa-4.0")))
    client.force_login(moderator)
    html = client.get(f"/admin/pages/{course.pk}/edit/").content.decode()
    assert "CC BY-NC-SA 4.0" in html and "help-warning" in html


def test_teacher_submits_for_review_from_the_editor(client, centre, teacher):
    page = services.create_resource(teacher, centre, resource_data())
    client.force_login(teacher)
    data = nested_form_data({
        "title": page.title, "slug": page.slug, "summary": page.summary, "body": rich_text("<p>Nội dung</p>"),
        "resource_type": page.resource_type_id, "licence": page.licence_id, "keywords": "", "external_url": "",
        "date_created": "", "source_id": page.source_id,
        "authors": inline_formset([]), "files": inline_formset([]), "comments": inline_formset([]),
        "action-submit": "1",
    })
    data["topics"] = [t.pk for t in page.topics.all()]
    data["languages"] = [lang.pk for lang in page.languages.all()]
    assert client.post(f"/admin/pages/{page.pk}/edit/", data).status_code == 302
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


def test_administrator_manages_vocabularies(client, admin_user):
    client.force_login(admin_user)
    html = client.get("/admin/snippets/catalog/topic/").content.decode()
    assert "Xóa mù chữ" in html
    assert client.get("/admin/snippets/catalog/licence/").status_code == 200


def test_moderator_sees_revision_history_and_can_unpublish(client, centre, teacher, moderator):
    page = services.create_resource(teacher, centre, resource_data(title="Bản đầu"))
    services.update_resource(teacher, page, {"title": "Bản thứ hai"})
    services.publish(moderator, page)
    client.force_login(moderator)
    history = client.get(f"/admin/pages/{page.pk}/history/")
    assert history.status_code == 200
    assert client.post(f"/admin/pages/{page.pk}/unpublish/").status_code == 302
    assert not ResourcePage.objects.get(pk=page.pk).live


def test_teacher_cannot_unpublish(client, centre, teacher, moderator):
    page = services.create_resource(moderator, centre, resource_data(), publish=True)
    client.force_login(teacher)
    client.post(f"/admin/pages/{page.pk}/unpublish/")
    assert ResourcePage.objects.get(pk=page.pk).live
