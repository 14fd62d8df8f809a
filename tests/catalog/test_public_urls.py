"""Every record cites a page at SITE_BASE_URL, whatever host name Wagtail's Site carries."""
from wagtail.models import Site

from catalog import services
from catalog.metadata import to_amb
from catalog.metadata.bulk import amb_records
from catalog.models import ResourcePage
from catalog.queries import public_url
from tests.factories import resource_data


def test_records_feed_and_page_agree_on_one_address_when_the_site_is_named_otherwise(
        client, settings, centre, moderator):
    settings.SITE_BASE_URL = "https://hoclieu.gdtx.edu.vn"
    Site.objects.filter(is_default_site=True).update(hostname="internal-host", port=8080)
    page = services.create_resource(moderator, centre, resource_data(title="Bài 1: Chữ cái"), publish=True)
    page = ResourcePage.objects.get(pk=page.pk)

    address = public_url(page)
    assert address.startswith("https://hoclieu.gdtx.edu.vn/") and address.endswith(f"/{page.slug}/")
    assert to_amb(page)["mainEntityOfPage"] == [{"id": address}]
    [(_, bulk_record)] = list(amb_records([page]))
    assert bulk_record["mainEntityOfPage"] == [{"id": address}]
    [item] = [i for i in client.get("/api/v1/changes/").json()["results"] if i["type"] == "resource"]
    assert item["url"] == address and item["record"]["mainEntityOfPage"] == [{"id": address}]
