"""Who may write: every role and every kind of API key against every write endpoint, and nothing written when refused."""
import json
from datetime import timedelta

import pytest
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from django.utils import timezone

from api.models import ApiKey, Partner
from catalog import services
from catalog.models import ResourcePage
from tests.factories import UserFactory, resource_data

OK, REJECTED = "ok", "rejected"  # REJECTED: the bulk request is answered, its line refused
ENDPOINTS = ("create", "update", "delete", "bulk")
EXPECTED = {
    "anonymous": (401, 401, 401, 401),
    "teacher": (OK, OK, OK, OK),
    "other_teacher": (403, 403, 403, REJECTED),
    "moderator": (OK, OK, OK, OK),
    "staff": (403, 403, 403, REJECTED),
    "superuser": (OK, OK, OK, OK),
    "key_read": (403, 403, 403, 403),
    "key_sync": (403, 403, 403, 403),
    "key_write": (OK, OK, OK, OK),
    "key_revoked": (401, 401, 401, 401),
    "key_expired": (401, 401, 401, 401),
    "key_inactive_partner": (401, 401, 401, 401),
    "key_other_centre": (OK, 403, 403, OK),  # creates in its own centre; never touches this one
    "key_garbage": (401, 401, 401, 401),
}
CASES = [(who, endpoint, expected) for who, row in EXPECTED.items() for endpoint, expected in zip(ENDPOINTS, row)]


@pytest.fixture
def target(centre, moderator):
    """A draft resource of `centre`: the one updated and deleted."""
    return services.create_resource(moderator, centre, resource_data(title="Bản nháp của trung tâm"))


def _key(owner, scopes, acts_as, make_key):
    raw = make_key(owner, scopes, acts_as=acts_as)
    return raw, ApiKey.objects.get(prefix=raw.split("_")[1])


@pytest.fixture
def credentials(centre, other_centre, teacher, other_teacher, moderator, make_key):
    """who -> (Client, extra headers); session clients enforce CSRF and send the token, as a browser does."""

    def session(user):
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(user)
        token = _get_new_csrf_string()
        browser.cookies["csrftoken"] = token
        return browser, {"HTTP_X_CSRFTOKEN": token}

    def bearer(raw):
        return Client(), {"HTTP_AUTHORIZATION": f"Bearer {raw}"}

    def make(who):
        if who == "anonymous":
            return Client(), {}
        if who in ("teacher", "other_teacher", "moderator"):
            return session({"teacher": teacher, "other_teacher": other_teacher, "moderator": moderator}[who])
        if who == "staff":
            return session(UserFactory(is_staff=True))
        if who == "superuser":
            return session(UserFactory(is_staff=True, is_superuser=True))
        if who == "key_garbage":
            return bearer("oerhub_deadbeef_not-a-real-key")
        if who == "key_other_centre":
            return bearer(make_key(other_centre, "write", acts_as=other_teacher))
        if who == "key_inactive_partner":
            partner = Partner.objects.create(name="Đại học đối tác", slug="dai-hoc-doi-tac", centre=centre)
            raw = make_key(partner, "write", acts_as=teacher)
            Partner.objects.filter(pk=partner.pk).update(is_active=False)
            return bearer(raw)
        scopes = {"key_read": "read", "key_sync": "sync"}.get(who, "read,write")
        raw, key = _key(centre, scopes, teacher, make_key)
        if who == "key_revoked":
            ApiKey.objects.filter(pk=key.pk).update(revoked_at=timezone.now())
        if who == "key_expired":
            ApiKey.objects.filter(pk=key.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
        return bearer(raw)
    return make


def _request(client, headers, endpoint, target, centre, amb_resource):
    new = amb_resource("https://doitac.example.edu.vn/oer/moi",
                       sourceOrganization=[{"id": centre.uri, "name": centre.title}])
    if endpoint == "create":
        return client.post("/api/v1/resources/", json.dumps(new), content_type="application/json", **headers)
    if endpoint == "update":
        return client.patch(f"/api/v1/resources/{target.pk}/", json.dumps({"name": "Đã sửa"}),
                            content_type="application/json", **headers)
    if endpoint == "delete":
        return client.delete(f"/api/v1/resources/{target.pk}/", **headers)
    return client.post("/api/v1/resources/bulk/", json.dumps(new) + "\n", content_type="application/x-ndjson",
                       **headers)


@pytest.mark.parametrize("who, endpoint, expected", CASES, ids=[f"{w}-{e}" for w, e, _x in CASES])
def test_write_permission_matrix(who, endpoint, expected, credentials, target, centre, amb_resource):
    client, headers = credentials(who)
    response = _request(client, headers, endpoint, target, centre, amb_resource)
    created = ResourcePage.objects.filter(source_id="https://doitac.example.edu.vn/oer/moi")
    current = ResourcePage.objects.filter(pk=target.pk).first()
    if expected == OK:
        assert response.status_code in (200, 201, 204), response.content
        if endpoint in ("create", "bulk"):
            assert created.count() == 1
        elif endpoint == "update":
            assert current.get_latest_revision_as_object().title == "Đã sửa"
        else:
            assert current is None
        return
    if expected == REJECTED:
        assert response.status_code == 200
        assert response.json()["results"][0]["code"] == "permission_denied"
    else:
        assert response.status_code == expected, response.content
        code = response.json()["code"]
        assert code in {401: ("not_authenticated", "invalid_api_key"),
                        403: ("permission_denied", "outside_centre")}[expected]
    assert not created.exists()
    assert current is not None and current.get_latest_revision_as_object().title == "Bản nháp của trung tâm"


def test_a_session_write_without_the_csrf_token_is_refused(teacher, centre, amb_resource):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(teacher)
    for url, body, kind in (("/api/v1/resources/", json.dumps(amb_resource()), "application/json"),
                            ("/api/v1/resources/bulk/", json.dumps(amb_resource()), "application/x-ndjson")):
        response = browser.post(url, body, content_type=kind, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 403 and "CSRF" in response.json()["detail"]
    assert not ResourcePage.objects.exists()
