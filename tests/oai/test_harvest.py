"""Harvesting the live endpoint over HTTP with Sickle, a real OAI-PMH harvester, across many small pages."""
import pytest
import requests
from lxml import etree
from sickle import Sickle
from sickle.oaiexceptions import NoRecordsMatch

from catalog import services
from tests.factories import resource_data
from tests.oai.conftest import NS, oai_id

# The live server answers from another thread; the vocabularies seeded by migrations come back
# after each test's flush through the serialized rollback.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
NO_PROXY = {"http": None, "https": None}  # the live server is on 127.0.0.1, never behind a proxy


@pytest.fixture
def endpoint(live_server, settings):
    settings.OAI_PAGE_SIZE = 2  # every list spans several pages, so resumption tokens are exercised
    return live_server.url + "/oai"


@pytest.fixture
def sickle(endpoint):
    return Sickle(endpoint, timeout=60, proxies=NO_PROXY)


def fetch(endpoint, **arguments):
    response = requests.get(endpoint, params=arguments, timeout=60, proxies=NO_PROXY)
    assert response.status_code == 200
    return etree.fromstring(response.content)


def split(items):
    identifiers = [item.header.identifier if hasattr(item, "header") else item.identifier for item in items]
    assert len(identifiers) == len(set(identifiers)), "a record was harvested twice"
    live = {i for i, item in zip(identifiers, items) if not (getattr(item, "header", item)).deleted}
    return live, set(identifiers) - live


def test_a_full_harvest_returns_every_published_record_once_and_deletions_as_deleted(sickle, catalogue):
    for prefix in ("oai_dc", "lom"):
        records = list(sickle.ListRecords(metadataPrefix=prefix))
        assert split(records) == (catalogue["live"], catalogue["deleted"])
        assert all(record.metadata for record in records if not record.header.deleted)
        assert not any(hasattr(record, "metadata") for record in records if record.header.deleted)
    headers = list(sickle.ListIdentifiers(metadataPrefix="oai_dc"))
    assert split(headers) == (catalogue["live"], catalogue["deleted"])
    records = {record.header.identifier: record for record in sickle.ListRecords(metadataPrefix="oai_dc")}
    letters = records[oai_id(catalogue["letters"])]
    assert letters.metadata["title"] == ["Học chữ cái tiếng Việt cho người lớn"]
    assert letters.metadata["publisher"] == ["Trung tâm GDTX Ba Vì"]
    assert letters.header.setSpecs == ["topic:xoa-mu-chu:xmc-muc-do-1", f"centre:{catalogue['centre'].slug}"]


def test_pages_carry_cursor_and_complete_list_size_and_the_last_token_is_empty(endpoint, catalogue):
    root = fetch(endpoint, verb="ListIdentifiers", metadataPrefix="oai_dc")
    seen, cursors = [], []
    while True:
        seen += root.xpath("//oai:header/oai:identifier/text()", namespaces=NS)
        token = root.xpath("//oai:resumptionToken", namespaces=NS)[0]
        assert token.get("completeListSize") == "6"
        cursors.append(token.get("cursor"))
        if not token.text:
            assert token.get("expirationDate") is None
            break
        assert token.get("expirationDate").endswith("Z")
        root = fetch(endpoint, verb="ListIdentifiers", resumptionToken=token.text)
        assert root.xpath("//oai:request/@resumptionToken", namespaces=NS) == [token.text]
    assert cursors == ["0", "2", "4"]
    assert len(seen) == len(set(seen)) == 6


SET_HARVESTS = [
    ("topic", {"letters", "phone", "fish", "course"}, {"withdrawn", "removed"}),
    ("topic:xoa-mu-chu", {"letters"}, {"withdrawn", "removed"}),
    ("topic:xoa-mu-chu:xmc-muc-do-1", {"letters"}, {"removed"}),
    ("topic:tin-hoc", {"phone", "course"}, {"removed"}),
    ("centre", {"letters", "phone", "fish", "course"}, {"withdrawn", "removed"}),
    ("centre:{other_centre}", {"fish"}, {"removed"}),
]


def test_a_set_harvest_returns_its_records_and_every_deletion_it_may_hold(sickle, catalogue):
    """A page deleted from the database can no longer say which sets it was in, so its tombstone is
    in every set: a partner harvesting one set must never miss a deletion."""
    ids = {key: oai_id(page, "course" if key == "course" else "resource") for key, page in catalogue.items()
           if key in ("letters", "phone", "fish", "course", "withdrawn")}
    ids["removed"] = catalogue["removed_id"]
    for spec, expected_live, expected_deleted in SET_HARVESTS:
        spec = spec.format(other_centre=catalogue["other_centre"].slug)
        headers = list(sickle.ListIdentifiers(metadataPrefix="oai_dc", set=spec))
        assert split(headers) == ({ids[k] for k in expected_live}, {ids[k] for k in expected_deleted}), spec
        for header in headers:
            if not header.deleted:
                assert any(s == spec or s.startswith(spec + ":") for s in header.setSpecs), (spec, header.setSpecs)


def test_a_token_replayed_after_new_changes_neither_repeats_nor_skips_a_record(endpoint, sickle, catalogue, moderator):
    first = fetch(endpoint, verb="ListIdentifiers", metadataPrefix="oai_dc")
    started = first.xpath("//oai:responseDate/text()", namespaces=NS)[0]
    seen = first.xpath("//oai:header/oai:identifier/text()", namespaces=NS)
    token = first.xpath("//oai:resumptionToken/text()", namespaces=NS)[0]
    pages = {"letters": catalogue["letters"], "phone": catalogue["phone"], "fish": catalogue["fish"]}
    by_id = {oai_id(page): page for page in pages.values()}
    seen_live = [by_id[i] for i in seen if i in by_id]
    waiting = [page for i, page in by_id.items() if i not in seen]
    assert seen_live and len(waiting) >= 1

    # While the harvester pauses: a record it has is edited, one it has not yet seen is edited,
    # a new one is published, and one it has not yet seen is deleted.
    services.update_resource(moderator, seen_live[0], {"summary": "Bản sửa sau khi thu hoạch bắt đầu."}, publish=True)
    services.update_resource(None, waiting[0], {"summary": "Cũng được sửa."}, publish=True)
    new = services.create_resource(moderator, catalogue["centre"], resource_data(title="Tài liệu mới đăng"),
                                   publish=True)
    course_id = oai_id(catalogue["course"], "course")
    services.delete_page(None, catalogue["course"])

    replayed = fetch(endpoint, verb="ListIdentifiers", resumptionToken=token)
    again = fetch(endpoint, verb="ListIdentifiers", resumptionToken=token)
    assert etree.tostring(replayed.xpath("//oai:ListIdentifiers", namespaces=NS)[0]) == etree.tostring(
        again.xpath("//oai:ListIdentifiers", namespaces=NS)[0])  # a token always gives the same page
    root, deleted_now = replayed, set()
    while True:
        seen += root.xpath("//oai:header/oai:identifier/text()", namespaces=NS)
        deleted_now |= set(root.xpath("//oai:header[@status='deleted']/oai:identifier/text()", namespaces=NS))
        token = root.xpath("//oai:resumptionToken/text()", namespaces=NS)
        if not token:
            break
        root = fetch(endpoint, verb="ListIdentifiers", resumptionToken=token[0])
    assert len(seen) == len(set(seen))
    assert set(seen) == catalogue["live"] | catalogue["deleted"]  # the list as it stood when it began
    assert course_id in deleted_now  # deleted meanwhile: already shown as deleted

    # The next incremental harvest, from the first response's date, brings every change made since.
    since = sickle.ListIdentifiers(metadataPrefix="oai_dc", **{"from": started})
    later = {header.identifier: header for header in since}
    assert {oai_id(seen_live[0]), oai_id(waiting[0]), oai_id(new), course_id} <= set(later)
    assert later[course_id].deleted and not later[oai_id(new)].deleted


def test_an_empty_selection_is_no_records_match(sickle, catalogue):
    with pytest.raises(NoRecordsMatch):
        list(sickle.ListRecords(metadataPrefix="oai_dc", **{"from": "2999-01-01"}))
