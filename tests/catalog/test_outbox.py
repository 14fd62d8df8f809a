"""Outbox events are written with every public change, and vanish with a rolled-back change."""
import pytest
from django.db import transaction
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from catalog import services
from catalog.models import OutboxEvent
from tests.factories import resource_data


def events(page):
    return list(OutboxEvent.objects.filter(object_id=page.pk).values_list("action", flat=True))


def test_publish_unpublish_delete_are_recorded_in_order(centre, moderator):
    page = services.create_resource(moderator, centre, resource_data(), publish=True)
    source_id = page.source_id
    services.unpublish(moderator, page)
    services.publish(moderator, page)
    pk = page.pk
    services.delete_page(moderator, page)
    rows = list(OutboxEvent.objects.filter(object_id=pk).order_by("id").values_list("action", "source_id"))
    assert [a for a, _ in rows] == ["upsert", "delete", "upsert", "delete"]
    assert {s for _, s in rows} == {source_id}


def test_drafts_do_not_reach_the_outbox(centre, teacher):
    page = services.create_resource(teacher, centre, resource_data())
    services.update_resource(teacher, page, {"title": "Sửa bản nháp"})
    assert events(page) == []


def test_outbox_row_rolls_back_with_the_change(centre, moderator):
    page = services.create_resource(moderator, centre, resource_data())
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            services.publish(moderator, page)
            raise RuntimeError("simulated failure after publishing")
    page.refresh_from_db()
    assert page.live is False
    assert events(page) == []


def test_admin_publish_also_writes_the_outbox(client, centre, moderator):
    page = services.create_resource(moderator, centre, resource_data())
    client.force_login(moderator)
    revision = page.get_latest_revision()
    response = client.post(f"/admin/pages/{page.pk}/edit/", _edit_form(page, {"action-publish": "1"}))
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live, response.content.decode()[:2000]
    assert events(page) == ["upsert"]
    assert page.get_latest_revision().pk != revision.pk


def _edit_form(page, extra):
    """The fields the Wagtail editor posts for a resource page (inline formsets included)."""
    data = nested_form_data({
        "title": page.title, "slug": page.slug, "summary": page.summary, "body": rich_text("<p>Nội dung</p>"),
        "resource_type": page.resource_type_id, "licence": page.licence_id,
        "keywords": "", "external_url": "", "date_created": "", "source_id": page.source_id,
        "authors": inline_formset([]), "files": inline_formset([]), "comments": inline_formset([]),
    })
    data["topics"] = [t.pk for t in page.topics.all()]
    data["languages"] = [lang.pk for lang in page.languages.all()]
    data.update(extra)
    return data
