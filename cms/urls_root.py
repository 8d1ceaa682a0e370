"""Language-neutral CMS endpoints (robots.txt, sitemap.xml, favicon.ico)."""

from django.conf import settings
from django.urls import path
from django.utils.module_loading import import_string
from wagtail.contrib.sitemaps.views import sitemap

from . import views
from .sitemaps import SiteSitemap

urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path(
        "sitemap.xml",
        sitemap,
        {
            "sitemaps": {
                "pages": SiteSitemap,
                **{
                    name: import_string(path)
                    for name, path in getattr(settings, "SITEMAP_SECTIONS", {}).items()
                },
            }
        },
        name="sitemap",
    ),
]
