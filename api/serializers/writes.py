"""Shapes of the write endpoints: the AMB record a partner sends, what a write returns, and bulk ingest results.

Request bodies are validated by the AMB mapping itself (`catalog.metadata.from_amb`), not by
these serializers: they document the shape for the OpenAPI schema and build responses.
"""
from rest_framework import serializers

from .search import ErrorSerializer  # noqa: F401  (re-exported for the write views' schemas)

AMB_WRITE_RECORD = {
    "type": "object",
    "description": (
        "An AMB record (JSON-LD on schema.org/LRMI), the shape `export_resources` writes and `import_resources` "
        "reads; see docs/metadata.md. `id` is the record's stable identifier (a URI of yours; a `urn:uuid:` is "
        "made when it is missing). Vocabulary values (`about`, `learningResourceType`, `audience`, "
        "`educationalLevel`, `inLanguage`, `license`) take the hub's URIs, slugs or names."
    ),
    "required": ["name"],
    "properties": {
        "@context": {}, "id": {"type": "string"}, "type": {"type": "array", "items": {"type": "string"}},
        "name": {"type": "string"}, "description": {"type": "string"}, "text": {"type": "string"},
        "license": {"type": "object", "properties": {"id": {"type": "string"}}},
        "learningResourceType": {"type": "array", "items": {"type": "object"}},
        "about": {"type": "array", "items": {"type": "object"}},
        "audience": {"type": "array", "items": {"type": "object"}},
        "educationalLevel": {"type": "array", "items": {"type": "object"}},
        "inLanguage": {"type": "array", "items": {"type": "string"}},
        "keywords": {"type": "array", "items": {"type": "string"}},
        "creator": {"type": "array", "items": {"type": "object"}},
        "url": {"type": "string"}, "encoding": {"type": "array", "items": {"type": "object"}},
    },
    "additionalProperties": True,
}
AMB_PATCH = {key: value for key, value in AMB_WRITE_RECORD.items() if key != "required"}
AMB_PATCH["description"] = "Only the AMB fields to change (JSON merge patch, RFC 7396: `null` removes a field)."


class WriteResultSerializer(serializers.Serializer):
    """A resource after a write: where it is, its state and its record as now saved (the latest revision)."""

    id = serializers.IntegerField(help_text="Page id: `/api/v1/resources/{id}/` once it is published.")
    source_id = serializers.CharField(help_text="The record's `id` (AMB); stable across updates.")
    state = serializers.ChoiceField(["draft", "in_review", "published", "published_with_changes"],
                                    help_text="`published_with_changes`: live, with a newer draft not yet published.")
    live = serializers.BooleanField()
    centre = serializers.CharField(help_text="Slug of the centre holding it.")
    url = serializers.CharField(allow_null=True, help_text="Public page, when published.")
    record = serializers.JSONField(help_text="The AMB record of the latest revision.")


class BulkLineSerializer(serializers.Serializer):
    line = serializers.IntegerField(help_text="1-based line number in the request body.")
    status = serializers.ChoiceField(["created", "updated", "unchanged", "rejected"])
    id = serializers.IntegerField(allow_null=True, help_text="Page id (null when rejected).")
    source_id = serializers.CharField(allow_blank=True, help_text="The record's `id`, when it could be read.")
    code = serializers.CharField(allow_blank=True, help_text="Why it was rejected: a stable code (empty otherwise).")
    reason = serializers.CharField(allow_blank=True, help_text="Why it was rejected, for people.")


class BulkResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    rejected = serializers.IntegerField()
    committed = serializers.BooleanField(
        help_text="Always true: accepted lines are saved even when others were rejected; fix and resend only "
                  "the rejected lines (the ingest is an upsert by `id`, so resending everything is safe too).")
    detail = serializers.CharField(help_text="A one-line summary in the negotiated language.")
    results = BulkLineSerializer(many=True)
