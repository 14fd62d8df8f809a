"""The JSON of `/api/v1/resources/`: one learning resource with its classification, licence, authors and files.

`resource_payloads` turns public pages (loaded by `api.views.resources` with everything it
reads prefetched) into plain data; the serializers give it its documented shape.
"""
from urllib.parse import urljoin

from django.conf import settings
from rest_framework import serializers
from wagtail.rich_text import expand_db_html

from catalog.metadata import clean_html
from catalog.models.pages import AuthorKind
from catalog.queries import public_url, with_centres

from .search import LicenceRefSerializer
from .taxonomy import LanguageSerializer, TermRefSerializer, language, term_ref


class CentreRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="Page id: `/api/v1/centres/{id}/`.")
    value = serializers.CharField(help_text="Slug: the `centre` filter value.")
    label = serializers.CharField(help_text="Name of the centre.")


class AuthorSerializer(serializers.Serializer):
    name = serializers.CharField()
    type = serializers.ChoiceField(choices=AuthorKind.values, help_text="Person or Organization, as in AMB.")
    identifier = serializers.CharField(allow_blank=True, help_text="ORCID or web address, when known.")
    affiliation = serializers.CharField(allow_blank=True)


class FileSerializer(serializers.Serializer):
    name = serializers.CharField(allow_blank=True)
    url = serializers.CharField(help_text="Absolute address of the file.")
    media_type = serializers.CharField(allow_blank=True)
    size = serializers.IntegerField(allow_null=True, help_text="Bytes, when known.")


class BasedOnSerializer(serializers.Serializer):
    id = serializers.IntegerField(allow_null=True, help_text="Page id when the source is a public page of this hub.")
    source_id = serializers.CharField(allow_blank=True)
    name = serializers.CharField(allow_blank=True)


class PublicationSerializer(serializers.Serializer):
    """Fields every public page of the catalogue has."""

    id = serializers.IntegerField(help_text="Page id in this hub.")
    url = serializers.CharField(help_text="Absolute public address of the page.")
    name = serializers.CharField()
    summary = serializers.CharField(allow_blank=True)
    first_published_at = serializers.DateTimeField(allow_null=True)
    last_published_at = serializers.DateTimeField(
        allow_null=True, help_text="Last publication; `modified_since` filters on it.")
    centre = CentreRefSerializer(allow_null=True, help_text="The centre that publishes it.")


class ClassifiedSerializer(PublicationSerializer):
    """Fields resources and courses share: identifier, description, licence and classification."""

    source_id = serializers.CharField(help_text="Stable record identifier (AMB `id`), kept across imports.")
    body = serializers.CharField(allow_blank=True, help_text="HTML, sanitised, with absolute links.")
    licence = LicenceRefSerializer(allow_null=True)
    remix = serializers.BooleanField(help_text="The licence allows remixing.")
    topics = TermRefSerializer(many=True)
    audiences = TermRefSerializer(many=True)
    levels = TermRefSerializer(many=True)
    languages = LanguageSerializer(many=True)


class ResourceSerializer(ClassifiedSerializer):
    type = TermRefSerializer(allow_null=True, help_text="Resource type (HCRT).")
    h5p = serializers.BooleanField(help_text="Has an interactive H5P package.")
    keywords = serializers.ListField(child=serializers.CharField())
    authors = AuthorSerializer(many=True)
    files = FileSerializer(many=True)
    external_url = serializers.CharField(allow_blank=True)
    date_created = serializers.DateField(allow_null=True)
    based_on = BasedOnSerializer(allow_null=True, help_text="The work this one adapts, when it is a remix.")


def paged(serializer_class, name):
    """The documented shape of one page of a cursor-paged list of `serializer_class` items."""
    return type(name, (serializers.Serializer,), {
        "next": serializers.URLField(allow_null=True, help_text="The next page, or null on the last one."),
        "previous": serializers.URLField(allow_null=True, help_text="The previous page, or null on the first one."),
        "results": serializer_class(many=True),
        "__doc__": "One page of a list; follow `next` to read them all (ordered by id, oldest first).",
    })


ResourcePageSerializer = paged(ResourceSerializer, "ResourcePageSerializer")


def absolute(url):
    return urljoin(settings.SITE_BASE_URL.rstrip("/") + "/", url) if url else ""


def rich_text(html):
    return clean_html(expand_db_html(html or ""), base_url=settings.SITE_BASE_URL)


def centre_ref(centre):
    return {"id": centre.pk, "value": centre.slug, "label": centre.title} if centre is not None else None


def licence_ref(licence):
    return {"value": licence.slug, "label": licence.name, "url": licence.url} if licence is not None else None


def publication(page, centre):
    return {
        "id": page.pk, "url": public_url(page), "name": page.title, "summary": page.summary or "",
        "first_published_at": page.first_published_at, "last_published_at": page.last_published_at,
        "centre": centre_ref(centre),
    }


def classification(page):
    """Licence, topics, audiences, levels and languages, shared by resources and courses."""
    return {
        "source_id": page.source_id,
        "body": rich_text(page.body),
        "licence": licence_ref(page.licence),
        "remix": bool(page.licence_id and page.licence.allows_derivatives),
        "topics": [term_ref(t) for t in page.topics.all()],
        "audiences": [term_ref(t) for t in page.audiences.all()],
        "levels": [term_ref(t) for t in page.levels.all()],
        "languages": [language(lang) for lang in page.languages.all()],
    }


def _file(item):
    document = item.document if item.document_id else None
    return {
        "name": item.display_name, "url": absolute(item.url),
        "media_type": item.mime_type or (document.content_type if document else ""),
        # Document.file_size, not get_file_size(): that would write to the database on a GET.
        "size": item.size if item.size is not None else (document.file_size if document else None),
    }


def _based_on(page):
    source = page.based_on if page.based_on_id else None
    if source is not None and source.live:
        return {"id": source.pk, "source_id": source.source_id, "name": source.title}
    record = page.based_on_record or {}
    if record:
        return {"id": None, "source_id": str(record.get("id") or ""), "name": str(record.get("name") or "")}
    return None


def resource_payload(page, centre):
    files = [_file(item) for item in page.files.all()]
    return {
        **publication(page, centre),
        **classification(page),
        "type": term_ref(page.resource_type) if page.resource_type_id else None,
        "h5p": any(f["name"].lower().endswith(".h5p") for f in files),
        "keywords": sorted((tag.name for tag in page.keywords.all()), key=lambda k: (k.casefold(), k)),
        "authors": [{"name": a.name, "type": a.kind, "identifier": a.identifier, "affiliation": a.affiliation}
                    for a in page.authors.all()],
        "files": files,
        "external_url": page.external_url,
        "date_created": page.date_created,
        "based_on": _based_on(page),
    }


def resource_payloads(pages):
    """Plain data of public resources (prefetched), with their centres fetched in one query."""
    return [resource_payload(card["page"], card["centre"]) for card in with_centres(pages)]
