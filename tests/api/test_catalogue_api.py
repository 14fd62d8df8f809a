"""Courses, collections, centres and vocabularies over the API: ordered modules and items, places, the topic tree, licence flags."""
import pytest

from catalog import services
from catalog.metadata import to_amb
from catalog.models import Licence, Topic
from tests.factories import course_data, resource_data, vocab

pytestmark = pytest.mark.django_db


@pytest.fixture
def lessons(moderator, centre):
    return [services.create_resource(moderator, centre, resource_data(title=f"Bài {n}"), publish=True)
            for n in (1, 2, 3)]


def test_a_course_shows_its_modules_and_lessons_in_order_and_hides_unpublished_lessons(
        client, moderator, centre, lessons):
    course = services.create_course(moderator, centre, course_data(lessons, modules=[
        ("module", {"title": "Mô-đun 1", "summary": "Làm quen", "lessons": [
            {"title": "Mở đầu", "resource": lessons[2], "hours": 1.5},
            {"title": "", "resource": lessons[0], "hours": None}]}),
        ("module", {"title": "Mô-đun 2", "summary": "", "lessons": [
            {"title": "Thực hành", "resource": lessons[1], "hours": 2}]}),
    ]), publish=True)
    services.unpublish(moderator, lessons[1])

    listed = client.get("/api/v1/courses/").json()["results"]
    body = client.get(f"/api/v1/courses/{course.pk}/").json()

    assert [c["id"] for c in listed] == [course.pk]
    assert "modules" not in listed[0]
    assert body["name"] == "Khóa bồi dưỡng tin học cơ bản"
    assert body["hours"] == 12
    assert body["centre"]["value"] == centre.slug
    assert [m["title"] for m in body["modules"]] == ["Mô-đun 1", "Mô-đun 2"]
    first, second = body["modules"]
    assert [(lesson["title"], lesson["hours"], lesson["resource"]["id"]) for lesson in first["lessons"]] == [
        ("Mở đầu", 1.5, lessons[2].pk), ("", None, lessons[0].pk)]
    assert first["lessons"][0]["resource"] == {"id": lessons[2].pk, "kind": "resource", "name": "Bài 3",
                                               "source_id": lessons[2].source_id,
                                               "url": "http://testserver" + lessons[2].url}
    assert second["lessons"] == [{"title": "Thực hành", "hours": 2, "resource": None}]


def test_course_json_ld_is_its_amb_record_and_its_etag_follows_its_lessons(client, moderator, centre, lessons):
    course = services.create_course(moderator, centre, course_data(lessons), publish=True)
    url = f"/api/v1/courses/{course.pk}/"

    assert client.get(url, HTTP_ACCEPT="application/ld+json").json() == to_amb(course)
    etag = client.get(url)["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    services.unpublish(moderator, lessons[0])
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_courses_are_filtered_by_facets_and_found_by_source_id(client, moderator, centre, lessons):
    course = services.create_course(moderator, centre, course_data(lessons, source_id="urn:khoa-hoc:1"), publish=True)
    services.create_course(moderator, centre, course_data(lessons, title="Kỹ năng sống",
                                                          topics=[vocab(Topic, "ky-nang-song")]), publish=True)

    def found(**params):
        response = client.get("/api/v1/courses/", params)
        assert response.status_code == 200, response.content
        return [c["name"] for c in response.json()["results"]]

    assert found(topic="ky-nang-song") == ["Kỹ năng sống"]
    assert found(source_id="urn:khoa-hoc:1") == [course.title]
    assert found(topic="tin-hoc", licence="cc-by-4.0", province="01") == [course.title]
    assert client.get("/api/v1/courses/", {"type": "video"}).json()["code"] == "unknown_filter"


def test_a_collection_lists_its_public_items_in_the_curators_order(client, moderator, centre, lessons):
    course = services.create_course(moderator, centre, course_data(lessons[:1]), publish=True)
    collection = services.create_collection(moderator, centre, title="Tủ sách cùng học",
                                            items=[lessons[1], course, lessons[0]],
                                            topics=[vocab(Topic, "xoa-mu-chu")], publish=True)
    services.unpublish(moderator, lessons[0])
    draft = services.create_collection(moderator, centre, title="Chưa xuất bản", items=[lessons[1]])

    listed = client.get("/api/v1/collections/").json()["results"]
    body = client.get(f"/api/v1/collections/{collection.pk}/").json()

    assert [c["name"] for c in listed] == ["Tủ sách cùng học"]
    assert [t["value"] for t in body["topics"]] == ["xoa-mu-chu"]
    assert [(item["page"] or {}).get("id") for item in body["items"]] == [lessons[1].pk, course.pk, None]
    assert body["items"][1]["page"]["kind"] == "course"
    assert client.get(f"/api/v1/collections/{draft.pk}/").json()["code"] == "not_found"
    assert client.get("/api/v1/collections/", HTTP_ACCEPT="application/ld+json").status_code == 406


def test_centres_carry_their_province_and_district_and_filter_by_province(client, centre, other_centre):
    from catalog.models import District

    district = District.objects.filter(province__code="01").first()
    type(centre).objects.filter(pk=centre.pk).update(district=district)

    body = client.get(f"/api/v1/centres/{centre.pk}/").json()
    in_hanoi = client.get("/api/v1/centres/", {"province": "01"}).json()["results"]

    assert body["name"] == "Trung tâm GDTX Ba Vì"
    assert body["value"] == centre.slug
    assert body["type"] == {"value": "gdtx", "label": str(centre.get_centre_type_display())}
    assert body["province"] == {"value": "01", "label": "Hà Nội"}
    assert body["district"] == {"id": district.pk, "label": district.name}
    assert {c["id"] for c in in_hanoi} == {centre.pk, other_centre.pk}
    assert client.get("/api/v1/centres/", {"province": "79"}).json()["results"] == []
    assert client.get("/api/v1/centres/", {"topic": "x"}).json()["code"] == "unknown_filter"


def test_topics_form_a_tree_and_a_topic_names_its_ancestors(client):
    tree = client.get("/api/v1/topics/").json()
    topic = client.get("/api/v1/topics/xmc-muc-do-1/", HTTP_ACCEPT_LANGUAGE="en").json()

    roots = {node["value"]: node for node in tree}
    assert "xoa-mu-chu" in roots
    assert "xmc-muc-do-1" in [child["value"] for child in roots["xoa-mu-chu"]["children"]]
    assert len(tree) == Topic.objects.filter(parent=None).count()
    assert topic["value"] == "xmc-muc-do-1"
    assert topic["uri"] == vocab(Topic, "xmc-muc-do-1").uri
    assert [a["value"] for a in topic["ancestors"]] == ["xoa-mu-chu"]
    assert topic["parent"]["value"] == "xoa-mu-chu"
    assert topic["label"] == vocab(Topic, "xmc-muc-do-1").name_en
    assert topic["labels"]["vi"] == vocab(Topic, "xmc-muc-do-1").name
    assert client.get("/api/v1/topics/khong-co/").json()["code"] == "not_found"


def test_licences_carry_their_reuse_flags(client):
    licences = {item["value"]: item for item in client.get("/api/v1/licences/").json()}
    nd = client.get("/api/v1/licences/cc-by-nc-nd-4.0/").json()

    assert len(licences) == Licence.objects.count()
    assert licences["cc-by-sa-4.0"] | {"label": None} == {
        "value": "cc-by-sa-4.0", "label": None, "url": vocab(Licence, "cc-by-sa-4.0").url, "allows_remix": True,
        "share_alike": True, "non_commercial": False, "no_derivatives": False, "requires_attribution": True,
        "open": True}
    assert (nd["allows_remix"], nd["no_derivatives"], nd["non_commercial"]) == (False, True, True)
    assert licences["cc0-1.0"]["requires_attribution"] is False


@pytest.mark.parametrize("path", ["resource-types", "audiences", "levels", "languages"])
def test_flat_vocabularies_follow_the_language_and_answer_304(client, path):
    vietnamese = client.get(f"/api/v1/{path}/")
    english = client.get(f"/api/v1/{path}/", HTTP_ACCEPT_LANGUAGE="en")

    assert vietnamese.status_code == 200 and len(vietnamese.json()) > 3
    assert [t["value"] for t in vietnamese.json()] == [t["value"] for t in english.json()]
    assert [t["label"] for t in vietnamese.json()] != [t["label"] for t in english.json()]
    assert client.get(f"/api/v1/{path}/", HTTP_IF_NONE_MATCH=vietnamese["ETag"]).status_code == 304
    assert client.get(f"/api/v1/{path}/", HTTP_IF_NONE_MATCH=vietnamese["ETag"],
                      HTTP_ACCEPT_LANGUAGE="en").status_code == 200
