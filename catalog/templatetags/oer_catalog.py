"""Template tags for catalogue pages: what a learner may see of centres, lessons, remixes and collections."""
from django import template
from django.template.defaultfilters import floatformat
from django.utils.translation import ngettext
from wagtail.models import Page

from ..models import Topic
from ..queries import public_resources, with_centres

register = template.Library()


@register.simple_tag(takes_context=True)
def can_edit(context, page):
    """Whether the current user may edit `page` (teachers and moderators of its centre)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    return page.permissions_for_user(user).can_edit()


register.simple_tag(with_centres, name="with_centres")


@register.simple_tag
def topic_tree(topics=None):
    """Topics in tree order with their depth, for an indented filter list: ``[(topic, depth), ...]``."""
    topics = list(topics if topics is not None else Topic.objects.all())
    known = {t.pk for t in topics}
    children = {}
    for topic in topics:
        parent = topic.parent_id if topic.parent_id in known else None
        children.setdefault(parent, []).append(topic)
    ordered, stack, seen = [], [(t, 0) for t in reversed(children.get(None, []))], set()
    while stack:
        topic, depth = stack.pop()
        if topic.pk in seen:
            continue
        seen.add(topic.pk)
        ordered.append((topic, depth))
        stack.extend((child, depth + 1) for child in reversed(children.get(topic.pk, [])))
    return ordered


@register.simple_tag
def course_outline(course):
    """The course's modules with only the lessons whose resource is published.

    Returns ``[{"title", "summary", "lessons": [{"title", "resource", "hours"}], "hidden": n}]``;
    `hidden` counts lessons left out because their resource is not public (for editors' notes).
    """
    lessons_qs = public_resources().filter(pk__in=course.lesson_resource_ids()).prefetch_related(None)
    visible = {r.pk: r for r in lessons_qs}
    outline = []
    for block in course.modules:
        module = block.value
        lessons, hidden = [], 0
        for lesson in module["lessons"]:
            chosen = lesson["resource"]
            resource = visible.get(chosen.pk) if chosen is not None else None
            if resource is None:
                hidden += 1
                continue
            lessons.append({"title": lesson["title"] or resource.title, "resource": resource, "hours": lesson["hours"]})
        outline.append({"title": module["title"], "summary": module["summary"], "lessons": lessons, "hidden": hidden})
    return outline


@register.simple_tag
def public_remixes(resource):
    """Published adaptations of `resource`."""
    return public_resources().filter(based_on=resource).prefetch_related(None).order_by("-first_published_at")


@register.simple_tag
def public_source(resource):
    """The hub resource `resource` adapts, if learners can open it; otherwise None."""
    if not resource.based_on_id:
        return None
    return public_resources().filter(pk=resource.based_on_id).prefetch_related(None).first()


@register.simple_tag
def collection_entries(collection):
    """Visible items of a collection as specific pages, in the curator's order: ``[{"page", "note"}]``."""
    items = collection.public_items()
    pages = {p.pk: p for p in Page.objects.filter(pk__in=[i.item_id for i in items]).specific()}
    return [{"page": pages[i.item_id], "note": i.note} for i in items if i.item_id in pages]


@register.filter
def kind_of(page):
    """The page type's verbose name ("learning resource", "course") for labelling mixed lists."""
    return page._meta.verbose_name


@register.filter
def hours(value):
    """A study time such as "1 hour" or "1,5 hours", with the number formatted for the active language."""
    if value in (None, ""):
        return ""
    count = int(value) if value == int(value) else 2  # fractions take the plural form
    return ngettext("%(hours)s hour", "%(hours)s hours", count) % {"hours": floatformat(value, -1)}
