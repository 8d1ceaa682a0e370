"""sitemap.xml: Wagtail's generator over every language's home tree, public live pages only."""

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class SiteSitemap(Sitemap):
    def items(self):
        site = self.get_wagtail_site()
        roots = site.root_page.get_translations(inclusive=True)
        q = None
        from django.db.models import Q

        for root in roots:
            part = Q(path__startswith=root.path)
            q = part if q is None else q | part
        return (
            Page.objects.filter(q).live().public().order_by("path").defer_streamfields().specific()
        )
