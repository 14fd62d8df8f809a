"""People get Vietnamese unless they choose English; machine clients negotiate by Accept-Language."""
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import translation

from core.middleware import SiteLanguageMiddleware


def language_for(path, **headers):
    seen = {}

    def view(request):
        seen["language"] = translation.get_language()
        return HttpResponse()

    request = RequestFactory().get(path, **headers)
    SiteLanguageMiddleware(view)(request)
    return seen["language"]


def test_pages_ignore_the_browser_language(settings):
    assert language_for("/tai-lieu/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9") == "vi"


def test_language_cookie_switches_pages_to_english(settings):
    assert language_for("/tai-lieu/", HTTP_COOKIE=f"{settings.LANGUAGE_COOKIE_NAME}=en") == "en"


def test_unknown_cookie_value_falls_back_to_vietnamese(settings):
    assert language_for("/", HTTP_COOKIE=f"{settings.LANGUAGE_COOKIE_NAME}=xx") == "vi"


def test_api_clients_negotiate_by_accept_language():
    assert language_for("/api/v1/resources/", HTTP_ACCEPT_LANGUAGE="en") == "en"
    assert language_for("/api/v1/resources/") == "vi"
