"""The index document of a page carries what search filters, counts and sorts on."""
from catalog import services
from catalog.models import ResourcePage, Topic
from search.schema import document_for, documents_for
from tests.factories import course_data, make_member, resource_data


def test_document_has_topics_with_ancestors_centre_and_province(centre, moderator):
    page = services.create_resource(moderator, centre, resource_data(
        topics=[Topic.objects.get(slug="xmc-muc-do-1")], keywords=["chữ cái"]), publish=True)
    doc = document_for(page)
    assert doc["topic"] == ["xmc-muc-do-1", "xoa-mu-chu"]
    assert (doc["centre"], doc["province"]) == ([centre.slug], ["01"])
    assert doc["keywords"] == ["chữ cái"] and doc["authors"] == ["Nguyễn Thị Lan"]
    assert doc["kind"] == "resource" and doc["remix"] is True and doc["popularity"] == 0


def test_popularity_counts_live_remixes_courses_and_collections(centre, other_centre, moderator):
    source = services.create_resource(moderator, centre, resource_data(title="Nguồn"), publish=True)
    remix_teacher = make_member(other_centre, "moderator")
    remix = services.remix_resource(remix_teacher, source)
    assert document_for(source)["popularity"] == 0  # a draft remix does not count
    services.publish(remix_teacher, remix)
    services.create_course(moderator, centre, course_data([source]), publish=True)
    services.create_collection(moderator, centre, title="Tủ sách", items=[source], publish=True)
    assert document_for(source)["popularity"] == 3


def test_documents_for_many_pages_use_a_fixed_number_of_queries(centre, moderator, django_assert_max_num_queries):
    for i in range(5):
        services.create_resource(moderator, centre, resource_data(title=f"Bài {i}"), publish=True)
    with django_assert_max_num_queries(20):
        docs = documents_for(ResourcePage.objects.live())
    assert len(docs) == 5
