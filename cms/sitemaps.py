"""sitemap.xml: Wagtail's generator over every language's home tree, public live pages only.

Addresses are absolute from the Wagtail Site or SITE_URL (cms/links.py). A page
with translations lists them all as hreflang alternates, plus x-default (the
default language's copy, else the first).
"""

from django.conf import settings
from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from .links import page_full_url


class SiteSitemap(Sitemap):
    def items(self):
        site = self.get_wagtail_site()
        roots = site.root_page.get_translations(inclusive=True)
        q = Q(pk__in=[])
        for root in roots:
            q |= Q(path__startswith=root.path)
        return (
            Page.objects.filter(q)
            .live()
            .public()
            .select_related("locale")
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def location(self, obj):
        return page_full_url(obj, self.request)

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        keys = {p.translation_key for p in pages}
        # Every language's copy of these pages (those of other sitemap pages too), aliases excluded.
        copies = {}
        for copy in (
            Page.objects.filter(translation_key__in=keys, alias_of__isnull=True)
            .live()
            .public()
            .select_related("locale")
            .order_by("path")
        ):
            copies.setdefault(copy.translation_key, []).append(copy)
        default_language = settings.LANGUAGE_CODE.split("-")[0]
        urls = []
        last_mods = set()
        for item in pages:
            url_info = {
                "item": item,
                "location": self.location(item),
                "lastmod": self.lastmod(item),
            }
            alternates = [
                {"lang_code": c.locale.language_code, "location": url}
                for c in copies.get(item.translation_key, [])
                if (url := page_full_url(c, self.request))
            ]
            if len(alternates) > 1:
                default = next(
                    (a for a in alternates if a["lang_code"] == default_language), alternates[0]
                )
                alternates.append({"lang_code": "x-default", "location": default["location"]})
                url_info["alternates"] = alternates
            urls.append(url_info)
            last_mods.add(url_info["lastmod"])
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls
