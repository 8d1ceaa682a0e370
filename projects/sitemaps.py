"""sitemap.xml section for project pages: only published pages of projects on the showcase."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from . import selectors


class ProjectPagesSitemap(Sitemap):
    def items(self):
        return selectors.all_published_pages().order_by("project_id", "position", "id")

    def location(self, obj):
        return reverse("projects:showcase_page", args=[obj.project_id, obj.pk])

    def lastmod(self, obj):
        return obj.updated_at
