"""Factories for the catalogue; pages are created through `catalog.services` like real users do."""
import factory
from django.contrib.auth import get_user_model

from catalog import services
from catalog.models import Audience, EducationalLevel, Language, Licence, Province, ResourceType, Topic


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Lan"
    last_name = factory.Sequence(lambda n: f"Nguyễn {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.vn")
    password = factory.django.Password("mat-khau-123")


class CentreFactory(factory.Factory):
    """Builds a published centre with its groups and workflow via `services.create_centre`."""

    class Meta:
        model = dict

    title = factory.Sequence(lambda n: f"Trung tâm GDTX số {n}")
    centre_type = "gdtx"
    province = factory.LazyFunction(lambda: Province.objects.get(code="01"))

    @classmethod
    def _create(cls, model_class, **kwargs):
        return services.create_centre(**kwargs)

    _build = _create


def make_member(centre, role="teacher", **user_fields):
    user = UserFactory(**user_fields)
    services.add_member(centre, user, role)
    return user


def vocab(model, key):
    """Look up a seeded vocabulary term by slug (or code, for languages)."""
    field = "code" if model is Language else "slug"
    return model.objects.get(**{field: key})


def resource_data(**overrides):
    """Complete, publishable resource data; override any field."""
    data = {
        "title": "Học chữ cái tiếng Việt cho người lớn",
        "summary": "Bài học xóa mù chữ mức độ 1: nhận biết và viết 29 chữ cái.",
        "body": "<p>Mỗi bài có tranh minh họa và bài tập viết.</p>",
        "resource_type": vocab(ResourceType, "bai-giang-dien-tu"),
        "licence": vocab(Licence, "cc-by-4.0"),
        "topics": [vocab(Topic, "xmc-muc-do-1")],
        "audiences": [vocab(Audience, "hoc-vien")],
        "levels": [vocab(EducationalLevel, "xmc-1")],
        "languages": [vocab(Language, "vi")],
        "keywords": ["chữ cái", "XMC"],
        "authors": [{"name": "Nguyễn Thị Lan"}],
    }
    data.update(overrides)
    return data


def course_data(resources, **overrides):
    """A publishable course with one module whose lessons point at `resources`."""
    data = {
        "title": "Khóa bồi dưỡng tin học cơ bản",
        "summary": "Sử dụng điện thoại thông minh và Internet an toàn.",
        "hours": 12,
        "licence": vocab(Licence, "cc-by-4.0"),
        "topics": [vocab(Topic, "tin-hoc")],
        "modules": [
            ("module", {
                "title": "Mô-đun 1",
                "summary": "",
                "lessons": [{"title": r.title, "resource": r, "hours": 2} for r in resources],
            })
        ],
    }
    data.update(overrides)
    return data
