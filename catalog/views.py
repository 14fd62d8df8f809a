"""Public browsing views behind the home page's routes: resources, courses and centres."""
from django.core.paginator import Paginator
from django.shortcuts import render

from .models import Language, Licence, ResourceType, Topic
from .queries import public_centres, public_collections, public_courses, public_resources

PAGE_SIZE = 20


def home_context(request):
    return {
        "latest_resources": public_resources().order_by("-first_published_at")[:8],
        "courses": public_courses().order_by("-first_published_at")[:6],
        "collections": public_collections()[:6],
        "centres": public_centres()[:12],
        "top_topics": Topic.objects.filter(parent=None),
    }


def _selected(request, name, model, field="slug"):
    value = request.GET.get(name, "").strip()
    if not value:
        return None
    return model.objects.filter(**{field: value}).first()


def browse_resources(request, home):
    resources = public_resources().order_by("-first_published_at")
    topic = _selected(request, "chu-de", Topic)
    resource_type = _selected(request, "loai", ResourceType)
    licence = _selected(request, "giay-phep", Licence)
    language = _selected(request, "ngon-ngu", Language, field="code")
    if topic:
        resources = resources.filter(topics__in=topic.descendant_ids()).distinct()
    if resource_type:
        resources = resources.filter(resource_type=resource_type)
    if licence:
        resources = resources.filter(licence=licence)
    if language:
        resources = resources.filter(languages=language)
    page = Paginator(resources, PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(request, "catalog/browse_resources.html", {
        "page": home, "results": page,
        "topics": Topic.objects.all(), "resource_types": ResourceType.objects.all(),
        "licences": Licence.objects.filter(is_open=True), "languages": Language.objects.all(),
        "selected": {"topic": topic, "resource_type": resource_type, "licence": licence, "language": language},
    })


def browse_courses(request, home):
    page = Paginator(public_courses().order_by("-first_published_at"), PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(request, "catalog/browse_courses.html", {"page": home, "results": page})


def browse_centres(request, home):
    return render(request, "catalog/browse_centres.html", {"page": home, "centres": public_centres()})
