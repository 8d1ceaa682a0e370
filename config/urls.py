from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.views import home as cms_home
from cms.views import set_language
from community.files import public_media
from community.pwa import service_worker
from community.views.email import bounces as email_bounces
from community.views.health import healthz

# Language-neutral endpoints: health, admin, feeds and machine-readable files.
urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # The service worker at the root scope (it may only control pages under its own path).
    path("sw.js", service_worker, name="service_worker"),
    # The header's language form: like Django's set_language, but CMS pages go to their translation.
    path("i18n/setlang/", set_language, name="set_language"),
    # The mail provider's bounce webhook (community.views.email).
    path("email/bounces/", email_bounces, name="email_bounces"),
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("cms.urls_root")),
]

if settings.DEBUG or getattr(settings, "SERVE_MEDIA", True):
    # Media is served by the app in the two-command setup; a CDN or proxy in production.
    # Never from here: community.files.PROTECTED_MEDIA (Wagtail documents, room attachments,
    # project files, covers), which go through views that check who may see them.
    urlpatterns += [re_path(r"^media/(?P<path>.+)$", public_media)]

# Pages people read: language-prefixed (/en/, /az/, /ru/).
urlpatterns += i18n_patterns(
    path("", include("community.urls")),
    path("", include("community.discussions.urls")),
    path("", include("community.moderation.urls")),
    path("projects/", include("projects.urls")),
    path("", include("cms.urls")),
    path("", cms_home, name="home"),
    # Wagtail's page serving last: it matches every remaining path.
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
