"""The AMB mapping: what a resource or course looks like to partners, and how liberally incoming values are read."""
from datetime import date
from decimal import Decimal

import pytest
from django.utils.translation import override

from catalog import services
from catalog.metadata import format_duration, from_amb, parse_duration, to_amb
from catalog.models import Audience, EducationalLevel, Language, Licence, ResourceType, Topic
from catalog.queries import public_url
from core.errors import ValidationFailed
from tests.factories import course_data, resource_data, vocab

CC_BY = "https://creativecommons.org/licenses/by/4.0/"


def record(**fields):
    base = {"id": "urn:test:1", "name": "Tài liệu thử", "license": CC_BY}
    base.update(fields)
    return base


def refusal(**fields):
    """The English refusal message (messages are translated when shown, so read it in English)."""
    with override("en"):
        with pytest.raises(ValidationFailed) as info:
            from_amb(record(**fields))
        return str(info.value)


def test_resource_record_has_every_field_partners_read(centre):
    page = services.create_resource(None, centre, resource_data(
        title="Sổ tay phòng chống lừa đảo qua mạng",
        summary="Nhận biết tin nhắn lừa đảo.",
        body='<p>Đọc kỹ <a href="https://canhbao.example.vn">cảnh báo</a>.</p><script>alert(1)</script>',
        resource_type=vocab(ResourceType, "tai-lieu"),
        licence=vocab(Licence, "cc-by-sa-4.0"),
        topics=[vocab(Topic, "xmcn-thong-tin")],
        audiences=[vocab(Audience, "cong-dong"), vocab(Audience, "hoc-vien")],
        levels=[vocab(EducationalLevel, "nguoi-lon")],
        languages=[vocab(Language, "tyz"), vocab(Language, "vi")],
        keywords=["lừa đảo", "An toàn mạng"],
        authors=[{"name": "Đỗ Minh Châu", "identifier": "https://orcid.org/0000-0002-1825-0097",
                  "affiliation": "Trường Đại học Vinh"},
                 {"name": "Sở GDĐT Hà Nội", "kind": "Organization"}],
        date_created=date(2024, 4, 21),
        external_url="https://canhbao.example.vn/so-tay",
        files=[{"content_url": "https://cdn.example.vn/so-tay.pdf", "name": "Sổ tay.pdf",
                "mime_type": "application/pdf", "size": 1048576}],
        source_id="https://oerhub.edu.vn/r/so-tay",
    ), publish=True)
    amb = to_amb(page)
    assert amb["datePublished"] and amb["mainEntityOfPage"] == [{"id": public_url(page)}]
    del amb["datePublished"], amb["mainEntityOfPage"]
    assert amb == {
        "@context": ["https://w3id.org/kim/amb/context.jsonld", {"@language": "vi"}],
        "id": "https://oerhub.edu.vn/r/so-tay",
        "type": ["LearningResource"],
        "name": "Sổ tay phòng chống lừa đảo qua mạng",
        "description": "Nhận biết tin nhắn lừa đảo.",
        "text": '<p>Đọc kỹ <a href="https://canhbao.example.vn">cảnh báo</a>.</p>',
        "keywords": ["An toàn mạng", "lừa đảo"],
        "inLanguage": ["vi", "tyz"],
        "license": {"id": "https://creativecommons.org/licenses/by-sa/4.0/"},
        "learningResourceType": [{"id": "https://w3id.org/kim/hcrt/text",
                                  "prefLabel": {"vi": "Tài liệu văn bản", "en": "Document"}}],
        "about": [{"id": "https://oerhub.edu.vn/vocab/topic/xmcn-thong-tin",
                   "prefLabel": {"vi": "Thông tin", "en": "Information"}}],
        "audience": [
            {"id": "http://purl.org/dcx/lrmi-vocabs/educationalAudienceRole/student",
             "prefLabel": {"vi": "Học viên", "en": "Learner"}},
            {"id": "http://purl.org/dcx/lrmi-vocabs/educationalAudienceRole/generalPublic",
             "prefLabel": {"vi": "Người dân, cộng đồng", "en": "General public"}},
        ],
        "educationalLevel": [{"id": "https://oerhub.edu.vn/vocab/level/adult",
                              "prefLabel": {"vi": "Người lớn (giáo dục không chính quy)", "en": "Adults (non-formal)"}}],
        "creator": [
            {"type": "Person", "name": "Đỗ Minh Châu", "id": "https://orcid.org/0000-0002-1825-0097",
             "affiliation": {"type": "Organization", "name": "Trường Đại học Vinh"}},
            {"type": "Organization", "name": "Sở GDĐT Hà Nội"},
        ],
        "dateCreated": "2024-04-21",
        "sourceOrganization": [{"type": "Organization", "id": centre.uri, "name": "Trung tâm GDTX Ba Vì"}],
        "url": "https://canhbao.example.vn/so-tay",
        "encoding": [{"type": "MediaObject", "contentUrl": "https://cdn.example.vn/so-tay.pdf", "name": "Sổ tay.pdf",
                      "encodingFormat": "application/pdf", "contentSize": "1048576"}],
    }


def test_course_record_lists_modules_and_lessons_with_durations(centre):
    first = services.create_resource(None, centre, resource_data(title="Bài 1", source_id="urn:bai-1"), publish=True)
    second = services.create_resource(None, centre, resource_data(title="Bài 2", source_id="urn:bai-2"))
    course = services.create_course(None, centre, course_data(
        [first], hours=Decimal("1.5"), completion_criteria="Làm bài kiểm tra cuối khóa.", source_id="urn:khoa-1",
        modules=[
            ("module", {"title": "Làm quen", "summary": "Điện thoại", "lessons": [
                {"title": "Bật máy", "resource": first, "hours": Decimal("0.5")}]}),
            ("module", {"title": "Internet", "summary": "", "lessons": [
                {"title": "", "resource": second, "hours": None}]}),
        ]), publish=True)
    amb = to_amb(course)
    assert amb["@context"][1] == {"@language": "vi",
                                  "completionCriteria": "https://oerhub.edu.vn/vocab/completionCriteria"}
    assert amb["type"] == ["LearningResource", "Course"]
    assert amb["learningResourceType"][0]["id"] == "https://w3id.org/kim/hcrt/course"
    assert amb["timeRequired"] == "PT1H30M"
    assert amb["completionCriteria"] == "Làm bài kiểm tra cuối khóa."
    assert amb["hasPart"] == [
        {"type": "LearningResource", "name": "Làm quen", "description": "Điện thoại",
         "hasPart": [{"id": "urn:bai-1", "name": "Bật máy", "timeRequired": "PT30M"}]},
        {"type": "LearningResource", "name": "Internet", "hasPart": [{"id": "urn:bai-2"}]},
    ]
    assert "keywords" not in amb and "creator" not in amb


@pytest.mark.parametrize("value", [
    "https://creativecommons.org/licenses/by/4.0/",
    "http://creativecommons.org/licenses/by/4.0",
    "https://creativecommons.org/licenses/by/4.0/deed.vi",
    "https://creativecommons.org/licenses/by/4.0/legalcode",
    "https://creativecommons.org/licenses/by/4.0/legalcode.en",
    {"id": "HTTPS://CreativeCommons.org/licenses/by/4.0/deed.en"},
    "cc-by-4.0",
    "CC BY 4.0",
])
def test_licence_is_recognised_in_its_usual_spellings(db, value):
    assert from_amb(record(license=value)).data["licence"].slug == "cc-by-4.0"


@pytest.mark.parametrize("value", [
    {"id": "https://w3id.org/kim/hcrt/video"},
    "http://w3id.org/kim/hcrt/video/",
    "video",
    {"prefLabel": {"en": "VIDEO"}},
    {"id": "https://unknown.example.org/type/clip", "prefLabel": {"vi": "Video"}},
])
def test_vocabulary_values_by_uri_slug_or_label(db, value):
    assert from_amb(record(learningResourceType=[value])).data["resource_type"].slug == "video"


def test_topics_audiences_levels_and_languages_by_name_and_code(db):
    data = from_amb(record(
        about=["Kỹ năng sống", {"prefLabel": {"en": "literacy level 1"}}],
        audience=["teacher"], educationalLevel=["Upper secondary (GDTX)"], inLanguage=["vi-VN", "TYZ", "en_GB"],
    )).data
    assert [t.slug for t in data["topics"]] == ["ky-nang-song", "xmc-muc-do-1"]
    assert [a.slug for a in data["audiences"]] == ["giao-vien"]
    assert [lv.slug for lv in data["levels"]] == ["thpt"]
    assert [lang.code for lang in data["languages"]] == ["vi", "tyz", "en"]


def test_refusals_name_the_field_and_the_value(db):
    Licence.objects.create(slug="closed", name="Độc quyền", url="https://example.vn/doc-quyen", is_open=False)
    assert refusal(license="https://example.vn/doc-quyen/") == "license: “Độc quyền” is not an open licence."
    assert refusal(about=["Ngoại ngữ"]) == "about: “Ngoại ngữ” matches several terms; give its URI."
    assert refusal(audience=[{"id": "https://example.org/role/x"}]) == (
        "audience: unknown value “https://example.org/role/x”.")
    assert refusal(dateCreated="21/04/2024") == "dateCreated: “21/04/2024” is not a date (YYYY-MM-DD)."
    assert refusal(dateCreated="2024-02-30") == "dateCreated: “2024-02-30” is not a date (YYYY-MM-DD)."
    assert refusal(url="javascript:alert(1)") == "url: “javascript:alert(1)” is not a web address."
    assert refusal(creator=[{"type": "Person", "name": "A", "id": "0000-0002-1825-0097"}]) == (
        "creator: “0000-0002-1825-0097” is not a web address.")
    assert refusal(creator=[{"type": "Person"}]) == "creator: every creator needs a name."
    assert refusal(encoding=[{"name": "a.pdf"}]) == "encoding: every file needs a contentUrl."
    assert refusal(encoding=[{"contentUrl": "https://x.vn/a.pdf", "contentSize": "1 MB"}]) == (
        "encoding: contentSize “1 MB” is not a number of bytes.")
    assert refusal(isBasedOn=[{"id": "urn:a"}, {"id": "urn:b"}]) == (
        "isBasedOn: only one source per resource is supported, found 2.")
    assert refusal(isBasedOn=[{"id": "urn:test:1"}]) == "isBasedOn: a resource cannot be based on itself."
    assert refusal(type=["LearningResource", "Course"], timeRequired="12 giờ") == (
        "timeRequired: “12 giờ” is not an ISO 8601 duration such as PT1H30M.")
    assert refusal(name={"en": 42}) == "Missing “name”."
    assert refusal(keywords=["x" * 101]) == "keywords: longer than 100 characters."


def test_body_html_is_sanitised_and_plain_fields_are_trimmed(db):
    data = from_amb(record(
        name="  Tên có khoảng trắng  ",
        text='<p onclick="x()">Chào <a href="javascript:alert(1)">bạn</a><img src="x.png"></p><script>evil()</script>',
        keywords="lúa, ngô , , lúa",
        creator=["Nguyễn Văn A", {"type": ["Organization"], "name": "Hội Phụ nữ", "affiliation": "UBND xã"}],
        encoding=[{"contentUrl": "https://x.vn/a.mp4", "contentSize": 2048}],
        dateCreated="2024-04-21T08:00:00+07:00",
    )).data
    assert data["title"] == "Tên có khoảng trắng"
    assert data["body"] == "<p>Chào <a>bạn</a></p>"
    assert data["keywords"] == ["lúa", "ngô"]
    assert data["authors"] == [
        {"name": "Nguyễn Văn A", "kind": "Person", "identifier": "", "affiliation": ""},
        {"name": "Hội Phụ nữ", "kind": "Organization", "identifier": "", "affiliation": "UBND xã"},
    ]
    assert data["files"] == [{"content_url": "https://x.vn/a.mp4", "name": "", "mime_type": "", "size": 2048}]
    assert data["date_created"] == date(2024, 4, 21)


def test_a_record_is_a_course_by_type_or_by_hcrt_course_type(db):
    assert from_amb(record(type="Course")).kind == "course"
    assert from_amb(record(learningResourceType=[{"id": "https://w3id.org/kim/hcrt/course"}])).kind == "course"
    assert from_amb(record(type=["LearningResource"])).kind == "resource"


@pytest.mark.parametrize("text, hours", [
    ("PT12H", Decimal("12.0")), ("PT1H30M", Decimal("1.5")), ("PT45M", Decimal("0.8")), ("P1DT2H", Decimal("26.0")),
    ("pt2h", Decimal("2.0")), ("PT5400S", Decimal("1.5")), (3, Decimal("3.0")),
    ("PT", None), ("P", None), ("1 giờ", None), ("-PT1H", None), (True, None),
])
def test_durations_are_read_as_hours(text, hours):
    assert parse_duration(text) == hours


@pytest.mark.parametrize("hours, text", [(12, "PT12H"), (Decimal("1.5"), "PT1H30M"), (Decimal("0.5"), "PT30M"),
                                         (Decimal("0"), "PT0H"), (Decimal("1.3"), "PT1H18M")])
def test_durations_are_written_in_iso_8601(hours, text):
    assert format_duration(hours) == text
    assert parse_duration(text) == Decimal(hours).quantize(Decimal("0.1"))
