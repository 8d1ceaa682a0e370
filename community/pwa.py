"""The installable app: manifest, service worker, offline page, per-user offline key, data saver.

The service worker (templates/community/pwa/sw.js) keeps copies of the pages a
teacher opened in a cache named after `offline_key(user)`: an HMAC of the
account and its session hash, so it cannot be guessed from an id and changes
when the password does. The server decides which responses may be kept: it
marks them with the `X-Offline-Key` header (GET, 200, HTML, readable pages
only; never the admin, sign-in or account pages). A response carrying another
key makes the worker drop every other account's copies.

The data saver is on when the profile says so, the browser sends
`Save-Data: on`, or the page's script saw a slow or data-saving connection and
set the `tc_saver` cookie.
"""

import hashlib
import json

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.crypto import salted_hmac
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

OFFLINE_KEY_HEADER = "X-Offline-Key"
PUBLIC_KEY = "public"
SAVER_COOKIE = "tc_saver"
# Pages worth reading offline: rooms, communities, the project workspace, CMS pages (resources).
OFFLINE_VIEW_NAMES = {
    "discussions:room",
    "discussions:community",
    "discussions:directory",
    "home",
    "projects:workspace",
    "projects:detail",
    "projects:mine",
    "wagtail_serve",
}
NEVER_OFFLINE_PREFIXES = ("/admin/", "/django-admin/")
SHELL_ASSETS = (
    "css/site.css",
    "js/offline.js",
    "js/room.js",
    "js/room/clock.js",
    "js/room/render.js",
    "js/room/mentions.js",
    "js/notifications.js",
    "favicon.svg",
)


def offline_key(user):
    """The opaque name of this account's offline caches ("public" for visitors)."""
    if user is None or not user.is_authenticated:
        return PUBLIC_KEY
    return salted_hmac(
        "community.pwa.offline", f"{user.pk}:{user.get_session_auth_hash()}"
    ).hexdigest()[:24]


def data_saver(request):
    """Whether pages for this request are rendered light (images on tap, initials, video links, 20 messages)."""
    cached = getattr(request, "_data_saver", None)
    if cached is not None:
        return cached
    on = (
        request.headers.get("Save-Data", "").strip().lower() == "on"
        or request.COOKIES.get(SAVER_COOKIE) == "1"
    )
    user = getattr(request, "user", None)
    if not on and user is not None and user.is_authenticated:
        profile = getattr(user, "profile", None)
        on = bool(getattr(profile, "data_saver", False))
    request._data_saver = on
    return on


def _offline_allowed(request, response):
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    if request.path_info.startswith(NEVER_OFFLINE_PREFIXES):
        return False
    match = getattr(request, "resolver_match", None)
    return bool(match) and match.view_name in OFFLINE_VIEW_NAMES


class OfflineMiddleware:
    """Marks the responses the service worker may keep, and says the page depends on Save-Data."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if _offline_allowed(request, response):
            response[OFFLINE_KEY_HEADER] = offline_key(getattr(request, "user", None))
        if response.get("Content-Type", "").startswith("text/html"):
            vary = [v.strip() for v in response.get("Vary", "").split(",") if v.strip()]
            for header in ("Save-Data", "Cookie"):
                if header.lower() not in {v.lower() for v in vary}:
                    vary.append(header)
            response["Vary"] = ", ".join(vary)
        return response


def _language_codes():
    return [code for code, _name in settings.LANGUAGES]


@require_GET
def manifest(request):
    """The web app manifest in the page's language (/<lang>/manifest.webmanifest)."""
    lang = get_language() or settings.LANGUAGE_CODE
    name = settings.WAGTAIL_SITE_NAME
    icons = [
        {
            "src": staticfiles_storage.url(f"icons/icon-{size}.png"),
            "sizes": f"{size}x{size}",
            "type": "image/png",
            "purpose": "any",
        }
        for size in (192, 512)
    ] + [
        {
            "src": staticfiles_storage.url(f"icons/maskable-{size}.png"),
            "sizes": f"{size}x{size}",
            "type": "image/png",
            "purpose": "maskable",
        }
        for size in (192, 512)
    ]
    data = {
        "id": f"/{lang}/",
        "name": name,
        "short_name": _("Commons"),
        "description": _("A professional-learning community for rural and regional teachers."),
        "lang": lang,
        "dir": "ltr",
        "start_url": f"/{lang}/",
        "scope": "/",
        "display": "standalone",
        "theme_color": "#0b5d4b",
        "background_color": "#ffffff",
        "icons": icons,
    }
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False), content_type="application/manifest+json"
    )
    response["Cache-Control"] = "public, max-age=3600"
    return response


def service_worker_source():
    shell = [staticfiles_storage.url(path) for path in SHELL_ASSETS]
    offline_pages = {code: f"/{code}/offline/?shell=1" for code in _language_codes()}
    context = {
        "shell_json": json.dumps(shell),
        "offline_json": json.dumps(offline_pages),
        "default_lang": json.dumps(settings.LANGUAGE_CODE),
    }
    body = render_to_string("community/pwa/sw.js", context)
    version = hashlib.sha256(body.encode()).hexdigest()[:12]
    return body.replace("__VERSION__", version)


@never_cache
@require_GET
def service_worker(request):
    """The service worker at the root scope; never cached by HTTP, so an update reaches every tab."""
    response = HttpResponse(service_worker_source(), content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache, no-store, must-revalidate"
    return response


@require_GET
def offline(request):
    """What the worker shows when the link is down and the page was never kept; also lists kept documents."""
    if request.GET.get("shell"):
        # The worker's copy (?shell=1) is rendered for nobody in particular: it serves every account.
        request.user = AnonymousUser()
    return render(request, "community/pwa/offline.html")
