"""Exporting the published catalogue, and importing an export back: the records survive unchanged."""
import io
import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils.translation import override
from wagtail.documents.models import Document

from catalog import services
from catalog.exporting import export_records, write_jsonl
from catalog.importing import import_file
from catalog.models import Audience, CoursePage, EducationalLevel, Language, Licence, ResourcePage, ResourceType, Topic
from tests.factories import course_data, resource_data, vocab

EXTERNAL_SOURCE = {
    "id": "https://kho-khac.example.org/oer/77", "name": "Sổ tay nhà nông",
    "license": {"id": "https://creativecommons.org/licenses/by-sa/4.0/"},
    "creator": [{"type": "Organization", "name": "Hội Nông dân Việt Nam"}],
}


@pytest.fixture
def catalogue(centre, other_centre, teacher, moderator):
    """Published resources with varied licences, languages, authors, files and sources, a remix and a course."""
    literacy = services.create_resource(None, centre, resource_data(
        title="Học chữ cái cho người lớn", source_id="https://oerhub.edu.vn/r/chu-cai",
        body='<h2>Bài 1</h2><p>Chữ <strong>a</strong>, <em>ă</em>, â.</p><ul><li>Đọc</li><li>Viết</li></ul>',
        authors=[{"name": "Nguyễn Thị Lan", "identifier": "https://orcid.org/0000-0002-1825-0097",
                  "affiliation": "Trường Đại học Sư phạm Hà Nội"},
                 {"name": "Trung tâm GDTX Ba Vì", "kind": "Organization", "identifier": "https://gdtx-bavi.example.vn/"}],
        keywords=["chữ cái", "XMC", "người lớn"], date_created=date(2023, 9, 5),
        external_url="https://video.example.vn/xmc-bai-1",
        files=[{"content_url": "https://cdn.example.vn/xmc/bai-1.pdf", "name": "Bài 1.pdf",
                "mime_type": "application/pdf", "size": 524288},
               {"content_url": "https://cdn.example.vn/xmc/bai-1.mp3", "name": "", "mime_type": "audio/mpeg",
                "size": None}],
    ), publish=True)
    bilingual = services.create_resource(None, centre, resource_data(
        title="Truyện song ngữ Việt – Tày", source_id="urn:uuid:7f0d2a8e-0000-4000-8000-000000000001",
        licence=vocab(Licence, "cc-by-sa-4.0"), resource_type=vocab(ResourceType, "sach-giao-khoa-dien-tu"),
        languages=[vocab(Language, "vi"), vocab(Language, "tyz")],
        topics=[vocab(Topic, "sau-biet-chu"), vocab(Topic, "van-hoa-doc")],
        audiences=[vocab(Audience, "hoc-vien"), vocab(Audience, "cong-dong")],
        levels=[vocab(EducationalLevel, "nguoi-lon")], keywords=["song ngữ"],
        authors=[{"name": "Hoàng Văn Páo", "affiliation": "Trung tâm GDTX tỉnh Cao Bằng"}],
    ), publish=True)
    adapted = services.create_resource(None, other_centre, resource_data(
        title="Kỹ thuật trồng lúa (rút gọn)", source_id="https://tthtcd.example.vn/oer/lua",
        licence=vocab(Licence, "cc0-1.0"), resource_type=vocab(ResourceType, "video"),
        topics=[vocab(Topic, "cgcn-nong-nghiep")], languages=[vocab(Language, "km")], levels=[], audiences=[],
        keywords=[], authors=[], based_on_record=EXTERNAL_SOURCE,
    ), publish=True)
    services.create_resource(None, other_centre, resource_data(
        title="Đề kiểm tra không được phái sinh", licence=vocab(Licence, "cc-by-nc-nd-4.0"),
        resource_type=vocab(ResourceType, "de-thi"), source_id="urn:de-thi",
    ), publish=True)
    remix = services.remix_resource(teacher, literacy, licence=vocab(Licence, "cc-by-sa-4.0"))
    services.publish(moderator, remix)
    services.create_course(None, centre, course_data(
        [literacy], title="Khóa xóa mù chữ cho đồng bào", source_id="https://oerhub.edu.vn/c/xmc",
        hours=Decimal("12"), completion_criteria="Đọc và viết được 29 chữ cái.",
        languages=[vocab(Language, "vi"), vocab(Language, "hnj")],
        modules=[
            ("module", {"title": "Chữ cái", "summary": "Nhận biết mặt chữ", "lessons": [
                {"title": "Nguyên âm", "resource": literacy, "hours": Decimal("1.5")},
                {"title": "Truyện đọc", "resource": bilingual, "hours": Decimal("2")}]}),
            ("module", {"title": "Ôn tập", "summary": "", "lessons": [
                {"title": "", "resource": adapted, "hours": None}]}),
        ]), publish=True)
    services.create_resource(teacher, centre, resource_data(title="Bản nháp", source_id="urn:nhap"))
    return {"literacy": literacy, "remix": remix}


def without_publication(records):
    return [{k: v for k, v in r.items() if k not in ("datePublished", "mainEntityOfPage")} for r in records]


def test_export_import_export_gives_the_same_records(tmp_path, catalogue):
    first_path = tmp_path / "lan-1.jsonl"
    report = write_jsonl(first_path)
    assert (report.resources, report.courses) == (5, 1)
    first = [json.loads(line) for line in first_path.read_text(encoding="utf-8").splitlines()]
    assert all(r["datePublished"] and r["mainEntityOfPage"] for r in first)

    for page in list(CoursePage.objects.all()) + list(ResourcePage.objects.order_by("-pk")):
        services.delete_page(None, page)
    assert not ResourcePage.objects.exists()

    with override("en"):
        imported = import_file(first_path, publish=True)
    assert (imported.created, imported.rejected) == (6, 0), imported.rejections
    second_path = tmp_path / "lan-2.jsonl"
    write_jsonl(second_path)
    second = [json.loads(line) for line in second_path.read_text(encoding="utf-8").splitlines()]
    assert without_publication(second) == without_publication(first)

    remix = ResourcePage.objects.get(source_id=catalogue["remix"].source_id)
    assert remix.based_on.source_id == "https://oerhub.edu.vn/r/chu-cai"
    assert ResourcePage.objects.get(source_id="https://tthtcd.example.vn/oer/lua").based_on_record == EXTERNAL_SOURCE
    with override("en"):
        assert import_file(second_path, publish=True).unchanged == 6


def test_export_lists_published_resources_then_courses_and_no_drafts(catalogue):
    records = list(export_records())
    ids = [r["id"] for r in records]
    assert "urn:nhap" not in ids
    assert ["Course" in r["type"] for r in records] == [False] * 5 + [True]
    assert ids[:3] == ["https://oerhub.edu.vn/r/chu-cai", "urn:uuid:7f0d2a8e-0000-4000-8000-000000000001",
                       "https://tthtcd.example.vn/oer/lua"]
    remix = next(r for r in records if r["id"] == catalogue["remix"].source_id)
    assert remix["isBasedOn"] == [{
        "id": "https://oerhub.edu.vn/r/chu-cai", "name": "Học chữ cái cho người lớn",
        "license": {"id": "https://creativecommons.org/licenses/by/4.0/"},
        "creator": [{"type": "Person", "name": "Nguyễn Thị Lan"},
                    {"type": "Organization", "name": "Trung tâm GDTX Ba Vì"}],
    }]
    adapted = next(r for r in records if r["id"] == "https://tthtcd.example.vn/oer/lua")
    assert adapted["isBasedOn"] == [EXTERNAL_SOURCE]
    assert "audience" not in adapted and "keywords" not in adapted and "creator" not in adapted


def test_unpublished_resource_leaves_the_export(catalogue, moderator):
    services.unpublish(None, catalogue["literacy"])
    assert "https://oerhub.edu.vn/r/chu-cai" not in [r["id"] for r in export_records()]


def test_files_and_links_in_the_hub_are_exported_with_absolute_urls(centre, settings):
    settings.SITE_BASE_URL = "https://kho.example.edu.vn"
    document = Document.objects.create(title="Phiếu bài tập", file=ContentFile(b"%PDF-1.4 phieu", name="phieu.pdf"))
    body = f'<p>Tải <a linktype="document" id="{document.pk}">phiếu</a>.</p>'
    services.create_resource(None, centre, resource_data(body=body, files=[{"document": document}]), publish=True)
    [record] = export_records()
    assert record["text"] == f'<p>Tải <a href="https://kho.example.edu.vn{document.url}">phiếu</a>.</p>'
    assert record["encoding"] == [{"type": "MediaObject", "contentUrl": f"https://kho.example.edu.vn{document.url}",
                                   "name": "phieu.pdf", "encodingFormat": "application/pdf", "contentSize": "14"}]


def test_export_command_writes_a_file_or_standard_output(tmp_path, catalogue):
    err = io.StringIO()
    with override("en"):
        call_command("export_resources", str(tmp_path / "xuat.jsonl"), stderr=err)
    assert err.getvalue() == "Exported resources: 5, courses: 1.\n"
    lines = (tmp_path / "xuat.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 6 and "Học chữ cái cho người lớn" in lines[0]  # UTF-8, not \u escapes

    out = io.StringIO()
    call_command("export_resources", "-", stdout=out, stderr=io.StringIO())
    assert out.getvalue().splitlines() == lines
