from django import template
from django.conf import settings
from django.urls import translate_url

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """Links to this page in every interface language.

    A page may put `translations` in its context ({code: url}) to send the
    switcher to its own translations (Wagtail pages do); otherwise the current
    URL is re-prefixed with the other language.
    """
    request = context.get("request")
    overrides = context.get("translations") or {}
    path = request.get_full_path() if request else "/"
    links = []
    for code, name in settings.LANGUAGES:
        url = overrides.get(code) or translate_url(path, code)
        links.append({"code": code, "name": name, "url": url})
    return links
