"""Importing AMB records: what is created, updated or left alone, and what is refused with which line and reason."""
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils.translation import override
from wagtail.models import Revision

from catalog.importing import import_file, import_records
from catalog.models import CoursePage, Licence, OutboxEvent, ResourcePage, Topic
from catalog.queries import public_courses, public_resources

CC_BY = "https://creativecommons.org/licenses/by/4.0/"
VIDEO = "https://w3id.org/kim/hcrt/video"


def topic_uri(slug):
    return Topic.objects.get(slug=slug).uri


def amb(centre, ident="https://doitac.example.edu.vn/oer/1", **fields):
    """A complete, publishable AMB resource record from `centre`; fields set to None are dropped."""
    record = {
        "@context": ["https://w3id.org/kim/amb/context.jsonld", {"@language": "vi"}],
        "id": ident, "type": ["LearningResource"],
        "name": "Trồng lúa theo mùa vụ", "description": "Lịch thời vụ và kỹ thuật gieo mạ cho nông dân.",
        "license": {"id": CC_BY}, "learningResourceType": [{"id": VIDEO}],
        "about": [{"id": topic_uri("cgcn-nong-nghiep")}], "inLanguage": ["vi"],
        "keywords": ["lúa", "mùa vụ"], "creator": [{"type": "Person", "name": "Phạm Văn Hùng"}],
        "sourceOrganization": [{"type": "Organization", "id": centre.uri, "name": centre.title}],
    }
    record.update(fields)
    return {key: value for key, value in record.items() if value is not None}


def course_amb(centre, ident="https://doitac.example.edu.vn/course/1", lessons=(), **fields):
    record = amb(centre, ident, type=["LearningResource", "Course"], name="Khóa học trồng trọt",
                 learningResourceType=None, keywords=None, creator=None, timeRequired="PT6H",
                 completionCriteria="Hoàn thành cả hai bài.",
                 hasPart=[{"type": "LearningResource", "name": "Mô-đun 1", "description": "Cơ bản",
                           "hasPart": [{"id": lesson, "name": f"Bài {n}", "timeRequired": "PT1H30M"}
                                       for n, lesson in enumerate(lessons, 1)]}])
    record.update(fields)
    return record


def jsonl(*records):
    return [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]


def run(*records, **options):
    with override("en"):
        return import_records(jsonl(*records), **options)


@pytest.fixture
def closed_licence(db):
    return Licence.objects.create(slug="ban-quyen", name="All rights reserved", url="https://example.vn/ban-quyen",
                                  is_open=False)


def test_each_bad_record_is_refused_with_its_line_and_reason_and_good_ones_are_imported(centre, closed_licence):
    report = run(
        amb(centre, "urn:tot:1"),
        "{not json",
        "[1, 2]",
        amb(centre, id=None),
        amb(centre, "urn:xau:ten", name=None),
        "   ",
        amb(centre, "urn:xau:giay-phep", license={"id": "https://example.org/giay-phep-la"}),
        amb(centre, "urn:xau:dong", license={"id": "https://example.vn/ban-quyen"}),
        amb(centre, "urn:xau:chu-de", about=[{"id": "https://oerhub.edu.vn/vocab/topic/khong-co"}]),
        amb(centre, "urn:xau:trung-tam", sourceOrganization=[{"id": "https://oerhub.edu.vn/vocab/centre/khong-co"}]),
        course_amb(centre, "urn:xau:khoa-hoc", lessons=["urn:tot:1", "urn:khong-co-bai"]),
        amb(centre, "urn:xau:ngon-ngu", inLanguage=["vi", "xx-YY"]),
        amb(centre, "urn:tot:2", name="Chăm sóc lúa non"),
    )
    assert (report.created, report.updated, report.unchanged, report.rejected) == (2, 0, 0, 10)
    reasons = dict(report.rejections)
    assert reasons[2].startswith("Invalid JSON: Expecting property name enclosed in double quotes (column 2)")
    assert reasons[3] == "Not a JSON object."
    assert reasons[4] == "Missing “id”."
    assert reasons[5] == "Missing “name”."
    assert 6 not in reasons  # a blank line is skipped but still counted
    assert reasons[7] == "license: unknown value “https://example.org/giay-phep-la”."
    assert reasons[8] == "license: “All rights reserved” is not an open licence."
    assert reasons[9] == "about: unknown value “https://oerhub.edu.vn/vocab/topic/khong-co”."
    assert reasons[10] == ("Unknown centre “https://oerhub.edu.vn/vocab/centre/khong-co”: "
                           "pass --centre SLUG or create the centre first.")
    assert reasons[11] == "hasPart: unknown lesson resource “urn:khong-co-bai”; import it before the course."
    assert reasons[12] == "inLanguage: unknown value “xx-YY”."
    assert sorted(ResourcePage.objects.values_list("source_id", flat=True)) == ["urn:tot:1", "urn:tot:2"]
    assert not CoursePage.objects.exists()


def test_missing_centre_is_explained(centre):
    report = run(amb(centre, sourceOrganization=None))
    assert report.rejections == [
        (1, "No centre: the record has no sourceOrganization. Pass --centre SLUG or create the centre first.")]


def test_line_numbers_and_results_hold_across_commit_batches(centre, monkeypatch):
    monkeypatch.setattr("catalog.importing.BATCH_SIZE", 2)
    report = run(amb(centre, "urn:1"), "", amb(centre, "urn:3"), "oops", amb(centre, "urn:5"), "null")
    assert (report.created, report.rejected) == (3, 2)
    assert [number for number, _reason in report.rejections] == [4, 6]
    assert ResourcePage.objects.filter(source_id__in=["urn:1", "urn:3", "urn:5"]).count() == 3


def test_a_refused_record_writes_nothing(centre):
    events, revisions = OutboxEvent.objects.count(), Revision.objects.count()
    report = run(amb(centre, "urn:thieu-chu-de", about=None), publish=True)
    assert report.rejections == [(1, "Cannot publish: fill in topics.")]
    assert not ResourcePage.objects.filter(source_id="urn:thieu-chu-de").exists()
    assert (OutboxEvent.objects.count(), Revision.objects.count()) == (events, revisions)


def test_a_refused_update_keeps_the_page_as_it_was(centre):
    run(amb(centre, "urn:a"), publish=True)
    page = ResourcePage.objects.get(source_id="urn:a")
    revision = page.latest_revision_id
    report = run(amb(centre, "urn:a", name="Tên mới", about=[{"id": "khong-co"}]), publish=True)
    assert report.rejections == [(1, "about: unknown value “khong-co”.")]
    page.refresh_from_db()
    assert (page.title, page.latest_revision_id) == ("Trồng lúa theo mùa vụ", revision)


def test_reimporting_the_same_file_changes_nothing(centre):
    records = [amb(centre, "urn:a"), amb(centre, "urn:b", name="Bón phân"),
               course_amb(centre, "urn:c", lessons=["urn:a", "urn:b"])]
    first = run(*records, publish=True)
    assert (first.created, first.rejected) == (3, 0)
    events, revisions = OutboxEvent.objects.count(), Revision.objects.count()
    second = run(*records, publish=True)
    assert (second.created, second.updated, second.unchanged, second.rejected) == (0, 0, 3, 0)
    assert (OutboxEvent.objects.count(), Revision.objects.count()) == (events, revisions)


def test_changed_fields_update_the_page_and_removed_values_are_cleared(centre):
    run(amb(centre, "urn:a"), publish=True)
    report = run(amb(centre, "urn:a", name="Trồng lúa vụ đông xuân", keywords=["đông xuân"], creator=None,
                     about=[{"id": topic_uri("cgcn-nong-nghiep")}, "Chăn nuôi"]), publish=True)
    assert (report.updated, report.created, report.unchanged) == (1, 0, 0)
    page = ResourcePage.objects.get(source_id="urn:a")
    assert page.live and page.title == "Trồng lúa vụ đông xuân"
    assert [t.name for t in page.keywords.all()] == ["đông xuân"]
    assert not page.authors.exists()
    assert sorted(t.slug for t in page.topics.all()) == ["cgcn-chan-nuoi", "cgcn-nong-nghiep"]


def test_update_without_publish_leaves_the_live_version_for_learners(centre):
    run(amb(centre, "urn:a"), publish=True)
    report = run(amb(centre, "urn:a", name="Bản sửa chưa duyệt"))
    assert report.updated == 1
    page = ResourcePage.objects.get(source_id="urn:a")
    assert page.live and page.title == "Trồng lúa theo mùa vụ" and page.has_unpublished_changes
    assert page.get_latest_revision_as_object().title == "Bản sửa chưa duyệt"
    assert run(amb(centre, "urn:a", name="Bản sửa chưa duyệt")).unchanged == 1


def test_without_publish_records_are_drafts_and_publish_later_makes_them_live(client, centre):
    assert run(amb(centre, "urn:a")).created == 1
    page = ResourcePage.objects.get(source_id="urn:a")
    assert not page.live and not public_resources().filter(pk=page.pk).exists()
    assert client.get(f"/{centre.slug}/{page.slug}/").status_code == 404
    report = run(amb(centre, "urn:a"), publish=True)
    assert (report.updated, report.unchanged) == (1, 0)
    assert public_resources().filter(source_id="urn:a").exists()


def test_publish_makes_records_live_for_learners(client, centre):
    report = run(amb(centre, "urn:a"), course_amb(centre, "urn:c", lessons=["urn:a"]), publish=True)
    assert report.created == 2
    resource = public_resources().get(source_id="urn:a")
    assert public_courses().filter(source_id="urn:c").exists()
    response = client.get(resource.url)
    assert response.status_code == 200 and "Trồng lúa theo mùa vụ" in response.content.decode()


def test_centre_option_wins_over_source_organization(centre, other_centre):
    run(amb(centre, "urn:a"), centre=other_centre)
    page = ResourcePage.objects.get(source_id="urn:a")
    assert page.get_parent().pk == other_centre.pk


@pytest.mark.parametrize("organization", [
    lambda c: [{"id": c.uri.replace("https://", "http://") + "/"}],
    lambda c: [{"id": c.slug}],
    lambda c: [{"type": "Organization", "name": c.title}],
    lambda c: [{"id": "https://khac.example.org/org/9", "name": "Khác"}, {"id": c.uri}],
])
def test_centre_is_found_by_uri_slug_or_title(centre, other_centre, organization):
    assert run(amb(other_centre, "urn:a", sourceOrganization=organization(other_centre))).created == 1
    assert ResourcePage.objects.get(source_id="urn:a").get_parent().pk == other_centre.pk


def test_course_lessons_point_at_resources_imported_earlier(centre):
    report = run(amb(centre, "urn:a"), amb(centre, "urn:b", name="Bón phân"),
                 course_amb(centre, "urn:c", lessons=["urn:a", "urn:b"]), publish=True)
    assert report.created == 3
    course = CoursePage.objects.get(source_id="urn:c")
    assert [r.source_id for r in course.lesson_resources()] == ["urn:a", "urn:b"]
    assert course.hours == 6 and course.completion_criteria == "Hoàn thành cả hai bài."
    module = course.modules[0].value
    assert module["title"] == "Mô-đun 1" and [str(lesson["hours"]) for lesson in module["lessons"]] == ["1.5", "1.5"]


def test_a_course_and_a_resource_cannot_share_an_id(centre):
    report = run(amb(centre, "urn:a"), course_amb(centre, "urn:a", lessons=["urn:a"]),
                 course_amb(centre, "urn:c", lessons=["urn:a"]), amb(centre, "urn:c"))
    assert report.created == 2
    assert report.rejections == [
        (2, "The id “urn:a” already belongs to a learning resource; a course cannot take it."),
        (4, "The id “urn:c” already belongs to a course; a learning resource cannot take it."),
    ]


def test_is_based_on_a_known_resource_links_it_and_an_unknown_one_is_kept_as_a_record(centre):
    external = {"id": "https://kho-khac.example.org/oer/77", "name": "Sổ tay nhà nông",
                "license": "http://creativecommons.org/licenses/by-sa/4.0/deed.vi",
                "creator": [{"type": "Organization", "name": "Hội Nông dân"}, "Lê Thị Mai"]}
    report = run(amb(centre, "urn:goc"),
                 amb(centre, "urn:phai-sinh", name="Trồng lúa (bản địa phương)",
                     isBasedOn=[{"id": "urn:goc", "name": "tên do đối tác ghi"}]),
                 amb(centre, "urn:ngoai", name="Sổ tay rút gọn", isBasedOn=[external]))
    assert report.created == 3
    source, remix, adapted = (ResourcePage.objects.get(source_id=i) for i in ("urn:goc", "urn:phai-sinh", "urn:ngoai"))
    assert remix.based_on == source and remix.based_on_record == {}
    assert adapted.based_on is None
    assert adapted.based_on_record == {
        "id": "https://kho-khac.example.org/oer/77", "name": "Sổ tay nhà nông",
        "license": {"id": "https://creativecommons.org/licenses/by-sa/4.0/"},
        "creator": [{"type": "Organization", "name": "Hội Nông dân"}, {"type": "Person", "name": "Lê Thị Mai"}],
    }
    assert str(adapted.source_attribution()).startswith("“Sổ tay nhà nông”")


def test_import_command_reports_counts_and_succeeds(tmp_path, centre):
    path = tmp_path / "tai-nguyen.jsonl"
    path.write_text("\n".join(jsonl(amb(centre, "urn:a"), amb(centre, "urn:b", name="Bón phân"))) + "\n",
                    encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    with override("en"):
        call_command("import_resources", str(path), "--publish", "--no-progress", stdout=out, stderr=err)
    assert out.getvalue() == "2 created, 0 updated, 0 unchanged, 0 rejected.\n"
    assert err.getvalue() == ""
    assert public_resources().filter(source_id__in=["urn:a", "urn:b"]).count() == 2


def test_import_command_fails_listing_each_rejected_line(tmp_path, centre):
    path = tmp_path / "tai-nguyen.jsonl"
    path.write_text("\n".join(jsonl(amb(centre, "urn:a"), "42", amb(centre, "urn:b", name=""))), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    with override("en"), pytest.raises(CommandError, match=r"^Records rejected: 2\.$"):
        call_command("import_resources", str(path), "--no-progress", stdout=out, stderr=err)
    assert out.getvalue() == "1 created, 0 updated, 0 unchanged, 2 rejected.\n"
    assert err.getvalue() == "line 2: Not a JSON object.\nline 3: Missing “name”.\n"
    assert ResourcePage.objects.filter(source_id="urn:a").exists()


def test_import_command_reads_standard_input_and_uses_the_centre_option(centre, other_centre):
    stdin = io.StringIO("\n".join(jsonl(amb(centre, "urn:a", sourceOrganization=None))))
    out = io.StringIO()
    with override("en"):
        call_command("import_resources", "-", "--centre", other_centre.slug, stdin=stdin, stdout=out)
    assert out.getvalue().startswith("1 created")
    assert ResourcePage.objects.get(source_id="urn:a").get_parent().pk == other_centre.pk


def test_import_command_refuses_a_missing_file_or_unknown_centre(tmp_path, centre):
    with override("en"):
        with pytest.raises(CommandError, match="File not found: .*khong-co.jsonl"):
            call_command("import_resources", str(tmp_path / "khong-co.jsonl"), stdout=io.StringIO())
        with pytest.raises(CommandError, match="No centre with the slug “khong-co”."):
            call_command("import_resources", "-", "--centre", "khong-co", stdin=io.StringIO(""))


def test_import_file_refuses_a_line_that_is_not_utf8_and_keeps_the_others(tmp_path, centre):
    path = tmp_path / "hong.jsonl"
    good = json.dumps(amb(centre, "urn:a"), ensure_ascii=False).encode("utf-8")
    latin = b'{"id": "urn:b", "name": "Tr\xe1ng"}'  # a byte of another encoding, not UTF-8
    path.write_bytes(b"\xef\xbb\xbf" + good + b"\n" + latin + b"\n")
    with override("en"):
        report = import_file(path)
    assert report.created == 1
    assert report.rejections == [(2, "Not valid UTF-8 text.")]
