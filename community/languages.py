"""Which interface language a teacher gets first.

A language in the address (/az/...) always wins: it is what the reader is looking at, and
the header's language form changes it. Where the address has none (the site root, a link
without a prefix), the language is, in this order:

1. the signed-in teacher's profile language;
2. the language chosen earlier with the language form (its cookie);
3. the browser's `Accept-Language`, its first language the site has;
4. English, the site's default.

A new account starts in the language of the page it signed up on, except where that page
was English only because nothing above named another language: then the usual language of
the school's region (Azerbaijani for Azerbaijan, Kazakh for Kazakhstan...) is taken.
"""

from django.conf import settings
from django.contrib.auth.middleware import get_user
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.translation.trans_real import parse_accept_lang_header

#: The usual interface language of each country's regions (by country code).
COUNTRY_LANGUAGES = {"AZ": "az", "KZ": "kk", "KG": "ky", "UZ": "uz", "TJ": "tg", "TR": "tr"}


def supported(code):
    """`code` as one of the site's languages ("kk-KZ" gives "kk"), or None."""
    if not code:
        return None
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return None


def browser_language(request):
    """The first language of the request's `Accept-Language` that the site has, or None."""
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for code, _quality in parse_accept_lang_header(header):
        if code != "*":
            language = supported(code)
            if language:
                return language
    return None


def region_language(region):
    """The usual interface language of `region` (None when the site has no such language)."""
    if region is None:
        return None
    return supported(COUNTRY_LANGUAGES.get(region.country.code, ""))


def profile_language(user):
    profile = getattr(user, "profile", None) if user is not None and user.is_authenticated else None
    return supported(getattr(profile, "interface_language", ""))


def sign_up_language(request, region):
    """The first interface language of an account signed up by `request` (see the module text)."""
    page = translation.get_language()
    if page != settings.LANGUAGE_CODE:
        return page
    chosen = supported(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))
    if chosen == page or browser_language(request) == page:
        return page
    return region_language(region) or page


class PreferredLanguageMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, with the signed-in teacher's profile language first for
    addresses that carry no language."""

    def process_request(self, request):
        super().process_request(request)
        if translation.get_language_from_path(request.path_info):
            return
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return
        # The user is looked up once: AuthenticationMiddleware reuses this cached one.
        language = profile_language(get_user(request))
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
