"""Absolute links the CMS hands out (sitemap, feeds, calendar files, robots.txt).

The address comes from the Wagtail Site (its host name and port), or, while that
Site still carries a local host name (Wagtail's default is localhost:80), from
the SITE_URL setting (WAGTAILADMIN_BASE_URL follows it); never from the host
name a request happened to use, and never localhost unless that is the site.
"""

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Site

LOCAL_HOSTS = frozenset({"", "localhost", "127.0.0.1", "::1", "0.0.0.0"})  # noqa: S104 - names, not a bind


def configured_site_url():
    return (
        getattr(settings, "SITE_URL", "") or getattr(settings, "WAGTAILADMIN_BASE_URL", "") or ""
    ).rstrip("/")


def base_url(root_url=None, request=None):
    """scheme://host[:port] of the site, without a trailing slash."""
    if root_url is None:
        site = Site.find_for_request(request) if request is not None else None
        site = site or Site.objects.filter(is_default_site=True).first()
        root_url = site.root_url if site else ""
    if (urlsplit(root_url).hostname or "") in LOCAL_HOSTS:
        root_url = configured_site_url() or root_url
    return root_url.rstrip("/")


def absolute_url(path, request=None):
    """An absolute address for a path on this site (an absolute URL keeps its path)."""
    parts = urlsplit(path or "/")
    if parts.scheme:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
    return base_url(request=request) + (path if path.startswith("/") else f"/{path}")


def page_full_url(page, request=None):
    """The absolute address of a Wagtail page, or None when it has no route."""
    parts = page.get_url_parts(request)
    if parts is None:
        return None
    _site_id, root_url, page_path = parts
    return base_url(root_url, request) + page_path
