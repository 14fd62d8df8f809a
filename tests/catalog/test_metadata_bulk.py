"""The bulk AMB mapping (`catalog.metadata.bulk`) gives exactly the records of `to_amb`, in order, with few queries."""
import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents.models import Document
from wagtail.models import Page

from catalog import services
from catalog.demo import load_demo
from catalog.exporting import dumps, export_records
from catalog.metadata import to_amb
from catalog.metadata.bulk import amb_records, amb_records_by_id
from catalog.models import CollectionPage, CoursePage, Licence, ResourcePage, ResourceType
from tests.catalog.test_export_roundtrip import catalogue  # noqa: F401  (a fixture: a varied published catalogue)
from tests.factories import course_data, resource_data, vocab


def one_by_one(pages):
    """`to_amb` of each resource or course, page by page, as JSON Lines text (byte-for-byte comparison)."""
    return [dumps(to_amb(page.specific)) for page in pages
            if isinstance(page.specific, (ResourcePage, CoursePage))]


def in_bulk(pages, **options):
    return [dumps(record) for _pk, record in amb_records(pages, **options)]


@pytest.fixture
def odd_pages(catalogue, centre, settings):  # noqa: F811
    """Pages with what the demo lacks: hub documents, internal links, a broken lesson, a draft, an old-format course."""
    settings.SITE_BASE_URL = "https://kho.example.edu.vn"
    document = Document.objects.create(title="Phiếu bài tập", file=ContentFile(b"%PDF-1.4 phieu", name="phieu-bulk.pdf"))
    literacy = catalogue["literacy"]
    body = (f'<p>Xem <a linktype="page" id="{literacy.pk}">bài 1</a>, tải '
            f'<a linktype="document" id="{document.pk}">phiếu</a>, <a href="/tai-lieu/">thư viện</a>.</p>')
    with_document = services.create_resource(None, centre, resource_data(
        title="Phiếu bài tập chữ cái", body=body, source_id="urn:phieu",
        files=[{"document": document}, {"document": document, "name": "Phiếu (bản in).pdf", "size": 7},
               {"content_url": "https://cdn.example.vn/a/b/c.mp4", "name": ""}],
        keywords=["Zebra", "ánh sáng", "anh sang", "XMC"], licence=vocab(Licence, "cc-by-nc-sa-4.0"),
    ), publish=True)
    gone = services.create_resource(None, centre, resource_data(title="Sẽ bị xóa", source_id="urn:xoa"), publish=True)
    course = services.create_course(None, centre, course_data(
        [with_document], title="Khóa có bài trỏ vào trang đã xóa", source_id="urn:khoa-xoa", hours=Decimal("0.5"),
        modules=[("module", {"title": "Một", "summary": "", "lessons": [
            {"title": "Còn", "resource": with_document, "hours": Decimal("0.3")},
            {"title": "Mất", "resource": gone, "hours": Decimal("1.25")}]})],
    ), publish=True)
    services.delete_page(None, gone)
    # A course saved before Wagtail's ListBlock kept item ids: lessons stored as bare values.
    old = services.create_course(None, centre, course_data(
        [literacy], title="Khóa kiểu cũ", source_id="urn:khoa-cu", hours=None, completion_criteria=""), publish=True)
    raw = [{"type": "module", "id": "m1", "value": {"title": "Cũ", "summary": "Tóm tắt",
                                                   "lessons": [{"title": "A", "resource": literacy.pk, "hours": "2"}]}}]
    CoursePage.objects.filter(pk=old.pk).update(modules=json.dumps(raw))
    draft = services.create_resource(None, centre, resource_data(
        title="Bản nháp có loại khác", source_id="urn:nhap-2", resource_type=vocab(ResourceType, "video")))
    return {"course": course, "old": old, "draft": draft}


def test_every_page_of_a_varied_catalogue_maps_to_the_same_bytes(odd_pages):
    pages = Page.objects.type(ResourcePage, CoursePage, CollectionPage).order_by("path")
    expected = one_by_one(pages)
    assert len(expected) == ResourcePage.objects.count() + CoursePage.objects.count() >= 10
    assert in_bulk(pages) == expected
    assert in_bulk(pages, chunk=3) == expected  # chunk edges fall inside resources and courses


def test_records_cover_documents_links_broken_lessons_and_old_courses(odd_pages):
    records = dict(amb_records(Page.objects.all()))
    course = records[odd_pages["course"].pk]
    assert [lesson["name"] for lesson in course["hasPart"][0]["hasPart"]] == ["Còn"]
    assert records[odd_pages["old"].pk]["hasPart"][0]["hasPart"] == [
        {"id": "https://oerhub.edu.vn/r/chu-cai", "name": "A", "timeRequired": "PT2H"}]
    draft = records[odd_pages["draft"].pk]
    assert "datePublished" not in draft and "mainEntityOfPage" not in draft
    with_document = next(r for r in records.values() if r["id"] == "urn:phieu")
    assert 'href="https://kho.example.edu.vn/' in with_document["text"]
    assert [f["contentSize"] for f in with_document["encoding"][:2]] == ["14", "7"]


def test_the_demo_catalogue_maps_to_the_same_bytes(db):
    load_demo(with_users=False)
    pages = Page.objects.type(ResourcePage, CoursePage).order_by("pk")
    expected = one_by_one(pages)
    assert len(expected) >= 90
    assert in_bulk(pages, chunk=40) == expected
    assert [dumps(r) for r in export_records()] == [dumps(to_amb(p)) for p in (
        list(ResourcePage.objects.live().public().order_by("pk")) + list(CoursePage.objects.live().public().order_by("pk")))]


def test_queries_per_chunk_do_not_grow_with_the_pages(catalogue):  # noqa: F811
    def queries(pages, kind=None):
        with CaptureQueriesContext(connection) as captured:
            list(amb_records(pages, kind=kind))
        return len(captured)

    resources = ResourcePage.objects.order_by("pk")
    queries(resources)  # Wagtail caches the site root paths on first use
    assert queries(resources.filter(pk=catalogue["remix"].pk)) == queries(resources)  # the remix has a source
    assert queries(CoursePage.objects.all()) <= 14  # 7 vocabularies, ids, rows, 4 term relations, lessons
    one = resources.first()
    with CaptureQueriesContext(connection) as captured:
        records = amb_records_by_id([one.pk])
    assert records == {one.pk: to_amb(one)}
    assert len(captured) <= 17


def test_to_amb_and_the_bulk_path_agree_on_a_page_edited_after_publishing(catalogue, moderator):  # noqa: F811
    """A draft on top of a live page: both read the live page as stored, not the draft."""
    literacy = ResourcePage.objects.get(pk=catalogue["literacy"].pk)
    literacy.title = "Tiêu đề nháp"
    literacy.save_revision()
    stored = ResourcePage.objects.get(pk=literacy.pk)
    assert amb_records_by_id([stored.pk])[stored.pk] == to_amb(stored)
    assert amb_records_by_id([stored.pk])[stored.pk]["name"] == "Học chữ cái cho người lớn"
    assert date.fromisoformat(to_amb(stored)["datePublished"])
