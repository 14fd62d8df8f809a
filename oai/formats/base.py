"""What a format writer receives (the AMB record and its context) and small lxml helpers they share."""
from dataclasses import dataclass

from lxml import etree

from .text import xml_text

XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class RecordSource:
    """One record to write: `amb` from `catalog.metadata.to_amb`, the page's public `url`, the topic tree."""

    amb: dict
    url: str
    topics: object  # oai.sets.TopicTree

    def labels(self, field):
        """(language, label) of every concept of an AMB field, Vietnamese first."""
        return [(lang, label) for concept in self.amb.get(field, [])
                for lang, label in sorted(concept.get("prefLabel", {}).items(), key=lambda item: item[0] != "vi")]


def element(parent, tag, text=None, **attributes):
    """A child element of `parent` (the root when `parent` is None) with XML-safe text."""
    node = etree.Element(tag) if parent is None else etree.SubElement(parent, tag)
    if text is not None:
        node.text = xml_text(text)
    for name, value in attributes.items():
        node.set(name, value)
    return node


def schema_location(node, namespace, schema):
    node.set(f"{{{XSI}}}schemaLocation", f"{namespace} {schema}")
