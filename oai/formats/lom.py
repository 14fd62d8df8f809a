"""IEEE LOM (XML binding, namespace http://ltsc.ieee.org/xsd/LOM) from an AMB record.

Classifications keep the hub's own vocabularies: topics as a taxon path from the root of
the topic tree (purpose `discipline`), educational levels (purpose `educational level`);
resource types are HCRT URIs and audiences their URIs, each with its vocabulary as `source`.
Creators and the centre are vCards; the licence URI is the rights description.
"""
from lxml import etree

from .base import XSI, element, schema_location
from .text import plain_text

LOM = "http://ltsc.ieee.org/xsd/LOM"
SCHEMA = "http://ltsc.ieee.org/xsd/lomv1.0/lom.xsd"
LOM_VOCABULARY = "LOMv1.0"
HCRT_SCHEME = "https://w3id.org/kim/hcrt/scheme"


def _tag(name):
    return f"{{{LOM}}}{name}"


def _sub(parent, name, text=None):
    return element(parent, _tag(name), text)


def _langstring(parent, name, strings):
    """A LangString element with one `<string language="...">` per (language, text)."""
    node = _sub(parent, name)
    for language, text in strings:
        _sub(node, "string", text).set("language", language)
    return node


def _vocabulary(parent, name, value, source=LOM_VOCABULARY):
    node = _sub(parent, name)
    _sub(node, "source", source)
    _sub(node, "value", value)
    return node


def _vcard(name, organisation=False):
    escaped = name.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{escaped}"] + ([f"ORG:{escaped}"] if organisation else [])
    return "\n".join(lines + ["END:VCARD"])


def _scheme(uri):
    return uri.rsplit("/", 1)[0] + "/"


def _identifier(parent, entry):
    node = _sub(parent, "identifier")
    _sub(node, "catalog", "URN" if entry.startswith("urn:") else "URI")
    _sub(node, "entry", entry)


def _main_language(amb):
    languages = amb.get("inLanguage", [])
    return "vi" if "vi" in languages or not languages else languages[0]


def _general(root, source, language):
    amb = source.amb
    general = _sub(root, "general")
    for entry in dict.fromkeys(value for value in (source.url, amb.get("id")) if value):
        _identifier(general, entry)
    _langstring(general, "title", [(language, amb.get("name", ""))])
    for code in amb.get("inLanguage", []):
        _sub(general, "language", code)
    for text in dict.fromkeys(t for t in (amb.get("description", ""), plain_text(amb.get("text", ""))) if t):
        _langstring(general, "description", [(language, text)])
    for keyword in amb.get("keywords", []):
        _langstring(general, "keyword", [(language, keyword)])
    _vocabulary(general, "aggregationLevel", "3" if "Course" in amb.get("type", []) else "2")


def _life_cycle(root, amb):
    life_cycle = _sub(root, "lifeCycle")
    for creator in amb.get("creator", []):
        contribute = _sub(life_cycle, "contribute")
        _vocabulary(contribute, "role", "author")
        _sub(contribute, "entity", _vcard(creator["name"], creator.get("type") == "Organization"))
        if amb.get("dateCreated"):
            _sub(_sub(contribute, "date"), "dateTime", amb["dateCreated"])
    for organisation in amb.get("sourceOrganization", []):
        contribute = _sub(life_cycle, "contribute")
        _vocabulary(contribute, "role", "publisher")
        _sub(contribute, "entity", _vcard(organisation["name"], organisation=True))
        if amb.get("datePublished"):
            _sub(_sub(contribute, "date"), "dateTime", amb["datePublished"])
    if not len(life_cycle):
        root.remove(life_cycle)


def _technical(root, source):
    amb = source.amb
    technical = _sub(root, "technical")
    media_types = (item.get("encodingFormat") for item in amb.get("encoding", []))
    for media_type in dict.fromkeys(media_type for media_type in media_types if media_type):
        _sub(technical, "format", media_type)
    locations = [source.url, amb.get("url")] + [f.get("contentUrl") for f in amb.get("encoding", [])]
    for location in dict.fromkeys(location for location in locations if location):
        _sub(technical, "location", location)


def _educational(root, source):
    amb = source.amb
    educational = _sub(root, "educational")
    for concept in amb.get("learningResourceType", []):
        _vocabulary(educational, "learningResourceType", concept["id"], HCRT_SCHEME)
    for concept in amb.get("audience", []):
        _vocabulary(educational, "intendedEndUserRole", concept["id"], _scheme(concept["id"]))
    if amb.get("timeRequired"):
        _sub(_sub(educational, "typicalLearningTime"), "duration", amb["timeRequired"])
    for code in amb.get("inLanguage", []):
        _sub(educational, "language", code)


def _rights(root, amb):
    rights = _sub(root, "rights")
    _vocabulary(rights, "cost", "no")
    _vocabulary(rights, "copyrightAndOtherRestrictions", "yes")
    if amb.get("license"):
        _langstring(rights, "description", [("x-none", amb["license"]["id"])])


def _relations(root, amb):
    related = [("isbasedon", work) for work in amb.get("isBasedOn", []) if work.get("id")]
    related += [("haspart", lesson) for module in amb.get("hasPart", []) for lesson in module.get("hasPart", [])]
    for kind, work in related:
        relation = _sub(root, "relation")
        _vocabulary(relation, "kind", kind)
        resource = _sub(relation, "resource")
        _identifier(resource, work["id"])
        if work.get("name"):
            _langstring(resource, "description", [("vi", work["name"])])


def _taxon(path, concept_id, labels):
    taxon = _sub(path, "taxon")
    _sub(taxon, "id", concept_id)
    _langstring(taxon, "entry", sorted(labels.items(), key=lambda item: item[0] != "vi"))


def _topic_taxa(tree, concept):
    """(id, labels) from the root of the topic tree down to the concept."""
    topic = tree.by_uri.get(concept["id"])
    if topic is None:
        return [(concept["id"], concept.get("prefLabel", {}))]
    return [(node.uri, node.labels) for node in tree.path(topic)]


def _classification(root, purpose, concepts, taxa):
    """One classification of `purpose` with a taxon path per concept; `taxa(concept)` gives its taxa."""
    if not concepts:
        return
    classification = _sub(root, "classification")
    _vocabulary(classification, "purpose", purpose)
    for concept in concepts:
        path = _sub(classification, "taxonPath")
        _langstring(path, "source", [("x-none", _scheme(concept["id"]))])
        for concept_id, labels in taxa(concept):
            _taxon(path, concept_id, labels)


def write(source):
    amb = source.amb
    language = _main_language(amb)
    root = etree.Element(_tag("lom"), nsmap={None: LOM, "xsi": XSI})
    schema_location(root, LOM, SCHEMA)
    _general(root, source, language)
    _life_cycle(root, amb)
    meta = _sub(root, "metaMetadata")
    _sub(meta, "metadataSchema", "LOMv1.0")
    _sub(meta, "language", "vi")
    _technical(root, source)
    _educational(root, source)
    _rights(root, amb)
    _relations(root, amb)
    _classification(root, "discipline", amb.get("about"), lambda concept: _topic_taxa(source.topics, concept))
    _classification(root, "educational level", amb.get("educationalLevel"),
                    lambda concept: [(concept["id"], concept.get("prefLabel", {}))])
    return root
