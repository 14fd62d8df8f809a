"""Seed and refresh the controlled vocabularies from `data/vocabularies.json` (idempotent upsert).

Runs from a data migration, so every database (including test databases) has them;
admins extend them afterwards in the Wagtail admin. Terms are matched by slug or code,
so re-running never duplicates a term and never removes one an admin added.
"""
import json
from pathlib import Path

VOCABULARY_FILE = Path(__file__).resolve().parent / "data" / "vocabularies.json"


def load_data():
    return json.loads(VOCABULARY_FILE.read_text(encoding="utf-8"))


def _upsert(model, key, item, **extra):
    fields = {k: v for k, v in item.items() if k not in ("children", "districts", key)}
    fields.update(extra)
    obj, _created = model.objects.update_or_create(**{key: item[key]}, defaults=fields)
    return obj


def sync_vocabularies(get_model):
    """Upsert every vocabulary; `get_model(app_label, name)` is `apps.get_model` in migrations."""
    data = load_data()
    Topic = get_model("catalog", "Topic")

    def topics(items, parent=None):
        for order, item in enumerate(items):
            node = _upsert(Topic, "slug", item, parent=parent, sort_order=order)
            topics(item.get("children", []), node)

    topics(data["topics"])
    for model_name, key, items in (
        ("ResourceType", "slug", data["resource_types"]),
        ("Audience", "slug", data["audiences"]),
        ("EducationalLevel", "slug", data["levels"]),
        ("Language", "code", data["languages"]),
        ("Licence", "slug", data["licences"]),
    ):
        model = get_model("catalog", model_name)
        for order, item in enumerate(items):
            _upsert(model, key, item, sort_order=order)
    Province = get_model("catalog", "Province")
    District = get_model("catalog", "District")
    for item in data["provinces"]:
        province = _upsert(Province, "code", item)
        for name in item.get("districts", []):
            District.objects.get_or_create(province=province, name=name)
