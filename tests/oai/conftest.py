"""Fixtures for the OAI-PMH tests: a small catalogue made through catalog.services, and an XML-reading client."""
import pytest
from django.conf import settings
from lxml import etree

from catalog import services
from catalog.models import Licence, Topic
from tests.factories import course_data, make_member, resource_data, vocab

NS = {
    "oai": "http://www.openarchives.org/OAI/2.0/",
    "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "lom": "http://ltsc.ieee.org/xsd/LOM",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
    "id": "http://www.openarchives.org/OAI/2.0/oai-identifier",
}


class OaiResponse:
    """A parsed OAI-PMH response with XPath helpers in the namespaces above."""

    def __init__(self, response):
        self.response = response
        self.root = etree.fromstring(response.content)

    def xpath(self, path, node=None):
        return (node if node is not None else self.root).xpath(path, namespaces=NS)

    def text(self, path, node=None):
        return [value if isinstance(value, str) else value.text for value in self.xpath(path, node)]

    @property
    def error(self):
        errors = self.xpath("/oai:OAI-PMH/oai:error")
        return (errors[0].get("code"), errors[0].text) if errors else None

    @property
    def request(self):
        return self.xpath("/oai:OAI-PMH/oai:request")[0]

    def identifiers(self):
        return self.text("//oai:header/oai:identifier/text()")


@pytest.fixture
def oai(client):
    """GET /oai with the given arguments (a list of pairs allows repeating one) and parse the XML."""
    def get(*pairs, method="get", headers=None, **arguments):
        data = list(pairs) + list(arguments.items())
        if method == "post":
            response = client.post("/oai", data=dict(data), headers=headers or {})
        else:
            from urllib.parse import urlencode

            response = client.get("/oai?" + urlencode(data), headers=headers or {})
        assert response.status_code == 200, response.content[:500]
        assert response["Content-Type"] == "text/xml; charset=utf-8"
        return OaiResponse(response)
    return get


def oai_id(page, kind="resource"):
    return f"oai:{settings.OAI_REPOSITORY_ID}:{kind}/{page.pk}"


@pytest.fixture
def catalogue(centre, moderator, other_centre):
    """Published resources in two centres, a course, one unpublished, one deleted and one draft."""
    other_moderator = make_member(other_centre, "moderator", username="kiemduyet2")

    def publish(where, who, **fields):
        return services.create_resource(who, where, resource_data(**fields), publish=True)

    letters = publish(centre, moderator,
                      body="<p>Mỗi bài có <b>tranh minh họa</b> &amp; bài tập viết.</p><p>Học viên tự luyện.</p>")
    phone = publish(centre, moderator, title="Sử dụng điện thoại thông minh an toàn",
                    topics=[vocab(Topic, "tin-hoc")], authors=[{"name": "Trần Văn Đức"}, {"name": "Lê Thị Hoa"}],
                    licence=vocab(Licence, "cc-by-sa-4.0"))
    fish = publish(other_centre, other_moderator, title="Nuôi cá lồng trên sông",
                   topics=[vocab(Topic, "cgcn-thuy-san")])
    course = services.create_course(moderator, centre, course_data([letters, phone]), publish=True)
    withdrawn = publish(centre, moderator, title="Tài liệu cũ đã gỡ", topics=[vocab(Topic, "xmc-muc-do-2")])
    services.unpublish(moderator, withdrawn)
    removed = publish(other_centre, other_moderator, title="Bài giảng bị xóa")
    removed_id = oai_id(removed)
    services.delete_page(None, removed)
    draft = services.create_resource(moderator, centre, resource_data(title="Bản nháp chưa duyệt"))
    return {
        "letters": letters, "phone": phone, "fish": fish, "course": course, "withdrawn": withdrawn,
        "removed_id": removed_id, "draft": draft, "centre": centre, "other_centre": other_centre,
        "live": {oai_id(letters), oai_id(phone), oai_id(fish), oai_id(course, "course")},
        "deleted": {oai_id(withdrawn), removed_id},
    }
