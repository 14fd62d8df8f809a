"""The admin page for API keys: a moderator issues a key for their centre, sees it once, and revokes it."""
import re

from api.models import ApiKey, Partner
from tests.factories import UserFactory


def test_a_moderator_issues_sees_once_and_revokes_a_key(client, centre, moderator, teacher):
    client.force_login(moderator)
    page = client.get("/admin/api-keys/")
    assert page.status_code == 200
    response = client.post("/admin/api-keys/", {"owner": f"centre:{centre.pk}", "name": "Lớp học thông minh",
                                                "scopes": ["read", "write"], "acts_as": teacher.pk})
    assert response.status_code == 200
    raw = re.search(r"<code data-api-key>(oerhub_[^<]+)</code>", response.content.decode()).group(1)
    key = ApiKey.objects.find(raw)
    assert key.centre_id == centre.pk and key.user == teacher
    assert raw not in client.get("/admin/api-keys/").content.decode()  # shown once
    client.post(f"/admin/api-keys/{key.pk}/revoke/")
    assert ApiKey.objects.find(raw) is None


def test_the_form_refuses_what_the_service_refuses(client, centre, moderator, other_teacher):
    client.force_login(moderator)
    response = client.post("/admin/api-keys/", {"owner": f"centre:{centre.pk}", "name": "x", "scopes": ["write"],
                                                "acts_as": other_teacher.pk})
    assert "not a teacher or moderator" in response.content.decode() or "không phải" in response.content.decode()
    assert not ApiKey.objects.exists()


def test_teachers_cannot_open_the_page_and_partners_are_offered_to_staff_only(client, centre, teacher, moderator):
    Partner.objects.create(name="Đại học Mở", slug="dh-mo")
    client.force_login(teacher)
    assert client.get("/admin/api-keys/").status_code in (302, 403)
    client.force_login(moderator)
    assert "Đại học Mở" not in client.get("/admin/api-keys/").content.decode()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert "Đại học Mở" in client.get("/admin/api-keys/").content.decode()
