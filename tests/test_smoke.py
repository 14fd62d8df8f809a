"""A published resource is visible to learners; a draft is not."""
from catalog import services
from tests.factories import resource_data


def test_published_resource_page_is_public_and_draft_is_not(client, centre, teacher, moderator):
    draft = services.create_resource(teacher, centre, resource_data(title="Bản nháp chưa duyệt"))
    published = services.create_resource(moderator, centre, resource_data(title="Chữ cái"), publish=True)
    assert client.get(published.url).status_code == 200
    assert client.get(f"/{centre.slug}/{draft.slug}/").status_code == 404
