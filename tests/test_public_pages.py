"""The public site as a learner sees it: home, browsing, resource, course, collection and error pages."""
import re

import pytest
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation
from django.utils.html import escape
from django.views.defaults import server_error

from catalog import services, views
from catalog.models import Licence, ResourceType, Topic
from tests.factories import course_data, resource_data, vocab


def html(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def links_to(page_html, url):
    return f'href="{url}"' in page_html


@pytest.fixture
def en_client(client, settings):
    """A visitor who chose English with the language switcher: assertions on interface text
    are written in English (Vietnamese rendering is tested separately)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def english(func):
    """`func()` evaluated in English, to compare with a page rendered for `en_client`."""
    with translation.override("en"):
        return func()


@pytest.fixture
def published(centre, moderator):
    """A published resource with a file, an external link and two authors."""
    return services.create_resource(moderator, centre, resource_data(
        title="Chữ cái và dấu thanh",
        authors=[{"name": "Nguyễn Thị Lan"}, {"name": "Trần Văn Minh"}],
        files=[{"content_url": "https://cdn.example.vn/xmc/bai-1.pdf", "name": "Bài 1 - Chữ cái.pdf"}],
        external_url="https://video.example.vn/xmc-bai-1",
    ), publish=True)


def test_home_lists_published_resource_and_not_a_draft(client, centre, teacher, published):
    services.create_resource(teacher, centre, resource_data(title="Bản nháp chưa duyệt"))
    page = html(client.get("/"))
    assert links_to(page, published.url)
    assert "Chữ cái và dấu thanh" in page
    assert "Bản nháp chưa duyệt" not in page
    # Top-level topics link to browsing filtered by that topic.
    assert links_to(page, "/tai-lieu/?chu-de=xoa-mu-chu")


def test_resource_page_shows_licence_attribution_files_and_link(en_client, published):
    page = html(en_client.get(published.url))
    assert '<a href="https://creativecommons.org/licenses/by/4.0/" rel="license">CC BY 4.0</a>' in page
    assert "You may adapt it" in page and "Commercial use is allowed." in page
    attribution = english(lambda: published.attribution().text)
    assert "Chữ cái và dấu thanh" in attribution and "Nguyễn Thị Lan, Trần Văn Minh" in attribution
    assert escape(attribution) in page
    assert links_to(page, "https://cdn.example.vn/xmc/bai-1.pdf") and "Bài 1 - Chữ cái.pdf" in page
    assert links_to(page, "https://video.example.vn/xmc-bai-1")
    # Topics show their ancestors: the parent programme, then the level.
    assert re.search(r"Literacy</a> › <a [^>]*>Literacy level 1</a>", page)
    assert "Trung tâm GDTX Ba Vì</a>, Hà Nội" in page


def test_no_derivatives_licence_is_explained_as_share_unchanged(en_client, centre, moderator):
    resource = services.create_resource(moderator, centre, resource_data(
        title="Đề kiểm tra tin học", licence=vocab(Licence, "cc-by-nc-nd-4.0"),
    ), publish=True)
    page = html(en_client.get(resource.url))
    assert "You may not adapt or remix it" in page
    assert "Non-commercial use only" in page
    assert "You may adapt it" not in page


def test_remix_shows_its_source_and_source_lists_the_remix_once_published(en_client, teacher, moderator, published):
    remix = services.remix_resource(teacher, published, title="Chữ cái cho đồng bào Mường")
    assert "Chữ cái cho đồng bào Mường" not in html(en_client.get(published.url))
    assert en_client.get(f"/{remix.get_parent().slug}/{remix.slug}/").status_code == 404

    remix = services.publish(moderator, remix)
    remix_page = html(en_client.get(remix.url))
    assert "Based on" in remix_page
    assert escape(english(lambda: published.attribution().text)) in remix_page
    assert links_to(remix_page, published.url)
    source_page = html(en_client.get(published.url))
    assert links_to(source_page, remix.url)
    assert "Chữ cái cho đồng bào Mường" in source_page


def test_browse_by_parent_topic_finds_resources_of_child_topics(client, centre, moderator):
    services.create_resource(moderator, centre, resource_data(title="Tập viết mức độ 1"), publish=True)
    services.create_resource(moderator, centre, resource_data(
        title="Dùng điện thoại an toàn", topics=[vocab(Topic, "tin-hoc")],
    ), publish=True)
    page = html(client.get("/tai-lieu/", {"chu-de": "xoa-mu-chu"}))
    assert "Tập viết mức độ 1" in page
    assert "Dùng điện thoại an toàn" not in page
    assert '<option value="xoa-mu-chu" selected>' in page
    page = html(client.get("/tai-lieu/", {"chu-de": "tin-hoc"}))
    assert "Dùng điện thoại an toàn" in page and "Tập viết mức độ 1" not in page


def test_browse_by_licence_and_empty_state(en_client, centre, moderator):
    services.create_resource(moderator, centre, resource_data(title="Bài BY"), publish=True)
    services.create_resource(moderator, centre, resource_data(
        title="Bài BY-SA", licence=vocab(Licence, "cc-by-sa-4.0"),
    ), publish=True)
    page = html(en_client.get("/tai-lieu/", {"giay-phep": "cc-by-sa-4.0"}))
    assert "Bài BY-SA" in page and "Bài BY<" not in page
    assert "1 material found" in page
    page = html(en_client.get("/tai-lieu/", {"giay-phep": "cc-by-sa-4.0", "loai": "video"}))
    assert "Bài BY-SA" not in page
    assert "No materials match these filters yet." in page
    # Each active filter can be removed on its own, keeping the others.
    assert links_to(page, "?loai=video") and links_to(page, "?giay-phep=cc-by-sa-4.0")


def test_draft_is_404_for_anonymous_visitors_with_the_site_error_page(client, centre, teacher, settings):
    draft = services.create_resource(teacher, centre, resource_data(title="Bản nháp"))
    response = client.get(f"/{centre.slug}/{draft.slug}/")
    assert response.status_code == 404
    page = response.content.decode()
    # The site's own error page: same header, a way back to browsing, nothing of the draft.
    assert '<html lang="vi"' in page and "Kho học liệu mở GDTX" in page and links_to(page, "/tai-lieu/")
    assert "Bản nháp" not in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(f"/{centre.slug}/{draft.slug}/")
    assert response.status_code == 404 and "Page not found" in response.content.decode()


def test_course_links_published_lessons_and_hides_unpublished_ones(en_client, centre, teacher, moderator, published):
    draft = services.create_resource(teacher, centre, resource_data(title="Bài học chưa xuất bản"))
    course = services.create_course(moderator, centre, course_data(
        [published, draft], completion_criteria="Hoàn thành 2 bài kiểm tra.",
    ), publish=True)
    page = html(en_client.get(course.url))
    assert re.search(rf'<a href="{re.escape(published.url)}">Chữ cái và dấu thanh</a>', page)
    assert "licence CC BY 4.0" in page
    assert "Bài học chưa xuất bản" not in page
    assert "12 hours" in page and "Hoàn thành 2 bài kiểm tra." in page


def test_licence_warnings_are_shown_to_the_centres_teacher_only(en_client, centre, teacher, moderator, published):
    non_commercial = services.create_resource(moderator, centre, resource_data(
        title="Bài phi thương mại", licence=vocab(Licence, "cc-by-nc-4.0"),
    ), publish=True)
    course = services.create_course(moderator, centre, course_data([published, non_commercial]), publish=True)
    warning = "includes non-commercial materials"

    anonymous_page = html(en_client.get(course.url))
    assert "Bài phi thương mại" in anonymous_page
    assert warning not in anonymous_page and "Licence warnings" not in anonymous_page

    en_client.force_login(teacher)
    teacher_page = html(en_client.get(course.url))
    assert "Licence warnings" in teacher_page and warning in teacher_page


def test_licence_warnings_are_hidden_from_a_teacher_of_another_centre(en_client, centre, moderator, other_teacher):
    nc = services.create_resource(moderator, centre, resource_data(licence=vocab(Licence, "cc-by-nc-4.0")), publish=True)
    course = services.create_course(moderator, centre, course_data([nc]), publish=True)
    en_client.force_login(other_teacher)
    assert "includes non-commercial materials" not in html(en_client.get(course.url))


def test_pages_are_vietnamese_by_default_and_english_on_request(client, published, settings):
    page = html(client.get(published.url))
    assert '<html lang="vi"' in page
    assert "Bài giảng điện tử" in page  # resource type label in Vietnamese
    # A browser installed in English still gets the Vietnamese service until the visitor switches.
    assert '<html lang="vi"' in html(client.get(published.url, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = html(client.get(published.url))
    assert '<html lang="en"' in page
    assert "E-lecture" in page and "Bài giảng điện tử" not in page


def test_language_switcher_keeps_english_for_later_pages(client, published):
    page = html(client.get("/tai-lieu/"))
    assert 'action="/i18n/setlang/"' in page and 'name="language" value="en"' in page
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/tai-lieu/"})
    assert response.status_code == 302 and response["Location"] == "/tai-lieu/"
    assert '<html lang="en"' in html(client.get("/tai-lieu/"))
    assert '<html lang="en"' in html(client.get(published.url))
    client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    assert '<html lang="vi"' in html(client.get("/"))


def test_browse_results_are_paginated_and_keep_filters(en_client, centre, moderator, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    for title in ("Bài một", "Bài hai", "Bài ba"):
        services.create_resource(moderator, centre, resource_data(title=title), publish=True)
    first = html(en_client.get("/tai-lieu/", {"giay-phep": "cc-by-4.0"}))
    assert "Bài ba" in first and "Bài hai" in first and "Bài một" not in first
    assert "Page 1 of 2" in first
    assert 'href="?giay-phep=cc-by-4.0&amp;trang=2"' in first
    second = html(en_client.get("/tai-lieu/", {"giay-phep": "cc-by-4.0", "trang": 2}))
    assert "Bài một" in second and "Bài ba" not in second
    assert 'href="?giay-phep=cc-by-4.0&amp;trang=1"' in second


def test_centre_and_browse_pages_list_published_courses_and_centres(en_client, centre, moderator, published):
    course = services.create_course(moderator, centre, course_data([published]), publish=True)
    centre_page = html(en_client.get(centre.url))
    assert links_to(centre_page, published.url) and links_to(centre_page, course.url)
    assert "Continuing-education centre" in centre_page and "Hà Nội" in centre_page
    assert links_to(html(en_client.get("/khoa-hoc/")), course.url)
    centres = html(en_client.get("/trung-tam/"))
    assert links_to(centres, centre.url) and "<h2" in centres and "Hà Nội" in centres


def test_collection_shows_only_items_learners_can_open(client, centre, moderator, published):
    other = services.create_resource(moderator, centre, resource_data(
        title="Tủ sách: truyện ngắn", resource_type=vocab(ResourceType, "tai-lieu"),
    ), publish=True)
    collection = services.create_collection(
        moderator, centre, title="Tủ sách cùng học", items=[published, other], publish=True,
    )
    page = html(client.get(collection.url))
    assert links_to(page, published.url) and links_to(page, other.url)
    services.unpublish(moderator, other)
    page = html(client.get(collection.url))
    assert links_to(page, published.url) and "Tủ sách: truyện ngắn" not in page


def test_server_error_page_needs_no_database_or_request_context():
    # No `db` fixture: any database query here fails the test.
    with translation.override("en"):
        response = server_error(RequestFactory().get("/"))
        assert "Something went wrong" in render_to_string("500.html")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Kho học liệu mở GDTX" in page and "Something went wrong" in page
    assert '<html lang="en"' in page and "/static/css/site.css" in page


def test_first_load_is_small_and_uses_no_outside_resources(client, centre, moderator):
    for n in range(5):
        services.create_resource(moderator, centre, resource_data(title=f"Bài số {n}"), publish=True)
    for url in ("/", "/tai-lieu/"):
        page = html(client.get(url))
        assert "<script" not in page
        assets = re.findall(r'<link[^>]+href="([^"]+)"|<img[^>]+src="([^"]+)"', page)
        assets = [a or b for a, b in assets]
        assert assets and all(a.startswith("/static/") for a in assets), assets
        total = len(page.encode()) + sum(len(open(finders.find(a[len("/static/"):]), "rb").read()) for a in assets)
        assert total < 60_000, total
