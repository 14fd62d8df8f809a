"""The search API as a partner or an app sees it: what is found, how it is filtered and paged, what is refused."""
import pytest
import yaml
from django.core.management import call_command
from django.utils import translation

from catalog import services
from catalog.models import ResourceType
from core.errors import ValidationFailed
from search.backends.base import BackendUnavailable
from search.outbox import drain
from search.query import SearchQuery
from search.schema import FACET_NAMES
from tests.factories import resource_data, vocab

SEARCH = "/api/v1/search/"
SUGGEST = "/api/v1/search/suggest/"
pytestmark = pytest.mark.usefixtures("database_search")








def message_in(language, params):
    """The message SearchQuery gives for `params`, in `language`, for comparing with the API's `detail`."""
    with translation.override(language):
        with pytest.raises(ValidationFailed) as refused:
            SearchQuery.from_params(params)
        return str(refused.value)


def test_finds_a_published_resource_without_diacritics_and_never_a_draft(client, publish, centre, teacher,
                                                                         django_capture_on_commit_callbacks):
    page = publish(title="Phòng chống đuối nước cho trẻ em", resource_type=vocab(ResourceType, "video"))
    with django_capture_on_commit_callbacks(execute=True):
        services.create_resource(teacher, centre, resource_data(title="Đuối nước: bản nháp chưa duyệt"))
    drain()

    response = client.get(SEARCH, {"q": "duoi nuoc"})

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert [hit["name"] for hit in body["results"]] == ["Phòng chống đuối nước cho trẻ em"]
    hit = body["results"][0]
    assert hit["id"] == page.pk
    assert hit["source_id"] == page.source_id
    assert hit["kind"] == "resource"
    assert hit["url"] == "http://testserver" + page.url
    assert hit["type"] == {"value": "video", "label": "Video"}
    assert hit["licence"] == {"value": "cc-by-4.0", "label": "CC BY 4.0",
                              "url": page.licence.url}
    assert hit["centre"] == {"value": centre.slug, "label": "Trung tâm GDTX Ba Vì"}
    assert body["query"] == {"q": "duoi nuoc", "filters": {}, "sort": "relevance"}
    assert body["corrected_query"] is None


def test_a_page_unpublished_since_indexing_is_not_returned(client, publish, moderator):
    page = publish(title="Phòng chống đuối nước")
    services.unpublish(moderator, page)  # its outbox row is not drained: the index still holds it

    body = client.get(SEARCH, {"q": "duoi nuoc"}).json()

    assert body["results"] == []


def test_description_highlights_the_matching_words_and_escapes_the_rest(client, publish):
    publish(title="An toàn giao thông", summary="Đội <b>mũ bảo hiểm</b> khi đi xe máy & xe đạp.")

    hit = client.get(SEARCH, {"q": "mu bao hiem"}).json()["results"][0]

    assert "<mark>" in hit["description"]
    assert "<mark>mũ</mark>" in hit["description"] or "<mark>mũ bảo hiểm</mark>" in hit["description"]
    assert "<b>" not in hit["description"]
    assert "&lt;b&gt;" in hit["description"]
    assert "&amp;" in hit["description"]


def test_every_facet_is_returned_with_values_labels_counts_and_selection(client, publish):
    publish(title="Tin học văn phòng", resource_type=vocab(ResourceType, "video"))

    facets = client.get(SEARCH, {"q": "tin hoc"}).json()["facets"]

    assert set(facets) == set(FACET_NAMES)
    assert facets["type"] == [{"value": "video", "label": "Video", "count": 1, "selected": False}]
    assert {"value": "cc-by-4.0", "label": "CC BY 4.0", "count": 1, "selected": False} in facets["licence"]
    for values in facets.values():
        for value in values:
            assert set(value) == {"value", "label", "count", "selected"}


def test_facet_labels_follow_accept_language(client, publish):
    publish(title="Tin học văn phòng", resource_type=vocab(ResourceType, "bai-giang-dien-tu"))

    vietnamese = client.get(SEARCH, {"q": "tin hoc"}).json()
    english = client.get(SEARCH, {"q": "tin hoc"}, headers={"accept-language": "en"}).json()

    assert vietnamese["results"][0]["type"]["label"] == "Bài giảng điện tử"
    assert english["results"][0]["type"]["label"] == "E-lecture"
    assert english["facets"]["type"][0]["label"] == "E-lecture"


def test_filters_narrow_results_and_counts_stay_disjunctive(client, publish):
    video = publish(title="Trồng rau sạch tại nhà", resource_type=vocab(ResourceType, "video"))
    publish(title="Trồng rau thủy canh", resource_type=vocab(ResourceType, "tai-lieu"))

    body = client.get(SEARCH, {"q": "trong rau", "type": "video"}).json()

    assert [hit["id"] for hit in body["results"]] == [video.pk]
    assert body["count"] == 1
    assert body["query"]["filters"] == {"type": ["video"]}
    types = {value["value"]: value for value in body["facets"]["type"]}
    assert types["video"]["selected"] is True and types["video"]["count"] == 1
    # The type facet ignores its own filter, so the user can widen the choice.
    assert types["tai-lieu"]["selected"] is False and types["tai-lieu"]["count"] == 1

    either = client.get(SEARCH, {"q": "trong rau", "type": "video,tai-lieu"}).json()
    assert either["count"] == 2


def test_unknown_filter_is_refused_with_a_code_and_a_message_in_the_clients_language(client, publish):
    english = client.get(SEARCH, {"q": "rau", "colour": "red"}, headers={"accept-language": "en"})
    default = client.get(SEARCH, {"q": "rau", "colour": "red"})

    assert english.status_code == 400
    assert english.json() == {"code": "unknown_filter", "detail": message_in("en", {"colour": "red"})}
    assert english.json()["detail"].startswith("Unknown filter colour.")
    assert english["Content-Language"] == "en"
    assert default.status_code == 400
    assert default.json() == {"code": "unknown_filter", "detail": message_in("vi", {"colour": "red"})}
    assert default.json()["detail"].startswith("Không có bộ lọc colour.")
    assert default["Content-Language"] == "vi"


@pytest.mark.parametrize("params", [{"page": "0"}, {"page_size": "1000"}, {"page": "abc"}])
def test_bad_paging_is_a_400(client, params):
    response = client.get(SEARCH, params, headers={"accept-language": "en"})

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_paging"
    assert "whole number" in response.json()["detail"]


def test_bad_sort_is_a_400(client):
    response = client.get(SEARCH, {"sort": "cheapest"})

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_sort"


def test_an_unreachable_engine_is_a_503_with_retry_after(client, database_search, monkeypatch):
    def down(query):
        raise BackendUnavailable("connection refused")
    monkeypatch.setattr(database_search, "search", down)

    response = client.get(SEARCH, {"q": "rau"}, headers={"accept-language": "en"})

    assert response.status_code == 503
    assert response.json()["code"] == "search_unavailable"
    assert "temporarily unavailable" in response.json()["detail"]
    assert int(response["Retry-After"]) > 0


def test_suggest_offers_published_titles_only(client, publish, centre, teacher, django_capture_on_commit_callbacks):
    publish(title="Kỹ năng sống cho thanh niên")
    with django_capture_on_commit_callbacks(execute=True):
        services.create_resource(teacher, centre, resource_data(title="Kỹ năng nháp"))
    drain()

    response = client.get(SUGGEST, {"q": "ky na"})

    assert response.status_code == 200
    assert response.json() == {"suggestions": ["Kỹ năng sống cho thanh niên"]}
    assert "max-age" in response["Cache-Control"]
    assert client.get(SUGGEST, {"q": "k"}).json() == {"suggestions": []}


def test_suggest_returns_at_most_five_titles(client, publish):
    for number in range(7):
        publish(title=f"Tiếng Anh giao tiếp bài {number + 1}")

    assert len(client.get(SUGGEST, {"q": "tieng an"}).json()["suggestions"]) == 5


def test_suggest_refuses_unknown_parameters(client):
    response = client.get(SUGGEST, {"q": "rau", "limit": "50"})

    assert response.status_code == 400
    assert response.json()["code"] == "unknown_filter"


def test_pages_link_to_each_other(client, publish):
    for number in range(3):
        publish(title=f"Nuôi gà thả vườn bài {number + 1}")

    first = client.get(SEARCH, {"q": "nuoi ga", "page_size": 2}).json()
    second = client.get(first["next"]).json()

    assert first["count"] == 3 and len(first["results"]) == 2
    assert first["previous"] is None
    assert first["next"].startswith("http://testserver/api/v1/search/?")
    assert "page=2" in first["next"] and "page_size=2" in first["next"]
    assert second["page"] == 2 and len(second["results"]) == 1
    assert second["next"] is None
    assert "page=" not in second["previous"].replace("page_size=", "")
    assert {hit["id"] for hit in first["results"]}.isdisjoint(hit["id"] for hit in second["results"])


def test_errors_of_the_framework_have_the_same_shape(client):
    unknown = client.get("/api/v1/nothing-here/")
    wrong_method = client.post(SEARCH, {}, content_type="application/json")

    assert unknown.status_code == 404
    assert unknown.json()["code"] == "not_found"
    assert wrong_method.status_code == 405
    assert wrong_method.json()["code"] == "method_not_allowed"
    assert set(wrong_method.json()) == {"code", "detail"}


def test_openapi_schema_is_valid_and_documents_every_facet(tmp_path, db):
    target = tmp_path / "schema.yaml"

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))

    schema = yaml.safe_load(target.read_text())
    search = schema["paths"]["/api/v1/search/"]["get"]
    parameters = {p["name"] for p in search["parameters"] if p["in"] == "query"}
    assert set(FACET_NAMES) <= parameters
    assert {"q", "sort", "page", "page_size"} <= parameters
    assert {"200", "400", "503"} <= set(search["responses"])
    facets = schema["components"]["schemas"]["SearchFacets"]["properties"]
    assert set(facets) == set(FACET_NAMES)
    assert "/api/v1/search/suggest/" in schema["paths"]


def test_swagger_ui_is_served_without_outside_network(client):
    docs = client.get("/api/docs/")
    schema = client.get("/api/schema/", {"format": "json"})

    assert docs.status_code == 200
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in docs.content.decode()
    assert "//cdn" not in docs.content.decode()
    assert schema.status_code == 200
    assert "/api/v1/search/" in schema.json()["paths"]


def test_json_only_in_production_and_browsable_while_debugging(client, settings):
    browser = "text/html,application/xhtml+xml,*/*;q=0.8"
    settings.DEBUG = False
    production = client.get(SEARCH, headers={"accept": browser})
    html_only = client.get(SEARCH, headers={"accept": "text/html"})
    settings.DEBUG = True
    debugging = client.get(SEARCH, headers={"accept": browser})

    assert production.status_code == 200
    assert production["Content-Type"] == "application/json"
    assert html_only.status_code == 406
    assert html_only.json()["code"] == "not_acceptable"
    assert debugging.status_code == 200
    assert debugging["Content-Type"].startswith("text/html")
