"""Writing resources through the API: create, update, retire, as a partner key or a signed-in teacher."""
import json

import pytest
from django.test import Client

from api.models import Partner
from catalog.models import ChangeEvent, ResourcePage
from catalog.services import add_member
from tests.factories import CentreFactory, make_member

URL = "/api/v1/resources/"


def call(client, method, url, raw_key=None, body=None, content_type="application/json", language="en", **headers):
    if raw_key:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {raw_key}"
    payload = json.dumps(body, ensure_ascii=False) if body is not None else None
    return getattr(client, method)(url, payload, content_type=content_type, HTTP_ACCEPT_LANGUAGE=language,
                                   **headers)


@pytest.fixture
def moderator_key(centre, moderator, make_key):
    return make_key(centre, "read,write", acts_as=moderator)


@pytest.fixture
def teacher_key(centre, teacher, make_key):
    return make_key(centre, "write", acts_as=teacher)


def test_a_moderator_key_creates_a_published_resource_that_readers_then_see(client, centre, moderator_key,
                                                                            amb_resource):
    response = call(client, "post", URL + "?publish=true", moderator_key, amb_resource())
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["state"] == "published" and body["centre"] == centre.slug
    assert body["source_id"] == "https://doitac.example.edu.vn/oer/1"
    assert body["record"]["name"] == "Trồng lúa theo mùa vụ"
    assert response["Location"].endswith(f"{URL}{body['id']}/")
    shown = client.get(f"{URL}{body['id']}/")
    assert shown.status_code == 200 and shown.json()["name"] == "Trồng lúa theo mùa vụ"
    assert ChangeEvent.objects.filter(object_id=body["id"], action="upsert").exists()


def test_a_teacher_key_saves_a_draft_and_may_not_publish(client, teacher_key, amb_resource):
    refused = call(client, "post", URL + "?publish=true", teacher_key, amb_resource())
    assert refused.status_code == 403 and refused.json()["code"] == "permission_denied"
    assert "moderators" in refused.json()["detail"]
    assert not ResourcePage.objects.filter(source_id="https://doitac.example.edu.vn/oer/1").exists()

    response = call(client, "post", URL, teacher_key, amb_resource())
    assert response.status_code == 201 and response.json()["state"] == "draft"
    assert client.get(f"{URL}{response.json()['id']}/").status_code == 404  # drafts are never public


def test_submit_sends_the_draft_to_the_centres_moderators(client, teacher_key, amb_resource):
    response = call(client, "post", URL + "?submit=true", teacher_key, amb_resource())
    assert response.status_code == 201 and response.json()["state"] == "in_review"


@pytest.mark.parametrize("language, expected", [("en", "Missing “name”."), ("vi", "Thiếu “name”.")])
def test_a_refused_record_names_the_field_in_the_clients_language_and_writes_nothing(
        client, moderator_key, amb_resource, language, expected):
    before = ResourcePage.objects.count()
    response = call(client, "post", URL, moderator_key, amb_resource(name=None), language=language)
    assert response.status_code == 400
    assert response.json() == {"code": "missing_field", "detail": expected}
    assert ResourcePage.objects.count() == before


def test_bad_vocabulary_and_bad_bodies_are_400s(client, moderator_key, amb_resource):
    unknown = call(client, "post", URL, moderator_key, amb_resource(about=[{"id": "khong-co"}]))
    assert unknown.status_code == 400 and "about" in unknown.json()["detail"]
    not_object = call(client, "post", URL, moderator_key, ["a", "list"])
    assert not_object.status_code == 400 and not_object.json()["code"] == "not_an_object"
    broken = client.post(URL, "{not json", content_type="application/json",
                         HTTP_AUTHORIZATION=f"Bearer {moderator_key}")
    assert broken.status_code == 400 and broken.json()["code"] == "parse_error"
    flag = call(client, "post", URL + "?publish=maybe", moderator_key, amb_resource())
    assert flag.status_code == 400 and flag.json()["code"] == "invalid_parameter"
    course = call(client, "post", URL, moderator_key, amb_resource(type=["LearningResource", "Course"]))
    assert course.status_code == 400 and course.json()["code"] == "not_a_resource"
    assert not ResourcePage.objects.filter(source_id="https://doitac.example.edu.vn/oer/1").exists()


def test_a_known_id_is_a_conflict_not_a_second_resource(client, moderator_key, amb_resource):
    assert call(client, "post", URL, moderator_key, amb_resource()).status_code == 201
    again = call(client, "post", URL, moderator_key, amb_resource(name="Khác"))
    assert again.status_code == 409 and again.json()["code"] == "duplicate_id"
    assert ResourcePage.objects.filter(source_id="https://doitac.example.edu.vn/oer/1").count() == 1


def test_a_record_without_id_gets_one_and_json_ld_is_accepted(client, moderator_key, amb_resource):
    response = call(client, "post", URL, moderator_key, amb_resource(id=None), content_type="application/ld+json")
    assert response.status_code == 201
    assert response.json()["source_id"].startswith("urn:uuid:")


def test_a_partner_key_writes_into_the_partners_centre(client, make_key, amb_resource):
    university = CentreFactory(title="Trường Đại học Mở Hà Nội", centre_type="university")
    editor = make_member(university, "moderator", username="dhmhn")
    partner = Partner.objects.create(name="Trường Đại học Mở Hà Nội", slug="dh-mo-ha-noi", centre=university)
    raw = make_key(partner, "write", acts_as=editor)
    response = call(client, "post", URL + "?publish=true", raw, amb_resource())
    assert response.status_code == 201 and response.json()["centre"] == university.slug


def test_a_partner_without_centre_cannot_write(client, make_key, amb_resource):
    partner = Partner.objects.create(name="Moodle Sở GD", slug="moodle-so")
    raw = make_key(partner, "read,write")
    response = call(client, "post", URL, raw, amb_resource())
    assert response.status_code == 403 and response.json()["code"] == "key_without_user"


def test_patch_changes_some_fields_and_publish_makes_them_live(client, moderator_key, amb_resource):
    created = call(client, "post", URL + "?publish=true", moderator_key, amb_resource()).json()
    draft = call(client, "patch", f"{URL}{created['id']}/", moderator_key, {"name": "Trồng lúa vụ đông"})
    assert draft.status_code == 200, draft.json()
    assert draft.json()["state"] == "published_with_changes"
    assert draft.json()["record"]["name"] == "Trồng lúa vụ đông"
    assert draft.json()["record"]["keywords"] == ["lúa", "mùa vụ"]  # untouched fields kept
    assert client.get(f"{URL}{created['id']}/").json()["name"] == "Trồng lúa theo mùa vụ"
    live = call(client, "patch", f"{URL}{created['id']}/?publish=true", moderator_key, {"keywords": None},
                content_type="application/merge-patch+json")
    assert live.status_code == 200 and live.json()["state"] == "published"
    shown = client.get(f"{URL}{created['id']}/").json()
    assert shown["name"] == "Trồng lúa vụ đông" and shown["keywords"] == []


def test_put_replaces_the_record_and_ids_never_change(client, moderator_key, amb_resource):
    created = call(client, "post", URL, moderator_key, amb_resource()).json()
    url = f"{URL}{created['id']}/"
    replaced = call(client, "put", url, moderator_key, amb_resource(id=None, keywords=None, name="Mới"))
    assert replaced.status_code == 200 and replaced.json()["record"]["name"] == "Mới"
    assert "keywords" not in replaced.json()["record"]
    moved = call(client, "put", url, moderator_key, amb_resource(id="https://khac.example/2"))
    assert moved.status_code == 400 and moved.json()["code"] == "id_mismatch"
    assert call(client, "patch", f"{URL}999999/", moderator_key, {"name": "x"}).status_code == 404


def test_delete_retires_a_published_resource_with_a_tombstone(client, moderator_key, amb_resource):
    created = call(client, "post", URL + "?publish=true", moderator_key, amb_resource()).json()
    response = call(client, "delete", f"{URL}{created['id']}/", moderator_key)
    assert response.status_code == 204
    assert client.get(f"{URL}{created['id']}/").status_code == 404
    assert not ResourcePage.objects.filter(pk=created["id"]).exists()
    tombstone = ChangeEvent.objects.filter(object_id=created["id"]).order_by("pk").last()
    assert (tombstone.action, tombstone.source_id) == ("delete", "https://doitac.example.edu.vn/oer/1")


def test_a_key_never_reaches_outside_its_centre(client, centre, other_centre, moderator, make_key, amb_resource):
    add_member(other_centre, moderator, "moderator")  # the account works in both centres, the key in one
    other_key = make_key(other_centre, "write", acts_as=moderator)
    own_key = make_key(centre, "write", acts_as=moderator)
    created = call(client, "post", URL + "?publish=true", own_key, amb_resource()).json()
    for method, body in (("patch", {"name": "x"}), ("put", amb_resource()), ("delete", None)):
        response = call(client, method, f"{URL}{created['id']}/", other_key, body)
        assert response.status_code == 403 and response.json()["code"] == "outside_centre"
    assert ResourcePage.objects.get(pk=created["id"]).title == "Trồng lúa theo mùa vụ"


def test_a_signed_in_teacher_writes_with_the_csrf_token(centre, teacher, amb_resource):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(teacher)
    browser.get("/api/v1/search/")  # any page; the token comes from the cookie set by a form in real use
    from django.middleware.csrf import _get_new_csrf_string

    token = _get_new_csrf_string()
    browser.cookies["csrftoken"] = token
    response = call(browser, "post", URL, body=amb_resource(), HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 201 and response.json()["centre"] == centre.slug
    refused = call(browser, "post", URL, body=amb_resource(id="https://doitac.example.edu.vn/oer/2"))
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]
