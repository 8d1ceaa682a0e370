"""Language-neutral CMS endpoints (robots.txt, sitemap.xml, favicon.ico)."""

from django.urls import path
from wagtail.contrib.sitemaps.views import sitemap

from projects.sitemaps import ProjectPagesSitemap

from . import views
from .sitemaps import SiteSitemap

urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"pages": SiteSitemap, "project-pages": ProjectPagesSitemap}},
        name="sitemap",
    ),
]
