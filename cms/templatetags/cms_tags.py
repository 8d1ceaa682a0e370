from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from cms import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def cms_nav_links(context):
    """Resources, Events, News, Search of the current language, with the active one marked."""
    request = context.get("request")
    indexes = selectors.section_indexes(request) if request else {}
    links = [
        (_("Resources"), indexes.get("resources")),
        (_("Events"), indexes.get("events")),
        (_("News"), indexes.get("news")),
        (_("Search"), reverse("cms:search")),
    ]
    path = request.path if request else ""
    return [
        {"label": label, "url": url, "active": bool(url) and path.startswith(url)}
        for label, url in links
        if url
    ]
