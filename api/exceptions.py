"""Turns every refusal into one JSON shape, `{"code": ..., "detail": ...}`, in the one place DRF allows.

Domain errors (`core.errors.DomainError`) keep their own code and status; DRF's errors
(parse error, not found, method not allowed, throttled, ...) and Django's `Http404` and
`PermissionDenied` get DRF's stable `default_code`; an unreachable search engine is a 503
with `Retry-After`. Anything else is a bug and stays a 500.
"""
import logging

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.encoding import force_str
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import set_rollback

from core.errors import DomainError
from search.backends.base import BackendUnavailable

logger = logging.getLogger(__name__)

# Seconds a client should wait before retrying when the search engine is down; the
# outbox and the engine's own recovery usually take about this long.
SEARCH_RETRY_AFTER = 30


def error_body(code, detail, **extra):
    """The body of every API error response."""
    return {"code": code, "detail": force_str(detail), **extra}


def _flatten(detail):
    """First message of a DRF ValidationError detail (a string, list or dict of lists)."""
    while isinstance(detail, (list, dict)) and detail:
        detail = next(iter(detail.values())) if isinstance(detail, dict) else detail[0]
    return force_str(detail) if detail else _("Invalid input.")


def exception_handler(exc, context):
    """DRF's EXCEPTION_HANDLER: the response for a raised exception, or None for a 500."""
    if isinstance(exc, DomainError):
        set_rollback()
        return Response(error_body(exc.code, exc), status=exc.status)

    if isinstance(exc, BackendUnavailable):
        logger.warning("Search engine unavailable: %s", exc)
        set_rollback()
        return Response(
            error_body("search_unavailable", _("Search is temporarily unavailable. Please try again in a minute.")),
            status=503, headers={"Retry-After": str(SEARCH_RETRY_AFTER)},
        )

    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    if not isinstance(exc, exceptions.APIException):
        return None

    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None):
        headers["Retry-After"] = "%d" % exc.wait
    if isinstance(exc.detail, (list, dict)):
        # Field errors of a request body: the first message as `detail`, all of them as `errors`.
        body = error_body(exc.default_code, _flatten(exc.detail), errors=exc.detail)
    else:
        body = error_body(exc.default_code, exc.detail)
    set_rollback()
    return Response(body, status=exc.status_code, headers=headers)
