"""ListIdentifiers and ListRecords: from/until at both granularities, and resumption tokens that are forged or old."""
import datetime as dt

import pytest
from django.core import signing
from lxml import etree

from catalog.models import ChangeEvent
from tests.oai.conftest import oai_id

pytestmark = pytest.mark.django_db
UTC = dt.timezone.utc


@pytest.fixture
def dated(publish):
    """Three resources whose changes are placed on known instants (the log's only rows of records)."""
    instants = [dt.datetime(2024, 1, 1, 10, 0, 0, 250000, tzinfo=UTC), dt.datetime(2024, 1, 2, 0, 0, 0, tzinfo=UTC),
                dt.datetime(2024, 1, 3, 23, 59, 59, 900000, tzinfo=UTC)]
    pages = [publish(title=f"Bài {n}") for n in range(1, 4)]
    for page, instant in zip(pages, instants):
        ChangeEvent.objects.filter(object_type="resourcepage", object_id=page.pk).update(created_at=instant)
    return [oai_id(page) for page in pages]


@pytest.mark.parametrize("bounds, expected", [
    ({}, [0, 1, 2]),
    ({"from": "2024-01-02"}, [1, 2]),
    ({"until": "2024-01-02"}, [0, 1]),
    ({"from": "2024-01-02", "until": "2024-01-02"}, [1]),
    ({"from": "2024-01-01T10:00:00Z", "until": "2024-01-01T10:00:00Z"}, [0]),
    ({"from": "2024-01-01T10:00:01Z", "until": "2024-01-02T00:00:00Z"}, [1]),
    ({"until": "2024-01-03T23:59:58Z"}, [0, 1]),
    ({"from": "2024-01-03T23:59:59Z"}, [2]),
])
def test_from_and_until_select_by_datestamp_inclusively(oai, dated, bounds, expected):
    for verb in ("ListIdentifiers", "ListRecords"):
        page = oai(verb=verb, metadataPrefix="oai_dc", **bounds)
        assert page.error is None
        assert page.identifiers() == [dated[i] for i in expected]
        assert page.request.attrib == {"verb": verb, "metadataPrefix": "oai_dc", **bounds}


def test_datestamps_are_utc_seconds(oai, dated):
    page = oai(verb="ListIdentifiers", metadataPrefix="oai_dc")
    assert page.text("//oai:header/oai:datestamp/text()") == [
        "2024-01-01T10:00:00Z", "2024-01-02T00:00:00Z", "2024-01-03T23:59:59Z"]


@pytest.mark.parametrize("bounds", [
    {"from": "2024-01-04"}, {"until": "2023-12-31"}, {"from": "2024-01-01T10:00:01Z", "until": "2024-01-01T23:59:59Z"},
])
def test_nothing_in_the_range_is_no_records_match(oai, dated, bounds):
    page = oai(verb="ListRecords", metadataPrefix="lom", **bounds)
    assert page.error[0] == "noRecordsMatch"
    assert page.request.attrib == {"verb": "ListRecords", "metadataPrefix": "lom", **bounds}  # echoed


def test_an_empty_repository_has_no_records(oai, db):
    assert oai(verb="ListIdentifiers", metadataPrefix="oai_dc").error[0] == "noRecordsMatch"


def test_a_token_carries_the_original_arguments(oai, dated, settings):
    settings.OAI_PAGE_SIZE = 1
    first = oai(verb="ListRecords", metadataPrefix="lom", **{"from": "2024-01-02"})
    token = first.text("//oai:resumptionToken/text()")[0]
    second = oai(verb="ListRecords", resumptionToken=token)
    lists = second.xpath("/oai:OAI-PMH/oai:ListRecords")
    assert [etree.QName(child).localname for child in lists[0]] == ["record", "resumptionToken"]
    assert [etree.QName(child).localname for child in lists[0][0]] == ["header", "metadata"]
    assert [etree.QName(child).localname for child in lists[0][0][0]] == ["identifier", "datestamp", "setSpec", "setSpec"]
    assert second.request.attrib == {"verb": "ListRecords", "resumptionToken": token}
    assert second.identifiers() == [dated[2]]
    assert second.xpath("//oai:metadata/lom:lom")
    last = second.xpath("//oai:resumptionToken")[0]
    assert (last.text, last.get("cursor"), last.get("completeListSize")) == (None, "1", "2")


def test_forged_expired_and_misused_tokens_are_bad_resumption_tokens(oai, dated, settings, monkeypatch):
    settings.OAI_PAGE_SIZE = 1
    token = oai(verb="ListIdentifiers", metadataPrefix="oai_dc").text("//oai:resumptionToken/text()")[0]
    en = {"Accept-Language": "en"}
    assert oai(verb="ListIdentifiers", resumptionToken="khong-hop-le", headers=en).error == (
        "badResumptionToken", "This resumptionToken is not valid.")
    assert oai(verb="ListIdentifiers", resumptionToken=token[:-2] + "xx").error[0] == "badResumptionToken"
    assert oai(verb="ListRecords", resumptionToken=token).error[0] == "badResumptionToken"  # another verb's
    page = oai(verb="ListIdentifiers", resumptionToken=token)
    assert page.error is None and page.request.get("resumptionToken") == token  # echoed when it is fine
    real_time = signing.time.time
    monkeypatch.setattr(signing.time, "time", lambda: real_time() + settings.OAI_TOKEN_LIFETIME + 1)
    expired = oai(verb="ListIdentifiers", resumptionToken=token, headers=en)
    assert expired.error == ("badResumptionToken", "This resumptionToken has expired; start the list again.")
    assert expired.request.get("resumptionToken") == token  # not a badArgument: the request is echoed
