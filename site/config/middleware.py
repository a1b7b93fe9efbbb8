"""Request middleware of the site shell."""

from django.conf import settings
from django.utils import translation


class DutchFirstLocaleMiddleware:
    """Activate Dutch unless the visitor chose another language with the switcher.

    Django's LocaleMiddleware would follow the browser's Accept-Language, which turns
    the site English for many Flemish staff whose browsers are set to English; the
    organisation's site is Dutch first, so only an explicit choice (the language
    cookie set by ``set_language``) changes it.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response
