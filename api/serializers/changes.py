"""The JSON of `/api/v1/changes/` (and the body of every webhook delivery): change items and the next cursor.

`api.changes.read_changes` builds plain data; these serializers give it its documented shape.
"""
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..changes import TYPES


@extend_schema_field(OpenApiTypes.OBJECT)
class RecordField(serializers.Field):
    """A JSON-LD record passed through as it is (AMB for resources and courses)."""

    def to_representation(self, value):
        return value


class ChangeSerializer(serializers.Serializer):
    cursor = serializers.CharField(help_text="Opaque position of this change; pass it as `since` to read what follows.")
    action = serializers.ChoiceField(
        ["upsert", "delete"],
        help_text="`upsert`: created or changed, `record` is its current record. `delete`: deleted, unpublished "
                  "or no longer public — remove it from your copy (tombstones are kept forever).")
    type = serializers.ChoiceField(sorted(set(TYPES.values())), help_text="What changed.")
    id = serializers.IntegerField(help_text="The hub's id of the object (stable; the page id).")
    source_id = serializers.CharField(allow_blank=True,
                                      help_text="The record's `id` in AMB (resources and courses), empty for others.")
    changed_at = serializers.DateTimeField(help_text="When the change was committed.")
    url = serializers.URLField(allow_null=True, help_text="Public page of the object (upserts only).")
    api_url = serializers.CharField(allow_null=True, help_text="The object in the read API, when it has one.")
    record = RecordField(
        allow_null=True,
        help_text="Upserts: the object's current record — AMB JSON-LD for resources and courses (as "
                  "`export_resources` writes it), schema.org `Collection` or `Organization` for collections and "
                  "centres. Null for deletes.")


class ChangesResponseSerializer(serializers.Serializer):
    results = ChangeSerializer(many=True)
    next_cursor = serializers.CharField(
        help_text="Pass as `since` on the next call. Always present: the last item's cursor, or the `since` you "
                  "sent when nothing is new, so you can keep polling with it.")
    has_more = serializers.BooleanField(help_text="More changes are waiting: call again at once with `next_cursor`.")


def changes_payload(page):
    """Plain data of an `api.changes.ChangePage` for `ChangesResponseSerializer`."""
    return {"results": page.items, "next_cursor": page.next_cursor, "has_more": page.has_more}
