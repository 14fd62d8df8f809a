"""Validators of the catalogue responses (`ETag`, `Last-Modified`) and the 304 answer to a conditional GET.

A list's validators come from the newest public change (`catalog.models.ChangeEvent`, one
row for every publish, unpublish, move and deletion), so checking them costs one indexed
query and no listing; a page's come from its published revision. ETags are weak (the
bytes of a 200 may differ, e.g. gzipped, for the same content) and cover the representation:
the media type, the language and the full URL are hashed in, because responses vary by
`Accept` and `Accept-Language`.
"""
import hashlib
from dataclasses import dataclass
from datetime import datetime

from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from catalog.models import ChangeEvent


@dataclass(frozen=True)
class Validators:
    etag: str                       # a quoted weak ETag, W/"…"
    last_modified: datetime | None  # None when the content carries no date (vocabularies)

    @property
    def timestamp(self):
        return int(self.last_modified.timestamp()) if self.last_modified else None


def catalogue_version():
    """(id, time) of the newest public change, or (0, None) before the first one."""
    return ChangeEvent.objects.order_by("-id").values_list("id", "created_at").first() or (0, None)


def validators(request, *state, last_modified=None):
    """Validators of the response to `request` whose content is determined by `state` (hashable values)."""
    representation = (state, request.accepted_renderer.media_type, translation.get_language(),
                      request.build_absolute_uri())
    digest = hashlib.sha256(repr(representation).encode()).hexdigest()[:32]
    return Validators(f'W/"{digest}"', last_modified)


def not_modified(request, current):
    """A 304 carrying the validators when the client's copy is still current (If-None-Match or
    If-Modified-Since, per RFC 9110), else None."""
    response = get_conditional_response(request, etag=current.etag, last_modified=current.timestamp)
    return with_validators(response, current) if response is not None else None


def with_validators(response, current):
    response.headers["ETag"] = current.etag
    if current.timestamp is not None:
        response.headers["Last-Modified"] = http_date(current.timestamp)
    return response
