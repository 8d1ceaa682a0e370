"""Reads about a page's translations: the language links and form, and addresses of another tree.

A reader of a page in one language who asks for another goes to the page's translation when
they may see it, else stays on the page in its own language, never a 404 (translation_targets,
language_switch_url); an address whose language's tree lacks the page leads to the page in
the tree that has it (page_in_another_language).
"""

from urllib.parse import unquote, urlsplit, urlunsplit

from django.conf import settings
from django.http import Http404
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Page

from .models import CmsPage, HomePage, address_fallback, page_context
from .permissions import can_view_page, hidden_paths, request_user


def home_for_locale(language_code):
    """The live home page of a language, or None."""
    return HomePage.objects.live().filter(locale__language_code=language_code).first()


def translation_targets(page, request):
    """{language code: (page, exact)}: where the language switchers send a reader of `page`.

    The target is `page`'s own translation when it is live and the reader may see it
    (exact is True); otherwise the nearest ancestor with a live page in that language,
    and at worst that language's home page (exact is False; so too when the page's
    copy in that language is an alias, still showing the original). A language with
    no live home page is missing. Three queries, plus the reader's restrictions.
    """
    codes = [code for code, _name in settings.LANGUAGES]
    paths = hidden_paths(request_user(request))

    def visible(candidate):
        return not any(candidate.path.startswith(p) for p in paths)

    # Ancestors below the tree root, nearest first; their paths come from the page's own.
    prefixes = [page.path[: Page.steplen * depth] for depth in range(page.depth - 1, 1, -1)]
    keys = dict(Page.objects.filter(path__in=prefixes).values_list("path", "translation_key"))
    exact_key = page.translation_key if page.live and visible(page) else None
    chain = [exact_key] if exact_key else []
    chain += [keys[prefix] for prefix in prefixes if prefix in keys]
    translations = {}
    candidates = (
        Page.objects.filter(translation_key__in=chain, locale__language_code__in=codes)
        .live()
        .select_related("locale")
    )
    for copy in candidates:
        if visible(copy):
            translations[(copy.locale.language_code, copy.translation_key)] = copy
    targets = {}
    for code in codes:
        for key in chain:
            copy = translations.get((code, key))
            if copy is not None:
                # An alias shows the original's content: not a translation yet.
                targets[code] = (copy, key == exact_key and copy.alias_of_id is None)
                break
    missing = [code for code in codes if code not in targets]
    if missing:
        homes = (
            HomePage.objects.live()
            .filter(locale__language_code__in=missing)
            .select_related("locale")
            .order_by("path")
        )
        for home in homes:
            if visible(home):
                targets.setdefault(home.locale.language_code, (home, False))
    return targets


def translation_urls(page, request):
    """{language code: URL} for the footer's language links (see translation_targets).

    Where `page` has no translation the reader may see, the link is the page's own
    address under that language's prefix, which leads back to the page in its own
    language with a message (HomePage.route), as the header's form does; unless that
    language's tree has another page at that address, then the nearest translated page.
    """
    targets = translation_targets(page, request)
    urls = {}
    for code, (target, _exact) in targets.items():
        url = target.get_url(request)
        if url:
            urls[code] = url
    codes = [code for code, _name in settings.LANGUAGES]
    untranslated = [code for code in codes if not targets.get(code, (None, False))[1]]
    # The reader is looking at `page`; a home page's prefix already leads to it.
    if not untranslated or page.depth <= 2:
        return urls
    own_code = page.locale.language_code
    own_url = page.get_url(request) or ""
    if not own_url.startswith(f"/{own_code}/"):
        return urls
    home = Page.objects.filter(path=page.path[: Page.steplen * 2]).first()
    if home is None:
        return urls
    rest = page.url_path[len(home.url_path) :]
    homes = {
        h.locale.language_code: h
        for h in Page.objects.filter(translation_key=home.translation_key).select_related("locale")
    }
    candidates = {code: homes[code].url_path + rest for code in untranslated if code in homes}
    taken = (
        set(Page.objects.filter(url_path__in=candidates.values()).values_list("url_path", flat=True))
        if candidates
        else set()
    )
    for code in untranslated:
        if code == own_code or candidates.get(code) in taken:
            continue
        urls[code] = f"/{code}/" + own_url[len(f"/{own_code}/") :]
    return urls


# language_switch_url outcomes
SWITCHED = "switched"  # the page in the chosen language
UNTRANSLATED = "untranslated"  # no translation: the same page, in its own language
NEAREST = "nearest"  # the reader may not see this page: the nearest page they may see


def language_switch_url(request, url, language):
    """Where the header's language form sends a reader of `url` who chose `language`.

    Returns (url, outcome). Django pages (community, projects, accounts) exist in every
    language: the same page and query string under the new prefix (SWITCHED). A CMS
    page goes to its translation when the reader may see one (SWITCHED); when it has
    none, the reader stays on the same page, in its own language (UNTRANSLATED), never
    a 404; a page the reader may not see leads to the nearest translated ancestor or
    the language's home page (NEAREST). `url` must already be known to be on this site.
    """
    parts = urlsplit(url)
    path = parts.path or "/"
    current = translation.get_language_from_path(path)
    if current is None:
        # Not a language-prefixed page: the same address, which follows the new cookie.
        return urlunsplit(("", "", path, parts.query, parts.fragment)), SWITCHED
    with translation.override(language):
        home = reverse("home")
    with translation.override(current):
        try:
            match = resolve(unquote(path))
        except Resolver404:
            return home, NEAREST
        if match.url_name not in ("wagtail_serve", "home"):
            with translation.override(language):
                try:
                    switched = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
                except NoReverseMatch:
                    return home, NEAREST
            return urlunsplit(("", "", switched, parts.query, parts.fragment)), SWITCHED
        page = Page.find_for_request(request, match.args[0] if match.args else "")
    if page is None:
        return home, NEAREST
    target = translation_targets(page, request).get(language)
    target_url = target[0].get_url(request) if target else None
    if target_url and target[1]:
        return urlunsplit(("", "", target_url, parts.query, "")), SWITCHED
    own_url = page.get_url(request) if can_view_page(request_user(request), page) else None
    if own_url:
        return urlunsplit(("", "", own_url, parts.query, parts.fragment)), UNTRANSLATED
    return (target_url or home), NEAREST


def untranslated_message():
    """What a reader is told when a page is shown in its own language instead of theirs."""
    return gettext(
        "This page is not translated into this language yet, so it is shown in its own language."
    )


def page_in_another_language(home, request, path_components):
    """The page a language-prefixed address names in another language's tree, or None.

    /az/resources/guide/ when the Azerbaijani tree has no such page: the live page the
    reader may see at that path under another language's home (its own translation
    into the address's language first, if it has one under another slug).
    """
    for other in home.get_translations().live().select_related("locale").order_by("path"):
        try:
            # Page's own routing: the other home's fallback must not come back here.
            found = Page.route(other.specific, request, path_components).page
        except Http404:
            continue
        if not can_view_page(request_user(request), found):
            continue
        own = (
            Page.objects.live()
            .filter(translation_key=found.translation_key, locale_id=home.locale_id, alias_of__isnull=True)
            .first()
        )
        if own is not None and can_view_page(request_user(request), own):
            return own, True
        return found, False
    return None


@page_context(CmsPage)
def translations_context(page, request):
    """The footer's language links of every CMS page."""
    return {"translations": translation_urls(page, request)}


@address_fallback
def moved_to_another_language(home, request, path_components):
    """The page an address of `home`'s tree names in another tree, and what the reader is told."""
    found = page_in_another_language(home, request, path_components)
    if found is None:
        return None
    page, translated = found
    return page, None if translated else untranslated_message()
