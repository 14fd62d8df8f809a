"""Licence compatibility warnings for courses that combine materials, and the rules behind remixing."""
import json

import pytest
from django.utils import translation

from catalog import licences, services
from catalog.importing import import_records
from catalog.models import Licence, ResourcePage
from tests.factories import course_data, resource_data, vocab


def lic(slug):
    return vocab(Licence, slug)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "slugs, course, expected",
    [
        (["cc-by-4.0", "cc0-1.0", "cc-by-sa-4.0"], "cc-by-sa-4.0", []),
        (["cc-by-sa-4.0", "cc-by-nc-sa-4.0"], None, ["Incompatible share-alike"]),
        (["cc-by-sa-4.0", "cc-by-nc-4.0"], None, ["forbids commercial use"]),
        (["cc-by-4.0", "cc-by-nd-4.0"], "cc-by-4.0", ["forbids derivatives"]),
        (["cc-by-nc-4.0"], "cc-by-4.0", ["allows commercial use, but it includes non-commercial"]),
        (["cc-by-sa-4.0"], "cc-by-4.0", ["differs from the share-alike licence"]),
        (["cc-by-sa-3.0", "cc-by-sa-4.0"], "cc-by-sa-4.0", []),
    ],
)
def test_combine_warns_about_incompatible_licences(slugs, course, expected):
    with translation.override("en"):
        report = licences.combine([lic(s) for s in slugs], course_licence=lic(course) if course else None)
        assert len(report.warnings) == len(expected)
        for fragment, warning in zip(expected, report.warnings):
            assert fragment in warning
    assert report.compatible is (not expected)


@pytest.mark.django_db
def test_remix_licence_rules():
    assert licences.remix_licence_ok(lic("cc-by-4.0"), lic("cc-by-sa-4.0"))
    assert licences.remix_licence_ok(lic("cc0-1.0"), lic("cc-by-nc-4.0"))
    assert not licences.remix_licence_ok(lic("cc-by-4.0"), lic("cc0-1.0"))
    assert not licences.remix_licence_ok(lic("cc-by-nc-4.0"), lic("cc-by-sa-4.0"))
    assert not licences.remix_licence_ok(lic("cc-by-nd-4.0"), lic("cc-by-nd-4.0"))


def test_course_combining_share_alike_licences_warns(centre, moderator):
    a = services.create_resource(moderator, centre, resource_data(title="A", licence=lic("cc-by-sa-4.0")), publish=True)
    b = services.create_resource(moderator, centre, resource_data(title="B", licence=lic("cc-by-nc-sa-4.0")), publish=True)
    course = services.create_course(moderator, centre, course_data([a, b], licence=lic("cc-by-sa-4.0")), publish=True)
    with translation.override("en"):
        warnings = course.licence_report().warnings
    assert any("CC BY-SA 4.0" in w and "CC BY-NC-SA 4.0" in w for w in warnings)


def test_course_with_compatible_licences_has_no_warning(centre, moderator):
    a = services.create_resource(moderator, centre, resource_data(title="A", licence=lic("cc-by-4.0")), publish=True)
    b = services.create_resource(moderator, centre, resource_data(title="B", licence=lic("cc0-1.0")), publish=True)
    course = services.create_course(moderator, centre, course_data([a, b], licence=lic("cc-by-4.0")), publish=True)
    assert course.licence_report().warnings == []
    assert [r.pk for r in course.lesson_resources()] == [a.pk, b.pk]


def test_attribution_carries_title_author_source_and_licence(centre, moderator):
    page = services.create_resource(
        moderator, centre, resource_data(title="Trồng rau sạch", authors=[{"name": "Lê Thị Hoa"}, {"name": "Phạm An"}]),
        publish=True,
    )
    with translation.override("en"):
        text = page.attribution().text
    assert text.startswith("“Trồng rau sạch”")
    assert "Lê Thị Hoa, Phạm An" in text
    assert f"source: http://testserver{page.url}" in text
    assert "CC BY 4.0" in text


@pytest.mark.django_db
def test_attribution_of_an_outside_source_names_its_licence():
    record = {"id": "https://example.org/course", "name": "Learning cities",
              "license": {"id": "https://creativecommons.org/licenses/by-sa/3.0/igo/", "name": "CC BY-SA 3.0 IGO"},
              "creator": [{"type": "Organization", "name": "UNESCO UIL"}]}
    attribution = licences.attribution_from_record(record)
    assert (attribution.licence_name, attribution.authors) == ("CC BY-SA 3.0 IGO", ["UNESCO UIL"])
    record["license"] = {"id": "https://creativecommons.org/licenses/by/4.0/"}
    assert licences.attribution_from_record(record).licence_name == "CC BY 4.0"


def test_imported_outside_source_keeps_its_licence_name(centre):
    record = {"id": "urn:x:1", "name": "Phiên bản tiếng Việt", "description": "Tóm tắt",
              "license": {"id": "https://creativecommons.org/licenses/by-sa/4.0/"},
              "learningResourceType": [{"id": "https://w3id.org/kim/hcrt/text"}],
              "about": [{"id": "https://oerhub.edu.vn/vocab/topic/ky-nang-song"}], "inLanguage": ["vi"],
              "isBasedOn": [{"id": "https://example.org/c", "name": "Original",
                             "license": {"id": "https://creativecommons.org/licenses/by-sa/3.0/igo/",
                                         "name": "CC BY-SA 3.0 IGO"}}]}
    report = import_records([json.dumps(record)], centre=centre, publish=True)
    assert report.created == 1, report.rejections
    assert ResourcePage.objects.get(source_id="urn:x:1").source_attribution().licence_name == "CC BY-SA 3.0 IGO"
