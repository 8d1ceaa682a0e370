from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from cms import selectors
from cms.richtext import render_rich_text

register = template.Library()


@register.filter
def clean_richtext(value):
    """Rich text (a field, or a block's raw value) through the one cleaned render path."""
    return render_rich_text(value)


@register.simple_tag(takes_context=True)
def localized_topics(context, topics):
    """A page's topics named in the reader's language: {% localized_topics page.topics.all as topics %}."""
    return selectors.localized_topics(topics, context.get("request"))


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
