"""What a harvester reads in each format: Dublin Core and LOM fields in correct UTF-8, from the AMB mapping."""
import pytest
from lxml import etree

from catalog.metadata import to_amb
from catalog.models import Topic
from catalog.queries import public_url
from tests.factories import vocab
from tests.oai.conftest import NS, oai_id

pytestmark = pytest.mark.django_db
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def dc_fields(page):
    dc = page.xpath("//oai:metadata/oai_dc:dc")[0]
    fields = {}
    for child in dc:
        fields.setdefault(etree.QName(child).localname, []).append(child.text)
    return dc, fields


def test_oai_dc_carries_the_vietnamese_record(oai, catalogue):
    letters = catalogue["letters"]
    page = oai(verb="GetRecord", metadataPrefix="oai_dc", identifier=oai_id(letters))
    dc, fields = dc_fields(page)
    assert dc.get(f"{{{NS['xsi']}}}schemaLocation") == (
        "http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd")
    assert fields["title"] == ["Học chữ cái tiếng Việt cho người lớn"]
    assert fields["creator"] == ["Nguyễn Thị Lan"]
    assert fields["subject"] == ["Xóa mù chữ mức độ 1", "Literacy level 1", "chữ cái", "XMC"]
    subjects = dc.xpath("dc:subject", namespaces=NS)
    assert (subjects[0].text, subjects[0].get(XML_LANG)) == ("Xóa mù chữ mức độ 1", "vi")
    assert subjects[1].get(XML_LANG) == "en" and subjects[2].get(XML_LANG) is None
    assert fields["description"] == [
        "Bài học xóa mù chữ mức độ 1: nhận biết và viết 29 chữ cái.",
        "Mỗi bài có tranh minh họa & bài tập viết.\nHọc viên tự luyện.",
    ]
    assert fields["publisher"] == ["Trung tâm GDTX Ba Vì"]
    assert fields["language"] == ["vi"]
    assert fields["rights"] == ["https://creativecommons.org/licenses/by/4.0/"]
    assert fields["type"] == ["Bài giảng điện tử", "E-lecture", "https://w3id.org/kim/hcrt/slide"]
    assert fields["identifier"][0] == public_url(letters) and fields["identifier"][0].startswith("http://testserver/")
    assert fields["identifier"][1] == letters.source_id
    assert fields["date"] == [to_amb(letters)["datePublished"]]
    # Real UTF-8 bytes, not character references; markup of the body is gone, & is escaped once.
    raw = page.response.content
    assert raw.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    assert "Xóa mù chữ mức độ 1".encode() in raw and b"&#" not in raw
    assert "tranh minh họa &amp; bài tập".encode() in raw and b"&lt;b&gt;" not in raw


def test_oai_dc_of_a_second_resource_lists_every_creator_and_its_licence(oai, catalogue):
    page = oai(verb="GetRecord", metadataPrefix="oai_dc", identifier=oai_id(catalogue["phone"]))
    _dc, fields = dc_fields(page)
    assert fields["creator"] == ["Trần Văn Đức", "Lê Thị Hoa"]
    assert fields["rights"] == ["https://creativecommons.org/licenses/by-sa/4.0/"]
    assert fields["subject"][0] == "Tin học và kỹ năng số"


def test_markup_and_characters_xml_cannot_hold_are_made_safe(oai, publish):
    page = publish(title="Toán <lớp 6> & \"phân số\"", summary="Ôn tập\x0b phân số\x1f & số thập phân.",
                   body="<p>Bài 1</p><script>alert('x')</script><ul><li>Cộng</li><li>Trừ &lt;nhanh&gt;</li></ul>")
    response = oai(verb="GetRecord", metadataPrefix="oai_dc", identifier=oai_id(page))
    _dc, fields = dc_fields(response)
    assert fields["title"] == ["Toán <lớp 6> & \"phân số\""]
    assert fields["description"] == ["Ôn tập phân số & số thập phân.", "Bài 1\nCộng\nTrừ <nhanh>"]
    lom = oai(verb="GetRecord", metadataPrefix="lom", identifier=oai_id(page))
    assert lom.text("//lom:general/lom:title/lom:string/text()") == ["Toán <lớp 6> & \"phân số\""]


def test_lom_is_derived_from_the_same_record(oai, catalogue):
    letters = catalogue["letters"]
    page = oai(verb="GetRecord", metadataPrefix="lom", identifier=oai_id(letters))
    lom = page.xpath("//oai:metadata/lom:lom")[0]
    assert lom.get(f"{{{NS['xsi']}}}schemaLocation") == (
        "http://ltsc.ieee.org/xsd/LOM http://ltsc.ieee.org/xsd/lomv1.0/lom.xsd")
    assert [etree.QName(child).localname for child in lom] == [
        "general", "lifeCycle", "metaMetadata", "technical", "educational", "rights", "classification",
        "classification"]

    def text(path):
        return page.text(path, lom)

    assert text("lom:general/lom:identifier/lom:entry/text()") == [public_url(letters), letters.source_id]
    assert text("lom:general/lom:title/lom:string/text()") == ["Học chữ cái tiếng Việt cho người lớn"]
    assert text("lom:general/lom:title/lom:string/@language") == ["vi"]
    assert text("lom:general/lom:language/text()") == ["vi"]
    assert "Mỗi bài có tranh minh họa & bài tập viết.\nHọc viên tự luyện." in text(
        "lom:general/lom:description/lom:string/text()")
    assert set(text("lom:general/lom:keyword/lom:string/text()")) == {"chữ cái", "XMC"}
    assert text("lom:lifeCycle/lom:contribute/lom:role/lom:value/text()") == ["author", "publisher"]
    entities = text("lom:lifeCycle/lom:contribute/lom:entity/text()")
    assert "FN:Nguyễn Thị Lan" in entities[0] and "ORG:Trung tâm GDTX Ba Vì" in entities[1]
    assert text("lom:technical/lom:location/text()")[0] == public_url(letters)
    assert text("lom:educational/lom:learningResourceType/lom:value/text()") == ["https://w3id.org/kim/hcrt/slide"]
    assert text("lom:rights/lom:description/lom:string/text()") == ["https://creativecommons.org/licenses/by/4.0/"]
    topic_path = page.xpath("lom:classification[lom:purpose/lom:value='discipline']/lom:taxonPath", lom)
    assert len(topic_path) == 1
    assert page.text("lom:taxon/lom:id/text()", topic_path[0]) == [
        vocab(Topic, "xoa-mu-chu").uri, vocab(Topic, "xmc-muc-do-1").uri]
    assert page.text("lom:taxon/lom:entry/lom:string[@language='vi']/text()", topic_path[0]) == [
        "Xóa mù chữ", "Xóa mù chữ mức độ 1"]


def test_lom_of_a_course_lists_its_lessons_and_learning_time(oai, catalogue):
    course = catalogue["course"]
    page = oai(verb="GetRecord", metadataPrefix="lom", identifier=oai_id(course, "course"))
    assert page.text("//lom:general/lom:aggregationLevel/lom:value/text()") == ["3"]
    assert page.text("//lom:educational/lom:typicalLearningTime/lom:duration/text()") == ["PT12H"]
    assert page.text("//lom:relation[lom:kind/lom:value='haspart']/lom:resource/lom:identifier/lom:entry/text()") == [
        catalogue["letters"].source_id, catalogue["phone"].source_id]
