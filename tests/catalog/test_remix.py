"""Remix (bản phái sinh): a linked, attributed draft; refused for ND licences and incompatible licences."""
import pytest
from django.utils import translation

from catalog import services
from catalog.models import Licence, ResourcePage
from core.errors import ValidationFailed
from tests.factories import make_member, resource_data, vocab


@pytest.fixture
def source(centre, moderator):
    return services.create_resource(
        moderator, centre, resource_data(title="Sổ tay sức khỏe cộng đồng", authors=[{"name": "Trần Văn Bình"}]),
        publish=True,
    )


def test_remix_creates_an_attributed_draft_in_the_teachers_centre(source, other_centre, other_teacher):
    remix = services.remix_resource(other_teacher, source)
    assert remix.get_parent().pk == other_centre.pk
    assert remix.live is False
    assert remix.based_on_id == source.pk
    assert remix.licence == source.licence
    attribution = remix.source_attribution()
    assert attribution.title == "Sổ tay sức khỏe cộng đồng"
    assert attribution.authors == ["Trần Văn Bình"]
    assert attribution.licence_name == "CC BY 4.0"
    assert attribution.source_url.endswith(source.url)
    assert list(source.remixes.all()) == [remix]


def test_remix_shows_attribution_on_both_pages(client, source, centre, moderator, other_teacher):
    remix = services.remix_resource(make_member(centre, "teacher"), source)
    services.publish(moderator, remix)
    remix_html = client.get(ResourcePage.objects.get(pk=remix.pk).url).content.decode()
    assert "Sổ tay sức khỏe cộng đồng" in remix_html and "Trần Văn Bình" in remix_html
    source_html = client.get(source.url).content.decode()
    assert remix.title in source_html


@pytest.mark.parametrize("slug", ["cc-by-nd-4.0", "cc-by-nc-nd-4.0"])
def test_remix_of_no_derivatives_material_is_refused(centre, moderator, other_teacher, slug):
    source = services.create_resource(moderator, centre, resource_data(licence=vocab(Licence, slug)), publish=True)
    with translation.override("en"):
        with pytest.raises(ValidationFailed) as exc:
            services.remix_resource(other_teacher, source)
        assert "does not allow derivatives" in str(exc.value)
    assert exc.value.code == "remix_not_allowed"
    with translation.override("vi"):
        assert "không cho phép tạo bản phái sinh" in str(
            pytest.raises(ValidationFailed, services.remix_resource, other_teacher, source).value
        )
    assert ResourcePage.objects.count() == 1


def test_share_alike_remix_keeps_its_licence(centre, moderator, other_teacher):
    source = services.create_resource(moderator, centre, resource_data(licence=vocab(Licence, "cc-by-sa-4.0")), publish=True)
    with pytest.raises(ValidationFailed) as exc:
        services.remix_resource(other_teacher, source, licence=vocab(Licence, "cc-by-4.0"))
    assert exc.value.code == "licence_incompatible"
    assert services.remix_resource(other_teacher, source, licence=vocab(Licence, "cc-by-sa-3.0")).licence.slug == "cc-by-sa-3.0"


def test_non_commercial_remix_stays_non_commercial(centre, moderator, other_teacher):
    source = services.create_resource(moderator, centre, resource_data(licence=vocab(Licence, "cc-by-nc-4.0")), publish=True)
    with pytest.raises(ValidationFailed):
        services.remix_resource(other_teacher, source, licence=vocab(Licence, "cc-by-4.0"))
    assert services.remix_resource(other_teacher, source, licence=vocab(Licence, "cc-by-nc-sa-4.0")).pk


def test_drafts_cannot_be_remixed(centre, teacher, other_teacher):
    draft = services.create_resource(teacher, centre, resource_data())
    with pytest.raises(ValidationFailed) as exc:
        services.remix_resource(other_teacher, draft)
    assert exc.value.code == "not_published"
