"""Issuing and revoking API keys: who may, what a key may act as, and the management commands."""
import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from api.keys import create_key, keys_for, revoke_key
from api.models import ApiKey, Partner
from core.errors import Conflict, PermissionRefused, ValidationFailed
from tests.factories import UserFactory


@pytest.fixture
def partner(centre):
    return Partner.objects.create(name="Trường Đại học Mở Hà Nội", slug="dh-mo-ha-noi", centre=centre)


def test_a_moderator_issues_a_key_of_their_centre_shown_once(client, centre, moderator, teacher):
    key, raw = create_key(owner=centre, name="Moodle của trung tâm", scopes="read, write", acts_as=teacher,
                          user=moderator)
    assert key.scopes == ["read", "write"] and key.user == teacher
    assert raw not in {key.hashed_key, key.prefix} and ApiKey.objects.find(raw) == key
    response = client.get("/api/v1/search/", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200


def test_teachers_and_other_centres_moderators_may_not_issue(centre, other_centre, teacher, make_key):
    other_moderator = UserFactory()
    from catalog.services import add_member

    add_member(other_centre, other_moderator, "moderator")
    for user in (teacher, other_moderator, UserFactory(is_staff=True)):
        with pytest.raises(PermissionRefused):
            create_key(owner=centre, name="x", scopes="read", user=user)
    assert not ApiKey.objects.exists()


def test_partner_keys_are_for_staff(partner, moderator, teacher):
    with pytest.raises(PermissionRefused):
        create_key(owner=partner, name="x", scopes="read", user=moderator)
    key, _raw = create_key(owner=partner, name="Đồng bộ", scopes="read,sync,write", acts_as=teacher,
                           user=UserFactory(is_staff=True))
    assert key.partner == partner


def test_a_key_acts_only_as_a_member_of_its_centre(centre, other_teacher, partner):
    with pytest.raises(ValidationFailed) as refused:
        create_key(owner=centre, name="x", scopes="write", acts_as=other_teacher)
    assert refused.value.code == "not_a_member"
    lone = Partner.objects.create(name="Moodle", slug="moodle")
    with pytest.raises(ValidationFailed) as no_centre:
        create_key(owner=lone, name="x", scopes="write", acts_as=other_teacher)
    assert no_centre.value.code == "no_centre"


@pytest.mark.parametrize("fields, code", [
    ({"scopes": "read,admin"}, "unknown_scope"),
    ({"scopes": ""}, "required"),
    ({"name": "  "}, "required"),
    ({"expires_at": timezone.now() - timedelta(days=1)}, "invalid"),
])
def test_bad_key_requests_are_refused(centre, fields, code):
    with pytest.raises(ValidationFailed) as refused:
        create_key(**{"owner": centre, "name": "x", "scopes": "read", **fields})
    assert refused.value.code == code and not ApiKey.objects.exists()


def test_revoking_stops_the_key_at_once(client, centre, moderator, make_key):
    raw = make_key(centre, "read")
    key = ApiKey.objects.get()
    revoke_key(key, user=moderator)
    response = client.get("/api/v1/search/", HTTP_AUTHORIZATION=f"Bearer {raw}", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 401 and response.json()["code"] == "invalid_api_key"
    with pytest.raises(Conflict):
        revoke_key(key, user=moderator)


def test_each_person_lists_the_keys_they_manage(centre, other_centre, partner, moderator, make_key):
    make_key(centre, "read", name="trung tâm")
    make_key(other_centre, "read", name="trung tâm khác")
    make_key(partner, "read", name="đối tác")
    assert [k.name for k in keys_for(moderator)] == ["trung tâm"]
    assert {k.name for k in keys_for(UserFactory(is_staff=True))} == {"đối tác"}
    assert len(keys_for(UserFactory(is_superuser=True))) == 3


def test_the_commands_issue_and_revoke(client, partner, teacher):
    out, err = io.StringIO(), io.StringIO()
    call_command("create_api_key", "--partner", "Trường Đại học Mở Hà Nội", "--scopes", "read,sync,write",
                 "--acts-as", teacher.username, "--expires-in-days", "30", stdout=out, stderr=err)
    raw = out.getvalue().strip()
    key = ApiKey.objects.find(raw)
    assert key.partner == partner and key.scopes == ["read", "sync", "write"]
    assert key.expires_at > timezone.now() + timedelta(days=29)
    call_command("revoke_api_key", raw.split("_")[1], stdout=io.StringIO())
    assert ApiKey.objects.find(raw) is None
    with pytest.raises(CommandError, match="No API key"):
        call_command("revoke_api_key", "khongco", stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("create_api_key", "--partner", "Không có", stdout=io.StringIO(), stderr=io.StringIO())


def test_the_demo_key_works_and_is_made_once(client, amb_resource):
    import json

    from api.keys import DEMO_KEY, ensure_demo_partner
    from tests.factories import CentreFactory, make_member

    university = CentreFactory(title="Trường Đại học Ninh Kiều", centre_type="university")
    editor = make_member(university, "moderator", username="kd.ninhkieu")
    partner, created = ensure_demo_partner(university, editor)
    assert created and ensure_demo_partner(university, editor) == (partner, False)
    assert ApiKey.objects.get(partner=partner).name.startswith("DEMO")
    response = client.post("/api/v1/resources/?publish=true", json.dumps(amb_resource()),
                           content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {DEMO_KEY}")
    assert response.status_code == 201 and response.json()["centre"] == university.slug
