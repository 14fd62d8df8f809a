"""Language choice: Vietnamese unless the visitor picked English; API clients negotiate by Accept-Language."""
from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

# Machine clients (partners, LMSs, harvesters) say what they want in Accept-Language.
NEGOTIATED_PREFIXES = ("/api/", "/oai", "/lti/")


class SiteLanguageMiddleware(LocaleMiddleware):
    """Pages for people are Vietnamese by default, whatever language the browser was installed in.

    Many learners and teachers use phones and computers set up in English; the hub is a
    Vietnamese service, so a page switches to English only when the visitor chooses it
    with the language switcher (Django's language cookie). Machine-facing endpoints keep
    Django's usual negotiation, so an API client sending `Accept-Language: en` gets English.
    """

    def process_request(self, request):
        if request.path.startswith(NEGOTIATED_PREFIXES):
            return super().process_request(request)
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen and translation.check_for_language(chosen) and chosen in dict(settings.LANGUAGES):
            language = chosen
        else:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
