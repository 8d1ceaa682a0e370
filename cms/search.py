"""The one site search: CMS pages plus whatever other apps contribute.

How another app joins the results
---------------------------------
Append a dotted path to ``settings.SITE_SEARCH_PROVIDERS`` pointing at::

    def search_for(query, *, user, filters) -> list[dict]

Each dict has ``title``, ``url``, ``kind`` (a short machine name such as
"community", "message", "project"), ``kind_label`` (translated, shown to the
reader), ``summary`` (plain text) and ``date`` (a datetime or None).
``filters`` may hold ``"type"`` (a kind; return [] when it is not yours) and
``"language"`` (a language code, present only when the searcher picked one).
A provider must never return something ``user`` may not see. Providers are called in the order listed; a provider
that raises is logged and skipped, so one broken app cannot break search.

CMS results come first, by relevance, then each provider's results in order;
the merged list is paginated by the search view.

Unless a language is picked (or "any language"), CMS pages are searched in
``default_language`` (the interface language) plus the pages that have no
translation in it that the searcher may see, so a page and its translation are
not both listed and content that exists only in another language is still found.
"""

import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from .permissions import hidden_paths

logger = logging.getLogger(__name__)

MAX_CMS_RESULTS = 200


def cms_kinds():
    from .models import EventPage, NewsPage, ResourcePage, StandardPage

    return {
        "resource": (ResourcePage, _("Resource")),
        "event": (EventPage, _("Event")),
        "news": (NewsPage, _("News")),
        "page": (StandardPage, _("Page")),
    }


def type_choices():
    """(kind, label) for the type filter: CMS kinds plus the known provider kinds."""
    choices = [(kind, label) for kind, (_model, label) in cms_kinds().items()]
    extra = {
        "community": _("Community"),
        "message": _("Message"),
        "project": _("Project"),
    }
    choices += list(extra.items())
    return choices


def _in_locale_or_untranslated(queryset, locale, paths):
    """Pages of `queryset` in `locale`, or with no live translation in it outside `paths`.

    Filters on the locale itself, not its language code: the search index can
    filter on the page's own fields only.
    """
    translated = Page.objects.live().filter(locale=locale)
    for path in paths:
        translated = translated.exclude(path__startswith=path)
    return queryset.filter(
        Q(locale=locale) | ~Q(translation_key__in=translated.values("translation_key"))
    )


def search_pages(query, *, user, filters, default_language=None):
    """Live CMS pages `user` may see that match `query`, as result dicts."""
    from .models import EventPage, NewsPage, ResourcePage

    filters = filters or {}
    kinds = cms_kinds()
    kind = filters.get("type") or ""
    if kind and kind not in kinds:
        return []
    query = (query or "").strip()
    if not query:
        return []
    base = Page.objects.live().filter(depth__gt=2)
    if kind:
        base = base.filter(content_type=ContentType.objects.get_for_model(kinds[kind][0]))
    else:
        base = base.filter(
            content_type__in=ContentType.objects.get_for_models(
                *[m for m, _label in kinds.values()]
            ).values()
        )
    paths = hidden_paths(user)
    locales = {locale.pk: locale for locale in Locale.objects.all()}
    by_code = {locale.language_code: locale for locale in locales.values()}
    if filters.get("language"):
        if filters["language"] not in by_code:
            return []
        base = base.filter(locale=by_code[filters["language"]])
    elif default_language in by_code:
        base = _in_locale_or_untranslated(base, by_code[default_language], paths)
    try:
        hits = [p.pk for p in base.search(query, operator="and")[:MAX_CMS_RESULTS]]
    except Exception:  # noqa: BLE001 - an unreadable query falls back to a plain match
        logger.info("search backend refused %r", query)
        hits = []
    if not hits:
        hits = list(
            base.filter(title__icontains=query).values_list("pk", flat=True)[:MAX_CMS_RESULTS]
        )
    # Visibility and topic are checked by the ORM on the hits, whatever the index holds.
    allowed = Page.objects.filter(pk__in=hits).live()
    for path in paths:
        allowed = allowed.exclude(path__startswith=path)
    topic = filters.get("topic")
    if topic:
        allowed = allowed.filter(
            pk__in=[
                *ResourcePage.objects.filter(topics__slug=topic).values_list("pk", flat=True),
                *EventPage.objects.filter(topics__slug=topic).values_list("pk", flat=True),
                *NewsPage.objects.filter(topics__slug=topic).values_list("pk", flat=True),
            ]
        )
    pages = {}
    for page in allowed.specific():
        page.locale = locales[page.locale_id]  # URLs need the locale; one query, not one per page
        pages[page.pk] = page
    labels = {model: (name, label) for name, (model, label) in kinds.items()}
    results = []
    for pk in hits:
        page = pages.get(pk)
        if page is None:
            continue
        name, label = labels.get(type(page), ("page", _("Page")))
        date = getattr(page, "start", None) or page.last_published_at
        results.append(
            {
                "title": page.title,
                "url": page.url,
                "kind": name,
                "kind_label": label,
                "summary": getattr(page, "summary", "") or "",
                "date": date,
                "language": page.locale.language_code,
            }
        )
    return results


def site_search(query, *, user, filters, default_language=None):
    """CMS results, then every provider's, merged into one list.

    `default_language` applies to CMS pages only, when `filters` has no language.
    """
    results = search_pages(query, user=user, filters=filters, default_language=default_language)
    if filters.get("topic"):
        return results  # topics belong to CMS content only
    for path in getattr(settings, "SITE_SEARCH_PROVIDERS", []):
        try:
            provider = import_string(path)
            results.extend(provider(query, user=user, filters=dict(filters)) or [])
        except ImportError:
            logger.warning("search provider %s cannot be imported", path)
        except Exception:  # noqa: BLE001
            logger.exception("search provider %s failed", path)
    return results
