"""The one OAI-PMH endpoint: GET or POST /oai?verb=..., always HTTP 200 with an XML body (errors included)."""
from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from .arguments import parse_request
from .errors import OaiError
from .responses import envelope, error, serialise
from .verbs import HANDLERS, Repository

CONTENT_TYPE = "text/xml; charset=utf-8"


@csrf_exempt  # harvesters POST form-encoded arguments (spec 3.1.1.2) without a session or CSRF token
@require_http_methods(["GET", "HEAD", "POST"])
def endpoint(request):
    base_url = settings.SITE_BASE_URL.rstrip("/") + request.path
    arguments = request.POST if request.method == "POST" else request.GET
    try:
        verb, arguments = parse_request(arguments)
    except OaiError as exc:
        root = envelope(base_url)
        error(root, exc)
        return HttpResponse(serialise(root), content_type=CONTENT_TYPE)
    try:
        response = HANDLERS[verb](Repository(base_url), arguments)
    except OaiError as exc:
        root = envelope(base_url, verb, arguments) if exc.echoes_arguments else envelope(base_url)
        error(root, exc)
    else:
        root = envelope(base_url, verb, arguments)
        root.append(response)
    return HttpResponse(serialise(root), content_type=CONTENT_TYPE)
