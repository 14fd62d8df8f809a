"""Bulk creation writes the same pages as one-by-one creation: valid tree, revisions, outbox, editable later."""
import pytest
from wagtail.models import Page, PageLogEntry

from catalog import services
from catalog.models import OutboxEvent, ResourcePage
from catalog.queries import public_resources
from catalog.services.bulk import bulk_create_resources, prepare_resource
from core.errors import ValidationFailed
from tests.factories import resource_data


def build(centre, n, publish=True, **overrides):
    return [prepare_resource(centre, resource_data(title=f"Bài học số {i}", **overrides), publish=publish)
            for i in range(n)]


def test_bulk_created_pages_are_like_pages_created_one_by_one(client, centre, other_centre, moderator):
    single = services.create_resource(moderator, centre, resource_data(title="Bài học số 0"), publish=True)
    pages = bulk_create_resources(build(centre, 3) + build(other_centre, 2), publish=True)
    assert Page.find_problems() == ([], [], [], [], [])
    centre.refresh_from_db()
    other_centre.refresh_from_db()
    assert centre.get_children().count() == 4 and other_centre.get_children().count() == 2
    assert public_resources().count() == 6
    slugs = sorted(p.slug for p in centre.get_children())
    assert slugs == ["bai-hoc-so-0", "bai-hoc-so-0-2", "bai-hoc-so-1", "bai-hoc-so-2"]
    page = ResourcePage.objects.get(pk=pages[1].pk)
    assert [t.slug for t in page.topics.all()] == ["xmc-muc-do-1"]
    assert [a.name for a in page.authors.all()] == ["Nguyễn Thị Lan"]
    assert sorted(t.name for t in page.keywords.all()) == ["XMC", "chữ cái"]
    assert page.live and page.live_revision_id == page.latest_revision_id
    assert page.revisions.count() == 1 and PageLogEntry.objects.filter(page=page, action="wagtail.publish").exists()
    assert set(OutboxEvent.objects.filter(object_type="resourcepage").values_list("object_id", flat=True)) == (
        {single.pk} | {p.pk for p in pages})
    response = client.get(page.url)
    assert response.status_code == 200 and "Bài học số 1" in response.content.decode()
    assert single.pk not in [p.pk for p in pages]


def test_bulk_created_page_can_be_edited_and_unpublished(centre, moderator):
    page = bulk_create_resources(build(centre, 1), publish=True)[0]
    services.update_resource(moderator, page, {"title": "Tên mới"}, publish=True)
    assert ResourcePage.objects.get(pk=page.pk).title == "Tên mới"
    services.unpublish(moderator, page)
    assert not public_resources().filter(pk=page.pk).exists()


def test_drafts_in_bulk_stay_private_and_write_no_outbox(centre):
    bulk_create_resources(build(centre, 2, publish=False), publish=False)
    assert ResourcePage.objects.count() == 2 and not public_resources().exists()
    assert not OutboxEvent.objects.filter(object_type="resourcepage").exists()


def test_duplicate_identifiers_are_refused_without_writing(centre):
    pages = build(centre, 2, source_id="urn:x:same")
    with pytest.raises(ValidationFailed) as info:
        bulk_create_resources(pages, publish=True)
    assert info.value.code == "duplicate_id"
    assert not ResourcePage.objects.exists()


def test_prepare_refuses_what_create_resource_refuses(centre):
    with pytest.raises(ValidationFailed):
        prepare_resource(centre, resource_data(title=""), publish=True)
    with pytest.raises(ValidationFailed):
        prepare_resource(centre, resource_data(topics=[]), publish=True)
    with pytest.raises(ValidationFailed):
        prepare_resource(centre, resource_data(external_url="not a url"), publish=True)


def test_authors_keep_their_order_through_updates(centre, moderator):
    names = ["Trần C", "Lê A", "Phạm B"]
    page = services.create_resource(moderator, centre, resource_data(authors=[{"name": n} for n in names]),
                                    publish=True)
    assert ResourcePage.objects.get(pk=page.pk).author_names == names
    services.update_resource(moderator, page, {"authors": [{"name": n} for n in reversed(names)]}, publish=True)
    assert ResourcePage.objects.get(pk=page.pk).author_names == list(reversed(names))
    bulk = bulk_create_resources([prepare_resource(centre, resource_data(authors=[{"name": n} for n in names]),
                                                   publish=True)], publish=True)[0]
    assert ResourcePage.objects.get(pk=bulk.pk).author_names == names
