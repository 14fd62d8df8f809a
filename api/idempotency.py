"""`Idempotency-Key` for POSTs: a retried request gets the first response again instead of writing twice.

How it works, in the request's own transaction (ATOMIC_REQUESTS):

1. The record (credential, key) is inserted before the write. A concurrent request with
   the same key blocks on the unique index (PostgreSQL) or the write lock (SQLite) until
   the first one commits or rolls back — so duplicates never both write, they wait.
2. After the write, the response (status, body, Location) is stored on the record. If the
   request fails, the transaction rolls back and the record with it: a failed request
   may be retried with the same key.
3. A later request with a stored key gets the stored response (header `Idempotent-Replayed:
   true`) when it sent the same method, path and body, and 422 `idempotency_key_reused`
   otherwise. Records older than `API_IDEMPOTENCY_HOURS` are forgotten.
"""
import functools
import hashlib
import json
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from core.errors import DomainError, ValidationFailed

from .models import ApiKey, IdempotencyRecord

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 255


class IdempotencyKeyReused(DomainError):
    code = "idempotency_key_reused"
    status = 422


def credential_of(request):
    """Whose keys these are: the API key, else the signed-in user (None for anonymous requests)."""
    if isinstance(request.auth, ApiKey):
        return f"key:{request.auth.pk}"
    if request.user and request.user.is_authenticated:
        return f"user:{request.user.pk}"
    return None


def fingerprint(request):
    """Digest of the method, path with query and parsed body (parsed, so the body's size limits apply first)."""
    body = json.dumps(request.data, sort_keys=True, ensure_ascii=False, default=str)
    digest = hashlib.sha256()
    for part in (request.method, request.get_full_path(), body):
        digest.update(part.encode("utf-8", "surrogateescape"))
        digest.update(b"\0")
    return digest.hexdigest()


def _replay(record):
    headers = {"Idempotent-Replayed": "true"}
    if record.location:
        headers["Location"] = record.location
    return Response(record.body, status=record.status, headers=headers)


def _claim(credential, key, print_):
    """Insert the record, or return the stored response for (credential, key)."""
    cutoff = timezone.now() - timedelta(hours=settings.API_IDEMPOTENCY_HOURS)
    IdempotencyRecord.objects.filter(created_at__lt=cutoff).delete()
    try:
        with transaction.atomic():
            return IdempotencyRecord.objects.create(credential=credential, key=key, fingerprint=print_, status=0), None
    except IntegrityError:
        pass  # stored by an earlier (or concurrent, now committed) request: answer from it
    record = IdempotencyRecord.objects.get(credential=credential, key=key)
    if record.fingerprint != print_:
        raise IdempotencyKeyReused(_("This Idempotency-Key was already used for a different request. "
                                     "Use a new key for each new request."))
    return None, _replay(record)


def idempotent(method):
    """Decorate a view's `post`: honour the Idempotency-Key header as described above."""

    @functools.wraps(method)
    def wrapper(self, request, *args, **kwargs):
        key = request.headers.get(HEADER)
        if key is None:
            return method(self, request, *args, **kwargs)
        key = key.strip()
        if not key or len(key) > MAX_KEY_LENGTH or not key.isprintable():
            raise ValidationFailed(_("The Idempotency-Key header must be 1 to 255 printable characters."),
                                   code="invalid_idempotency_key")
        credential = credential_of(request)
        if credential is None:
            return method(self, request, *args, **kwargs)
        record, replay = _claim(credential, key, fingerprint(request))
        if replay is not None:
            return replay
        response = method(self, request, *args, **kwargs)
        record.status = response.status_code
        record.body = json.loads(JSONRenderer().render(response.data) or b"null")  # lazy strings, dates
        record.location = response.get("Location", "")
        record.save(update_fields=["status", "body", "location"])
        return response

    return wrapper
