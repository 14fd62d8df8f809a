"""The vocabulary URIs an AMB record may use, per field, read from the seeded vocabularies."""
from catalog.vocabularies import load_data

VOCAB_BASE = "https://oerhub.edu.vn/vocab/"


def known_uris():
    """{AMB field: set of accepted values} for the seeded topics, types, audiences, levels, licences, languages."""
    data = load_data()
    topics = set()

    def walk(items):
        for item in items:
            topics.add(f"{VOCAB_BASE}topic/{item['slug']}")
            walk(item.get("children", []))

    walk(data["topics"])
    return {
        "about": topics,
        "learningResourceType": {t["hcrt_uri"] for t in data["resource_types"]},
        "audience": {a["uri"] for a in data["audiences"]},
        "educationalLevel": {level["uri"] for level in data["levels"]},
        "license": {licence["url"] for licence in data["licences"]},
        "inLanguage": {language["code"] for language in data["languages"]},
    }
