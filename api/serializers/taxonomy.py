"""The JSON of the vocabularies: topics (a tree), resource types, audiences, levels, languages and licences.

`value` is what the list filters and `/api/v1/search/` take (a slug, a language code); `label`
follows Accept-Language; `labels` carries both names, as AMB's `prefLabel` does; `uri` is
what AMB records use.
"""
from rest_framework import serializers


class LabelsSerializer(serializers.Serializer):
    vi = serializers.CharField(help_text="Vietnamese name.")
    en = serializers.CharField(required=False, help_text="English name, when there is one.")


class TermRefSerializer(serializers.Serializer):
    value = serializers.CharField(help_text="Slug (a language code for languages): the filter value.")
    label = serializers.CharField(help_text="Name in the response language.")
    uri = serializers.CharField(help_text="Concept URI used in AMB records.")


class TermSerializer(TermRefSerializer):
    labels = LabelsSerializer()


class LanguageSerializer(serializers.Serializer):
    value = serializers.CharField(help_text="ISO 639-1 code (ISO 639-3 where there is no two-letter code).")
    label = serializers.CharField()
    labels = LabelsSerializer()


class TopicNodeSerializer(TermSerializer):
    abbreviation = serializers.CharField(allow_blank=True, help_text="Short form users type, e.g. XMC.")


# A topic's children have the same shape as the topic (drf-spectacular documents the recursion).
TopicNodeSerializer._declared_fields["children"] = TopicNodeSerializer(many=True)


class TopicSerializer(TermSerializer):
    abbreviation = serializers.CharField(allow_blank=True)
    parent = TermRefSerializer(allow_null=True)
    ancestors = TermRefSerializer(many=True, help_text="Topics above this one, the root first.")
    children = TermRefSerializer(many=True, help_text="Topics directly below this one.")


class LicenceSerializer(serializers.Serializer):
    value = serializers.CharField(help_text="Slug: the `licence` filter value.")
    label = serializers.CharField(help_text="Short name, e.g. CC BY-SA 4.0.")
    url = serializers.URLField(help_text="Canonical URI (Creative Commons deed or public domain mark).")
    allows_remix = serializers.BooleanField(help_text="Adaptations (remixes) may be made and shared.")
    share_alike = serializers.BooleanField(help_text="Adaptations must carry the same licence.")
    non_commercial = serializers.BooleanField(help_text="Commercial use is not allowed.")
    no_derivatives = serializers.BooleanField(help_text="Only unchanged copies may be shared.")
    requires_attribution = serializers.BooleanField()
    open = serializers.BooleanField(help_text="Open licence: only these may be chosen for materials in the hub.")


def term_ref(term):
    return {"value": term.slug, "label": str(term.label), "uri": term.uri}


def term(term):
    return {**term_ref(term), "labels": term.labels}


def language(lang):
    labels = {"vi": lang.name, **({"en": lang.name_en} if lang.name_en else {})}
    return {"value": lang.code, "label": str(lang.label), "labels": labels}


def topic_tree(topics):
    """The topics (one query's worth, in display order) as nested nodes, roots first."""
    children = {}
    for topic in topics:
        children.setdefault(topic.parent_id, []).append(topic)

    def node(topic, seen):
        below = [node(child, seen | {topic.pk}) for child in children.get(topic.pk, ()) if child.pk not in seen]
        return {**term(topic), "abbreviation": topic.abbreviation, "children": below}

    return [node(topic, frozenset()) for topic in children.get(None, ())]


def topic_payload(topic, topics):
    """One topic with its parent, ancestors and children; `topics` is every topic, by id."""
    ancestors, parent_id, seen = [], topic.parent_id, {topic.pk}
    while parent_id is not None and parent_id not in seen and parent_id in topics:
        seen.add(parent_id)
        ancestors.insert(0, topics[parent_id])
        parent_id = topics[parent_id].parent_id
    return {
        **term(topic),
        "abbreviation": topic.abbreviation,
        "parent": term_ref(ancestors[-1]) if ancestors else None,
        "ancestors": [term_ref(t) for t in ancestors],
        "children": [term_ref(t) for t in topics.values() if t.parent_id == topic.pk],
    }


def licence(item):
    return {
        "value": item.slug, "label": item.name, "url": item.url,
        "allows_remix": item.allows_derivatives, "share_alike": item.share_alike,
        "non_commercial": not item.allows_commercial, "no_derivatives": not item.allows_derivatives,
        "requires_attribution": item.requires_attribution, "open": item.is_open,
    }
