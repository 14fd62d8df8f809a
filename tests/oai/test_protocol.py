"""OAI-PMH requests and errors: each verb's arguments, the error codes of the spec, Identify and the envelope."""
import re

import pytest

from tests.oai.conftest import NS, oai_id

pytestmark = pytest.mark.django_db

UTC_SECONDS = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


def test_identify_declares_granularity_deletions_and_the_identifier_scheme(oai, catalogue):
    page = oai(verb="Identify")
    assert page.error is None
    root = page.root
    assert root.tag == f"{{{NS['oai']}}}OAI-PMH"
    assert root.get(f"{{{NS['xsi']}}}schemaLocation") == (
        "http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd")
    assert [child.tag.split("}")[1] for child in root] == ["responseDate", "request", "Identify"]
    assert UTC_SECONDS.match(page.text("/oai:OAI-PMH/oai:responseDate/text()")[0])
    assert page.request.text == "http://testserver/oai" and page.request.get("verb") == "Identify"
    identify = page.xpath("//oai:Identify")[0]
    assert [child.tag.split("}")[1] for child in identify] == [
        "repositoryName", "baseURL", "protocolVersion", "adminEmail", "earliestDatestamp", "deletedRecord",
        "granularity", "compression", "description"]
    assert page.text("//oai:repositoryName/text()") == ["Kho học liệu mở GDTX"]
    assert page.text("//oai:baseURL/text()") == ["http://testserver/oai"]
    assert page.text("//oai:protocolVersion/text()") == ["2.0"]
    assert page.text("//oai:deletedRecord/text()") == ["persistent"]
    assert page.text("//oai:granularity/text()") == ["YYYY-MM-DDThh:mm:ssZ"]
    assert UTC_SECONDS.match(page.text("//oai:earliestDatestamp/text()")[0])
    assert page.text("//id:oai-identifier/id:repositoryIdentifier/text()") == ["oerhub.edu.vn"]
    assert page.text("//id:oai-identifier/id:sampleIdentifier/text()") == ["oai:oerhub.edu.vn:resource/1"]


def test_post_with_form_arguments_is_answered_like_get(oai, catalogue):
    page = oai(method="post", verb="GetRecord", identifier=oai_id(catalogue["phone"]), metadataPrefix="oai_dc")
    assert page.error is None
    assert page.identifiers() == [oai_id(catalogue["phone"])]


@pytest.mark.parametrize("arguments, code, message", [
    ([], "badVerb", "The verb argument is missing."),
    ([("verb", "ListThings")], "badVerb", "ListThings is not an OAI-PMH verb."),
    ([("verb", "Identify"), ("verb", "Identify")], "badVerb", "The verb argument is repeated."),
    ([("verb", "Identify"), ("metadataPrefix", "oai_dc")], "badArgument",
     "Identify does not take the argument metadataPrefix."),
    ([("verb", "ListRecords")], "badArgument", "ListRecords needs the argument metadataPrefix."),
    ([("verb", "GetRecord"), ("metadataPrefix", "oai_dc")], "badArgument", "GetRecord needs the argument identifier."),
    ([("verb", "ListRecords"), ("metadataPrefix", "oai_dc"), ("metadataPrefix", "lom")], "badArgument",
     "The argument metadataPrefix is repeated."),
    ([("verb", "ListIdentifiers"), ("metadataPrefix", "oai_dc"), ("from", "2024-13-01")], "badArgument",
     "from=2024-13-01 is not a date (YYYY-MM-DD) or a UTC time (YYYY-MM-DDThh:mm:ssZ)."),
    ([("verb", "ListIdentifiers"), ("metadataPrefix", "oai_dc"), ("from", "2024-01-01T00:00:00+07:00")], "badArgument",
     "from=2024-01-01T00:00:00+07:00 is not a date (YYYY-MM-DD) or a UTC time (YYYY-MM-DDThh:mm:ssZ)."),
    ([("verb", "ListIdentifiers"), ("metadataPrefix", "oai_dc"), ("from", "2024-01-01"),
      ("until", "2024-02-01T00:00:00Z")], "badArgument", "from and until must have the same granularity."),
    ([("verb", "ListIdentifiers"), ("metadataPrefix", "oai_dc"), ("from", "2024-02-02"), ("until", "2024-02-01")],
     "badArgument", "from must not be later than until."),
    ([("verb", "ListRecords"), ("resumptionToken", "abc"), ("metadataPrefix", "oai_dc")], "badArgument",
     "resumptionToken must be the only argument besides the verb."),
    ([("verb", "ListRecords"), ("metadataPrefix", "")], "badArgument", "The argument metadataPrefix is empty."),
    ([("verb", "ListRecords"), ("metadataPrefix", "oai_dc"), ("set", "topic:khong-co")], "badArgument",
     "There is no set topic:khong-co; ListSets lists them."),
    ([("verb", "ListRecords"), ("metadataPrefix", "oai_dc"), ("set", "topic:xmc-muc-do-1")], "badArgument",
     "There is no set topic:xmc-muc-do-1; ListSets lists them."),
])
def test_illegal_requests_get_the_spec_error_code_with_http_200_and_no_echoed_arguments(
        oai, arguments, code, message):
    page = oai(*arguments, headers={"Accept-Language": "en"})
    assert page.error == (code, message)
    assert page.request.attrib == {} and page.request.text == "http://testserver/oai"
    assert not page.xpath("//oai:ListRecords|//oai:ListIdentifiers|//oai:GetRecord|//oai:Identify")


def test_error_messages_follow_accept_language(oai):
    assert oai(verb="Nothing", headers={"Accept-Language": "en"}).error[1] == "Nothing is not an OAI-PMH verb."


@pytest.mark.parametrize("verb", ["ListRecords", "ListIdentifiers", "GetRecord"])
def test_an_unknown_metadata_prefix_cannot_be_disseminated(oai, publish, verb):
    page = oai(verb=verb, metadataPrefix="marc21", identifier=oai_id(publish()),
               headers={"Accept-Language": "en"}) if verb == "GetRecord" else oai(
        verb=verb, metadataPrefix="marc21", headers={"Accept-Language": "en"})
    assert page.error[0] == "cannotDisseminateFormat"
    assert "marc21" in page.error[1]
    assert page.request.get("metadataPrefix") == "marc21"  # echoed: not a badArgument


@pytest.mark.parametrize("identifier", [
    "oai:oerhub.edu.vn:resource/999999", "oai:other.example:resource/1", "oai:oerhub.edu.vn:collection/1",
    "oai:oerhub.edu.vn:resource/abc", "khong-phai-dinh-danh",
])
def test_an_unknown_identifier_does_not_exist(oai, publish, identifier):
    publish()
    page = oai(verb="GetRecord", metadataPrefix="oai_dc", identifier=identifier)
    assert page.error[0] == "idDoesNotExist"
    assert oai(verb="ListMetadataFormats", identifier=identifier).error[0] == "idDoesNotExist"


def test_a_draft_that_was_never_published_does_not_exist(oai, catalogue):
    page = oai(verb="GetRecord", metadataPrefix="oai_dc", identifier=oai_id(catalogue["draft"]))
    assert page.error[0] == "idDoesNotExist"


def test_list_metadata_formats(oai, catalogue):
    for page in (oai(verb="ListMetadataFormats"),
                 oai(verb="ListMetadataFormats", identifier=oai_id(catalogue["letters"])),
                 oai(verb="ListMetadataFormats", identifier=catalogue["removed_id"])):
        assert page.error is None
        formats = page.xpath("//oai:metadataFormat")
        assert [page.text("oai:metadataPrefix/text()", f)[0] for f in formats] == ["oai_dc", "lom"]
        assert page.text("//oai:metadataNamespace/text()") == [
            "http://www.openarchives.org/OAI/2.0/oai_dc/", "http://ltsc.ieee.org/xsd/LOM"]
        assert page.text("//oai:schema/text()") == [
            "http://www.openarchives.org/OAI/2.0/oai_dc.xsd", "http://ltsc.ieee.org/xsd/lomv1.0/lom.xsd"]


def test_list_sets_has_the_topic_tree_and_the_centres(oai, catalogue):
    page = oai(verb="ListSets")
    specs = page.text("//oai:set/oai:setSpec/text()")
    names = dict(zip(specs, page.text("//oai:set/oai:setName/text()")))
    assert specs[0] == "topic" and "centre" in specs
    assert names["topic:xoa-mu-chu"] == "Xóa mù chữ"
    assert names["topic:xoa-mu-chu:xmc-muc-do-1"] == "Xóa mù chữ mức độ 1"
    assert specs.index("topic:xoa-mu-chu") < specs.index("topic:xoa-mu-chu:xmc-muc-do-1")
    assert names[f"centre:{catalogue['centre'].slug}"] == "Trung tâm GDTX Ba Vì"
    assert names[f"centre:{catalogue['other_centre'].slug}"] == "Trung tâm học tập cộng đồng xã Tản Lĩnh"
    assert len(specs) == len(set(specs))
    english = oai(verb="ListSets", headers={"Accept-Language": "en"})
    assert "Literacy" in english.text("//oai:setName/text()")
    assert oai(verb="ListSets", resumptionToken="x").error[0] == "badResumptionToken"


def test_get_record_of_a_live_resource_has_datestamp_sets_and_metadata(oai, catalogue):
    letters = catalogue["letters"]
    page = oai(verb="GetRecord", metadataPrefix="oai_dc", identifier=oai_id(letters))
    assert page.error is None
    assert page.request.attrib == {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": oai_id(letters)}
    header = page.xpath("//oai:record/oai:header")[0]
    assert header.get("status") is None
    datestamp = page.text("oai:datestamp/text()", header)[0]
    assert UTC_SECONDS.match(datestamp)
    from catalog.models import ChangeEvent
    latest = ChangeEvent.objects.filter(object_type="resourcepage", object_id=letters.pk).latest("id")
    assert datestamp == latest.created_at.strftime("%Y-%m-%dT%H:%M:%SZ")  # created_at is UTC (USE_TZ)
    assert page.text("oai:setSpec/text()", header) == [
        "topic:xoa-mu-chu:xmc-muc-do-1", f"centre:{catalogue['centre'].slug}"]
    assert page.xpath("//oai:record/oai:metadata/oai_dc:dc")


@pytest.mark.parametrize("key", ["withdrawn", "removed_id"])
def test_unpublished_and_deleted_records_are_deleted_headers_without_metadata(oai, catalogue, key):
    identifier = catalogue[key] if key == "removed_id" else oai_id(catalogue[key])
    page = oai(verb="GetRecord", metadataPrefix="lom", identifier=identifier)
    header = page.xpath("//oai:record/oai:header")[0]
    assert header.get("status") == "deleted"
    assert page.text("oai:identifier/text()", header) == [identifier]
    assert UTC_SECONDS.match(page.text("oai:datestamp/text()", header)[0])
    assert not page.xpath("//oai:metadata")


def test_a_course_is_a_record_too(oai, catalogue):
    course = catalogue["course"]
    page = oai(verb="GetRecord", metadataPrefix="oai_dc", identifier=oai_id(course, "course"))
    assert page.text("//dc:title/text()") == ["Khóa bồi dưỡng tin học cơ bản"]
    assert "Khóa học" in page.text("//dc:type/text()")
