"""The JSON of `/api/v1/centres/`: a centre with its type, province and district."""
from rest_framework import serializers

from catalog.models.centres import CentreType
from catalog.queries import public_url

from .resources import paged, rich_text


class ProvinceRefSerializer(serializers.Serializer):
    value = serializers.CharField(help_text="Province code: the `province` filter value.")
    label = serializers.CharField()


class DistrictRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField()


class CentreTypeSerializer(serializers.Serializer):
    value = serializers.ChoiceField(choices=CentreType.values)
    label = serializers.CharField()


class CentreSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="Page id in this hub.")
    value = serializers.CharField(help_text="Slug: the `centre` filter value of the other lists and of search.")
    name = serializers.CharField()
    url = serializers.CharField(help_text="Absolute public address of the centre's page.")
    type = CentreTypeSerializer()
    province = ProvinceRefSerializer()
    district = DistrictRefSerializer(allow_null=True)
    address = serializers.CharField(allow_blank=True)
    website = serializers.CharField(allow_blank=True)
    email = serializers.CharField(allow_blank=True)
    description = serializers.CharField(allow_blank=True, help_text="HTML, sanitised.")
    last_published_at = serializers.DateTimeField(allow_null=True)


CentrePageSerializer = paged(CentreSerializer, "CentrePageSerializer")


def centre_payload(centre):
    district = centre.district
    return {
        "id": centre.pk, "value": centre.slug, "name": centre.title, "url": public_url(centre),
        "type": {"value": centre.centre_type, "label": str(centre.get_centre_type_display())},
        "province": {"value": centre.province.code, "label": centre.province.name},
        "district": {"id": district.pk, "label": district.name} if district is not None else None,
        "address": centre.address, "website": centre.website, "email": centre.email,
        "description": rich_text(centre.description),
        "last_published_at": centre.last_published_at,
    }


def centre_payloads(centres):
    return [centre_payload(centre) for centre in centres]
