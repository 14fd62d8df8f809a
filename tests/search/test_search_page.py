"""The public search page as a learner sees it: results, facet links, refusals and the weight of the page."""
import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.staticfiles import finders
from django.utils import translation
from django.utils.html import escape

from catalog.models import ResourceType
from core.errors import ValidationFailed
from search.backends.base import BackendUnavailable
from search.query import SearchQuery
from tests.factories import vocab

PAGE = "/tim-kiem/"
PAGE_WEIGHT_BUDGET = 100 * 1000  # DESIGN.md: public search page < 100 KB on first load
pytestmark = pytest.mark.usefixtures("database_search")


class Links(HTMLParser):
    """Every <a> of a page: its attributes and its text."""

    def __init__(self, html):
        super().__init__()
        self.links, self._open = [], None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._open = {**dict(attrs), "text": ""}
            self.links.append(self._open)

    def handle_data(self, data):
        if self._open is not None:
            self._open["text"] += data

    def handle_endtag(self, tag):
        if tag == "a":
            self._open = None

    def find(self, text):
        """The link whose visible text starts with `text` (a ✓ mark may come first)."""
        matches = [a for a in self.links if a["text"].replace("✓", "").strip().startswith(text)]
        assert len(matches) == 1, (text, [a["text"] for a in self.links])
        return matches[0]


def query_of(link):
    return parse_qs(urlsplit(link["href"]).query)





@pytest.fixture
def en_client(client, settings):
    """A visitor who chose English with the language switcher."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client





def test_shows_results_with_highlighted_excerpts_in_vietnamese_by_default(client, publish, centre):
    page = publish(title="Phòng chống đuối nước", summary="Kỹ năng bơi và phòng chống đuối nước cho trẻ em.")

    response = client.get(PAGE, {"q": "duoi nuoc"}, headers={"accept-language": "en"})

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi"' in html
    assert re.search(rf'<a href="{re.escape(page.url)}">Phòng chống đuối nước</a>', html)
    assert "<mark>" in html
    assert "CC BY 4.0" in html
    assert "Trung tâm GDTX Ba Vì" in html
    # The form keeps what was typed and works as a plain GET form.
    assert 'action="/tim-kiem/"' in html and 'name="q" value="duoi nuoc"' in html


def test_english_when_the_visitor_chose_it(en_client, publish):
    publish(title="Phòng chống đuối nước")

    html = en_client.get(PAGE, {"q": "duoi nuoc"}).content.decode()

    assert '<html lang="en"' in html
    assert "1 result for “duoi nuoc”" in html


def test_facet_links_toggle_one_value_and_keep_the_rest(en_client, publish):
    publish(title="Trồng rau sạch", resource_type=vocab(ResourceType, "video"))
    publish(title="Trồng rau thủy canh", resource_type=vocab(ResourceType, "tai-lieu"))

    response = en_client.get(PAGE, {"q": "trong rau", "type": "video", "licence": "cc-by-4.0", "sort": "newest"})

    html = response.content.decode()
    links = Links(html)
    video = links.find("Video")
    document = links.find("Document")
    assert video["aria-current"] == "true"
    assert "aria-current" not in document
    # Selecting "Video" again removes it and keeps the text, the other filter and the sort.
    assert query_of(video) == {"q": ["trong rau"], "licence": ["cc-by-4.0"], "sort": ["newest"]}
    # Another type is added to the selection (OR within a facet).
    assert query_of(document) == {"q": ["trong rau"], "type": ["video", "tai-lieu"], "licence": ["cc-by-4.0"],
                                  "sort": ["newest"]}
    assert query_of(links.find("Clear all filters")) == {"q": ["trong rau"], "sort": ["newest"]}
    assert links.find("Newest")["aria-current"] == "true"
    assert "(1)" in html


def test_pages_of_results_link_to_each_other(en_client, publish):
    for number in range(3):
        publish(title=f"Nuôi gà thả vườn bài {number + 1}")

    first = Links(en_client.get(PAGE, {"q": "nuoi ga", "page_size": 2}).content.decode())
    following = first.find("Next page")
    second = en_client.get(PAGE + following["href"])

    assert query_of(following) == {"q": ["nuoi ga"], "page": ["2"], "page_size": ["2"]}
    assert "Page 2 of 2" in second.content.decode()
    assert query_of(Links(second.content.decode()).find("Previous page")) == {"q": ["nuoi ga"], "page_size": ["2"]}


def test_a_corrected_spelling_is_shown_as_did_you_mean(en_client, publish, database_search, monkeypatch):
    publish(title="Phòng chống đuối nước")
    search = database_search.search

    def corrected(query):
        results = search(query)
        results.corrected_query = "đuối nước"
        return results
    monkeypatch.setattr(database_search, "search", corrected)

    links = Links(en_client.get(PAGE, {"q": "duoi nuocc"}).content.decode())

    assert query_of(links.find("đuối nước")) == {"q": ["đuối nước"]}


def test_empty_results_suggest_what_to_try(en_client, publish):
    publish(title="Phòng chống đuối nước")

    html = en_client.get(PAGE, {"q": "thiên văn học"}).content.decode()

    assert "0 results for “thiên văn học”" in html
    assert "without diacritics" in html


def test_bad_parameters_show_the_message_with_status_400(en_client):
    response = en_client.get(PAGE, {"q": "rau", "colour": "red"})

    assert response.status_code == 400
    html = response.content.decode()
    assert escape("Unknown filter colour.") in html
    assert 'role="alert"' in html and 'name="q" value="rau"' in html


def test_bad_paging_page_is_vietnamese_by_default(client):
    response = client.get(PAGE, {"page": "0"}, headers={"accept-language": "en"})

    assert response.status_code == 400
    html = response.content.decode()
    assert '<html lang="vi"' in html
    with translation.override("vi"), pytest.raises(ValidationFailed) as refused:
        SearchQuery.from_params({"page": "0"})
    assert escape(str(refused.value)) in html


def test_an_unreachable_engine_shows_a_friendly_503(en_client, database_search, monkeypatch):
    def down(query):
        raise BackendUnavailable("connection refused")
    monkeypatch.setattr(database_search, "search", down)

    response = en_client.get(PAGE, {"q": "rau"})

    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    html = response.content.decode()
    assert "Search is temporarily unavailable" in html
    assert 'href="/tai-lieu/"' in html  # browsing by topic still works without the engine


def test_navigation_links_to_the_search_page(en_client):
    links = Links(en_client.get(PAGE).content.decode())

    assert links.find("Search")["href"] == PAGE
    assert links.find("Search")["aria-current"] == "page"


def test_first_load_weighs_less_than_100_kb(client, publish):
    for number in range(20):
        publish(title=f"Học tiếng Anh giao tiếp cơ bản bài {number + 1}",
                summary="Bài học tiếng Anh giao tiếp cho người lớn: chào hỏi, hỏi đường, mua bán. " * 4)

    response = client.get(PAGE, {"q": "tieng anh"})

    html = response.content.decode()
    assert html.count('class="card"') == 20
    assets = re.findall(r'(?:href|src)="/static/([^"?]+)"', html)
    assert any(a.endswith(".css") for a in assets) and any(a.endswith(".js") for a in assets)
    assert not any(a.endswith((".png", ".jpg", ".svg", ".woff", ".woff2")) for a in assets)
    weight = len(response.content) + sum(len(open(finders.find(a), "rb").read()) for a in set(assets))
    assert weight < PAGE_WEIGHT_BUDGET, f"{weight} bytes"
