"""`/api/v1/resources/` as a partner sees it: what is listed and shown, how it is filtered and paged, what is refused."""
from datetime import UTC, datetime

import pytest
from django.utils import translation
from django.utils.translation import gettext

from catalog import services
from catalog.metadata import to_amb
from catalog.models import Audience, Language, Licence, ResourceType, Topic
from tests.factories import resource_data, vocab

RESOURCES = "/api/v1/resources/"
pytestmark = pytest.mark.django_db


@pytest.fixture
def published(moderator, centre):
    """Publish a resource in `centre` as its moderator."""
    def make(**fields):
        return services.create_resource(moderator, centre, resource_data(**fields), publish=True)
    return make


def detail(page):
    return f"{RESOURCES}{page.pk}/"


def names(response):
    return [item["name"] for item in response.json()["results"]]


def test_a_published_resource_is_listed_and_shown_with_its_description(client, published, centre):
    page = published(title="Phòng chống đuối nước", resource_type=vocab(ResourceType, "video"),
                     keywords=["an toàn", "bơi"], authors=[{"name": "Trần Văn Nam", "affiliation": "Sở GDĐT"}],
                     files=[{"content_url": "https://example.vn/bai-1.h5p", "name": "bai-1.h5p", "size": 2048}])

    listed = client.get(RESOURCES)
    shown = client.get(detail(page))

    assert listed.status_code == 200 and shown.status_code == 200
    assert listed["Content-Type"] == "application/json"
    body = shown.json()
    assert listed.json() == {"next": None, "previous": None, "results": [body]}
    assert body["id"] == page.pk
    assert body["source_id"] == page.source_id
    assert body["name"] == "Phòng chống đuối nước"
    assert body["url"] == "http://testserver" + page.url
    assert body["type"] == {"value": "video", "label": "Video", "uri": vocab(ResourceType, "video").hcrt_uri}
    assert body["licence"] == {"value": "cc-by-4.0", "label": "CC BY 4.0", "url": page.licence.url}
    assert body["remix"] is True
    assert body["h5p"] is True
    assert [t["value"] for t in body["topics"]] == ["xmc-muc-do-1"]
    assert body["languages"][0]["value"] == "vi"
    assert body["keywords"] == ["an toàn", "bơi"]
    assert body["authors"] == [{"name": "Trần Văn Nam", "type": "Person", "identifier": "", "affiliation": "Sở GDĐT"}]
    assert body["files"] == [{"name": "bai-1.h5p", "url": "https://example.vn/bai-1.h5p", "media_type": "",
                              "size": 2048}]
    assert body["centre"] == {"id": centre.pk, "value": centre.slug, "label": "Trung tâm GDTX Ba Vì"}
    assert body["body"] == "<p>Mỗi bài có tranh minh họa và bài tập viết.</p>"
    assert body["last_published_at"] is not None


def test_drafts_unpublished_and_deleted_resources_are_neither_listed_nor_shown(client, published, teacher,
                                                                               moderator, centre):
    visible = published(title="Đã xuất bản")
    draft = services.create_resource(teacher, centre, resource_data(title="Bản nháp"))
    withdrawn = published(title="Đã gỡ")
    services.unpublish(moderator, withdrawn)
    deleted = published(title="Đã xóa")
    deleted_id = deleted.pk
    services.delete_page(moderator, deleted)

    assert names(client.get(RESOURCES)) == ["Đã xuất bản"]
    assert client.get(detail(visible)).status_code == 200
    for pk in (draft.pk, withdrawn.pk, deleted_id, 99_999_999, 2**70):
        response = client.get(f"{RESOURCES}{pk}/")
        assert response.status_code == 404, pk
        assert response.json()["code"] == "not_found"


def test_filters_are_or_within_a_facet_and_and_across_facets(client, published):
    video = vocab(ResourceType, "video")
    published(title="Chữ cái, video", resource_type=video)
    published(title="Chữ cái, bài giảng")
    published(title="Tin học, video", topics=[vocab(Topic, "xmcn-tin-hoc")], resource_type=video)
    published(title="Kỹ năng sống, video", topics=[vocab(Topic, "ky-nang-song")], resource_type=video)

    def found(**params):
        return sorted(names(client.get(RESOURCES, params)))

    assert found(topic="xmc-muc-do-1,xmcn-tin-hoc") == ["Chữ cái, bài giảng", "Chữ cái, video", "Tin học, video"]
    assert found(topic=["xmc-muc-do-1", "xmcn-tin-hoc"], type="video") == ["Chữ cái, video", "Tin học, video"]
    # A topic finds what is filed under the topics below it, as search does.
    assert found(topic="xoa-mu-chu") == ["Chữ cái, bài giảng", "Chữ cái, video"]
    assert found(topic="khong-co-chu-de-nay") == []


def test_every_search_facet_filters_the_list(client, published, centre, other_centre, moderator):
    published(title="Mặc định")
    published(title="Không được phái sinh", licence=vocab(Licence, "cc-by-nd-4.0"),
              audiences=[vocab(Audience, "giao-vien")], languages=[vocab(Language, "en")],
              files=[{"content_url": "https://example.vn/tro-choi.H5P"}])

    def found(**params):
        response = client.get(RESOURCES, params)
        assert response.status_code == 200, response.content
        return sorted(names(response))

    assert found(remix="false") == ["Không được phái sinh"]
    assert found(remix="true") == ["Mặc định"]
    assert found(licence="cc-by-nd-4.0,cc0-1.0") == ["Không được phái sinh"]
    assert found(audience="giao-vien") == ["Không được phái sinh"]
    assert found(language="en") == ["Không được phái sinh"]
    assert found(level="xmc-1") == ["Không được phái sinh", "Mặc định"]
    assert found(h5p="true") == ["Không được phái sinh"]
    assert found(h5p="không") == ["Mặc định"]
    assert found(centre=centre.slug) == ["Không được phái sinh", "Mặc định"]
    assert found(centre=other_centre.slug) == []
    assert found(province="01") == ["Không được phái sinh", "Mặc định"]
    assert found(province="79") == []


def test_source_id_finds_the_resource_a_partner_knows(client, published):
    wanted = published(title="Bài của đối tác", source_id="https://dai-hoc.edu.vn/oer/42,a")
    other = published(title="Bài khác")

    response = client.get(RESOURCES, {"source_id": ["https://dai-hoc.edu.vn/oer/42,a", other.source_id,
                                                    "urn:khong-co"]})

    assert sorted(r["id"] for r in response.json()["results"]) == sorted([wanted.pk, other.pk])
    assert client.get(RESOURCES, {"source_id": "urn:khong-co"}).json()["results"] == []


def test_modified_since_lists_what_was_published_at_or_after_it(client, published, moderator):
    old = published(title="Cũ")
    new = published(title="Mới")
    type(old).objects.filter(pk=old.pk).update(last_published_at=datetime(2024, 1, 1, tzinfo=UTC))
    type(new).objects.filter(pk=new.pk).update(last_published_at=datetime(2025, 3, 1, 1, 0, tzinfo=UTC))

    assert names(client.get(RESOURCES, {"modified_since": "2025-01-01"})) == ["Mới"]
    assert names(client.get(RESOURCES, {"modified_since": "2025-03-01T08:00:00+07:00"})) == ["Mới"]
    assert names(client.get(RESOURCES, {"modified_since": "2025-03-01T08:00:01+07:00"})) == []
    # An unencoded "+" arrives as a space; it is read as the offset it was meant to be.
    assert names(client.get(f"{RESOURCES}?modified_since=2025-03-01T08:00:00 07:00")) == ["Mới"]
    assert sorted(names(client.get(RESOURCES, {"modified_since": "2023-12-31T23:59:59Z"}))) == ["Cũ", "Mới"]


def test_cursor_pages_list_every_resource_once_in_id_order(client, published):
    pages = [published(title=f"Bài {n}") for n in range(7)]

    seen, url, sizes = [], f"{RESOURCES}?page_size=3", []
    while url:
        body = client.get(url).json()
        sizes.append(len(body["results"]))
        seen += [r["id"] for r in body["results"]]
        url = body["next"]

    assert sizes == [3, 3, 1]
    assert seen == sorted(p.pk for p in pages)
    # And back again with `previous`, and a page published meanwhile appears at the end.
    last = client.get(f"{RESOURCES}?page_size=3").json()
    second = client.get(last["next"]).json()
    assert [r["id"] for r in client.get(second["previous"]).json()["results"]] == seen[:3]
    late = published(title="Bài mới")
    third = client.get(second["next"]).json()
    assert [r["id"] for r in third["results"]] == [seen[6], late.pk]
    assert third["next"] is None


def test_link_header_names_the_same_pages_as_the_body(client, published):
    for n in range(3):
        published(title=f"Bài {n}")

    response = client.get(RESOURCES, {"page_size": 1})

    assert response["Link"] == f'<{response.json()["next"]}>; rel="next"'


CURSOR_MESSAGE = "The cursor is not valid. Use the `next` or `previous` link of an earlier response as it is."
MOMENT_MESSAGE = ("modified_since must be an ISO 8601 date or date and time, such as 2025-01-31 or "
                  "2025-01-31T08:00:00+07:00, not “%(value)s”.")
NUL_MESSAGE = "%(name)s contains a character that is not allowed."


def translated(msgid):
    """Whether the Vietnamese catalogue has `msgid` yet (new messages wait in .pending-po/ until merged)."""
    with translation.override("vi"):
        return gettext(msgid) != msgid


@pytest.mark.parametrize(("params", "code", "en", "vi", "msgid"), [
    ({"chu_de": "x"}, "unknown_filter", "Unknown filter chu_de. Use one of: topic, type,", "Không có bộ lọc chu_de", None),
    ({"kind": "course"}, "unknown_filter", "Unknown filter kind.", "Không có bộ lọc kind", None),
    ({"page_size": "0"}, "invalid_paging", "page_size must be a whole number from 1 to 100",
     "page_size phải là số nguyên từ 1 đến 100", None),
    ({"page_size": "101"}, "invalid_paging", "from 1 to 100", "từ 1 đến 100", None),
    ({"remix": "co le"}, "invalid_filter", "remix must be true or false", "remix phải là true", None),
    ({"cursor": "khong-phai-con-tro"}, "invalid_cursor", "The cursor is not valid", "Con trỏ", CURSOR_MESSAGE),
    ({"cursor": "cD1hYmM="}, "invalid_cursor", "The cursor is not valid", "Con trỏ", CURSOR_MESSAGE),  # p=abc
    ({"modified_since": "hôm qua"}, "invalid_filter", "modified_since must be an ISO 8601", "ISO 8601",
     MOMENT_MESSAGE),
    ({"modified_since": "0001-01-01T00:00:00+05:00"}, "invalid_filter", "ISO 8601", "ISO 8601", MOMENT_MESSAGE),
    ({"topic": "a\x00b"}, "invalid_filter", "topic contains a character that is not allowed", "topic",
     NUL_MESSAGE),
])
def test_bad_parameters_are_a_400_in_vietnamese_and_english(client, params, code, en, vi, msgid):
    vietnamese = client.get(RESOURCES, params)
    english = client.get(RESOURCES, params, HTTP_ACCEPT_LANGUAGE="en")

    assert vietnamese.status_code == english.status_code == 400
    assert vietnamese.json()["code"] == english.json()["code"] == code
    assert en in english.json()["detail"]
    if msgid is None or translated(msgid):
        assert vi in vietnamese.json()["detail"]
        assert vietnamese.json()["detail"] != english.json()["detail"]


def test_json_ld_is_the_amb_record_export_writes(client, published, centre):
    first = published(title="Bài một")
    second = published(title="Bài hai", resource_type=vocab(ResourceType, "video"))

    one = client.get(detail(first), HTTP_ACCEPT="application/ld+json")
    many = client.get(RESOURCES, {"page_size": 1}, HTTP_ACCEPT="application/ld+json")
    by_format = client.get(detail(second), {"format": "jsonld"})

    assert one["Content-Type"] == "application/ld+json"
    assert one.json() == to_amb(first)
    assert by_format.json() == to_amb(second)
    assert many["Content-Type"] == "application/ld+json"
    assert many.json() == [to_amb(first)]
    assert 'rel="next"' in many["Link"]
    assert client.get(RESOURCES, HTTP_ACCEPT="application/ld+json").json() == [to_amb(first), to_amb(second)]


def test_unchanged_list_and_resource_answer_304_and_change_with_the_catalogue(client, published, moderator):
    page = published(title="Bài một")
    for url in (RESOURCES, detail(page)):
        first = client.get(url)
        assert first["ETag"].startswith('W/"')
        assert first["Last-Modified"]
        assert "Accept" in first["Vary"] and "Accept-Language" in first["Vary"]

        again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304 and again.content == b""
        assert again["ETag"] == first["ETag"]
        assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
        # Another representation of the same content is another entity.
        assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"], HTTP_ACCEPT="application/ld+json").status_code == 200
        assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"], HTTP_ACCEPT_LANGUAGE="en").status_code == 200

    listed = client.get(RESOURCES)["ETag"]
    shown = client.get(detail(page))["ETag"]
    services.update_resource(moderator, page, {"title": "Bài một (sửa)"}, publish=True)
    assert client.get(RESOURCES, HTTP_IF_NONE_MATCH=listed).status_code == 200
    response = client.get(detail(page), HTTP_IF_NONE_MATCH=shown)
    assert response.status_code == 200 and response.json()["name"] == "Bài một (sửa)"


def test_list_queries_do_not_grow_with_the_page(client, published, centre, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    rich = dict(keywords=["a", "b"], authors=[{"name": "A"}, {"name": "B"}],
                files=[{"content_url": "https://example.vn/a.pdf"}, {"content_url": "https://example.vn/b.h5p"}],
                audiences=[vocab(Audience, "hoc-vien"), vocab(Audience, "giao-vien")])
    source = published(title="Gốc", **rich)

    def remix(title):
        page = published(title=title, **rich)
        page.based_on = source
        page.save_revision().publish()

    remix("Phái sinh")
    with CaptureQueriesContext(connection) as few:
        assert len(client.get(RESOURCES).json()["results"]) == 2
    with CaptureQueriesContext(connection) as few_ld:
        client.get(RESOURCES, HTTP_ACCEPT="application/ld+json")
    from catalog.services.bulk import prepare_resource

    services.bulk_create_resources([prepare_resource(centre, resource_data(title=f"Bài {n}", based_on=source, **rich),
                                                     publish=True) for n in range(28)], publish=True)

    with django_assert_max_num_queries(len(few)):
        assert len(client.get(RESOURCES, {"page_size": 30}).json()["results"]) == 30
    with django_assert_max_num_queries(len(few_ld)):
        assert len(client.get(RESOURCES, {"page_size": 30}, HTTP_ACCEPT="application/ld+json").json()) == 30


def test_a_nul_character_is_refused_by_search_too(client, database_search):
    # SearchQuery does the refusing for both; on PostgreSQL a NUL reaching the database was a 500.
    response = client.get("/api/v1/search/", {"level": "xmc\x001"})

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_filter"
