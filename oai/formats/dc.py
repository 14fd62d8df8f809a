"""Simple Dublin Core (`oai_dc`) from an AMB record: the format every OAI-PMH harvester understands.

title ← name; creator ← creator names; subject ← topic labels (vi, en) and keywords;
description ← description and the body as plain text; publisher ← the centre; date ←
dateCreated and datePublished; type ← resource type (label and HCRT URI); format ← file
media types; identifier ← the public page URL, then the AMB id; source ← what it adapts;
relation ← the external link; language ← inLanguage; rights ← the licence URI.
"""
from lxml import etree

from .base import XML_LANG, XSI, element, schema_location
from .text import plain_text

OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"


def _unique(values):
    return list(dict.fromkeys(value for value in values if value))


def write(source):
    amb = source.amb
    root = etree.Element(f"{{{OAI_DC}}}dc", nsmap={"oai_dc": OAI_DC, "dc": DC, "xsi": XSI})
    schema_location(root, OAI_DC, SCHEMA)

    def dc(name, value, lang=None):
        node = element(root, f"{{{DC}}}{name}", value)
        if lang:
            node.set(XML_LANG, lang)

    dc("title", amb.get("name", ""))
    for creator in amb.get("creator", []):
        dc("creator", creator["name"])
    for lang, label in source.labels("about"):
        dc("subject", label, lang)
    for keyword in amb.get("keywords", []):
        dc("subject", keyword)
    for text in _unique([amb.get("description", ""), plain_text(amb.get("text", ""))]):
        dc("description", text)
    for organisation in amb.get("sourceOrganization", []):
        dc("publisher", organisation["name"])
    for date in _unique([amb.get("dateCreated"), amb.get("datePublished")]):
        dc("date", date)
    for lang, label in source.labels("learningResourceType"):
        dc("type", label, lang)
    for concept in amb.get("learningResourceType", []):
        dc("type", concept["id"])
    for media_type in _unique(item.get("encodingFormat") for item in amb.get("encoding", [])):
        dc("format", media_type)
    for value in _unique([source.url, amb.get("id")]):
        dc("identifier", value)
    if amb.get("url"):
        dc("relation", amb["url"])
    for work in amb.get("isBasedOn", []):
        dc("source", work.get("id") or work.get("name", ""))
    for code in amb.get("inLanguage", []):
        dc("language", code)
    if amb.get("license"):
        dc("rights", amb["license"]["id"])
    return root
