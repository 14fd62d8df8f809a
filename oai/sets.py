"""OAI-PMH sets: the topic tree (`topic:<root>:<child>`) and the centres (`centre:<slug>`).

A record is in the set of each of its topics and in the set of its centre; a set includes
its subsets, so `topic:xoa-mu-chu` holds the records of `topic:xoa-mu-chu:xmc-muc-do-1`.
`topic` and `centre` are the roots of the two hierarchies.

A tombstone of a record whose page has been removed from the database cannot say which sets
it was in any more: it is included in every set, so that a partner harvesting one set never
misses a deletion (it ignores tombstones of records it never had).
"""
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from catalog.models import CoursePage, ResourcePage, Topic
from catalog.queries import public_centres

from .arguments import bad_argument

TOPIC, CENTRE = "topic", "centre"


class TopicTree:
    """All topics (a small table) read once per request, with their set specs."""

    def __init__(self):
        self.topics = list(Topic.objects.all())
        self.by_pk = {topic.pk: topic for topic in self.topics}
        self.by_uri = {topic.uri: topic for topic in self.topics}
        self._positions = {topic.pk: n for n, topic in enumerate(self.topics)}

    def position(self, topic):
        """Sort key: the vocabulary's order (sort_order, name)."""
        return self._positions[topic.pk]

    def path(self, topic):
        """Topics from the root down to `topic` (a cycle, which the admin should prevent, stops the walk)."""
        chain, node, seen = [], topic, set()
        while node is not None and node.pk not in seen:
            seen.add(node.pk)
            chain.append(node)
            node = self.by_pk.get(node.parent_id)
        return list(reversed(chain))

    def spec(self, topic):
        return ":".join([TOPIC] + [node.slug for node in self.path(topic)])

    def in_tree_order(self):
        children = {}
        for topic in self.topics:
            parent = topic.parent_id if topic.parent_id in self.by_pk else None
            children.setdefault(parent, []).append(topic)
        ordered, stack = [], list(reversed(children.get(None, [])))
        while stack:
            topic = stack.pop()
            ordered.append(topic)
            stack.extend(reversed(children.get(topic.pk, [])))
        return ordered

    def descendant_ids(self, topic):
        return [other.pk for other in self.topics if topic in self.path(other)]


def centre_spec(centre):
    return f"{CENTRE}:{centre.slug}"


def all_sets(tree):
    """(setSpec, setName) of every set, in a stable order: topics depth first, then centres by name."""
    sets = [(TOPIC, str(_("Topics")))]
    sets += [(tree.spec(topic), topic.label) for topic in tree.in_tree_order()]
    sets.append((CENTRE, str(_("Centres"))))
    sets += [(centre_spec(centre), centre.title) for centre in public_centres().order_by("title", "pk")]
    return sets


def _gone():
    """Change events of pages that no longer exist (deleted records: their sets are unknown)."""
    return Q(~Exists(Page.objects.filter(pk=OuterRef("object_id"))))


def _with_topics(topic_ids):
    resources = ResourcePage.topics.through.objects.filter(topic_id__in=topic_ids).values("resourcepage_id")
    courses = CoursePage.topics.through.objects.filter(topic_id__in=topic_ids).values("coursepage_id")
    return Q(object_type="resourcepage", object_id__in=resources) | Q(object_type="coursepage", object_id__in=courses)


def membership(set_spec, tree):
    """A filter on `ChangeEvent` for the records in `set_spec` (None: no restriction); badArgument if unknown."""
    if set_spec is None or set_spec == CENTRE:
        return None
    kind, _sep, rest = set_spec.partition(":")
    if set_spec == TOPIC:
        return _with_topics([topic.pk for topic in tree.topics]) | _gone()
    if kind == TOPIC and rest:
        slugs = rest.split(":")
        topic = next((t for t in tree.topics if t.slug == slugs[-1]), None)
        if topic is not None and [node.slug for node in tree.path(topic)] == slugs:
            return _with_topics(tree.descendant_ids(topic)) | _gone()
    if kind == CENTRE and rest:
        centre = public_centres().filter(slug=rest).first()
        if centre is not None:
            children = Page.objects.filter(path__startswith=centre.path, depth=centre.depth + 1).values("pk")
            return Q(object_id__in=children) | _gone()
    raise bad_argument(_("There is no set %(set)s; ListSets lists them."), set=set_spec)
