"""Reads for CMS pages: listings with their related rows loaded, bounded queries."""

import logging
from urllib.parse import unquote, urlsplit, urlunsplit

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.module_loading import import_string
from django.utils.translation import npgettext
from wagtail.models import Locale, Page

from .permissions import hidden_paths, visible_pages

logger = logging.getLogger(__name__)

PAGE_SIZE = 12


def _user(request):
    from django.contrib.auth.models import AnonymousUser

    return getattr(request, "user", None) or AnonymousUser()


def _paginate(request, queryset, per_page=PAGE_SIZE, param="page"):
    return Paginator(queryset, per_page).get_page(request.GET.get(param))


def _visible_children(index_page, model, request):
    return visible_pages(model.objects.child_of(index_page), _user(request)).select_related(
        "locale"
    )


# --- translations for the language switcher ---------------------------------------------
def home_for_locale(language_code):
    """The live home page of a language, or None."""
    from .models import HomePage

    return HomePage.objects.live().filter(locale__language_code=language_code).first()


def translation_targets(page, request):
    """{language code: (page, exact)}: where the language switchers send a reader of `page`.

    The target is `page`'s own translation when it is live and the reader may see it
    (exact is True); otherwise the nearest ancestor with a live page in that language,
    and at worst that language's home page (exact is False; so too when the page's
    copy in that language is an alias, still showing the original). A language with
    no live home page is missing. Three queries, plus the reader's restrictions.
    """
    from .models import HomePage

    codes = [code for code, _name in settings.LANGUAGES]
    paths = hidden_paths(_user(request))

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
    from .permissions import can_view_page

    own_url = page.get_url(request) if can_view_page(_user(request), page) else None
    if own_url:
        return urlunsplit(("", "", own_url, parts.query, parts.fragment)), UNTRANSLATED
    return (target_url or home), NEAREST


def untranslated_message():
    """What a reader is told when a page is shown in its own language instead of theirs."""
    from django.utils.translation import gettext

    return gettext(
        "This page is not translated into this language yet, so it is shown in its own language."
    )


def page_in_another_language(home, request, path_components):
    """The page a language-prefixed address names in another language's tree, or None.

    /az/resources/guide/ when the Azerbaijani tree has no such page: the live page the
    reader may see at that path under another language's home (its own translation
    into the address's language first, if it has one under another slug).
    """
    from .permissions import can_view_page

    for other in home.get_translations().live().select_related("locale").order_by("path"):
        try:
            # Page's own routing: the other home's fallback must not come back here.
            found = Page.route(other.specific, request, path_components).page
        except Http404:
            continue
        if not can_view_page(_user(request), found):
            continue
        own = (
            Page.objects.live()
            .filter(translation_key=found.translation_key, locale_id=home.locale_id, alias_of__isnull=True)
            .first()
        )
        if own is not None and can_view_page(_user(request), own):
            return own, True
        return found, False
    return None


# --- home ---------------------------------------------------------------------------------
def _call_hook(path, *args, **kwargs):
    try:
        return import_string(path)(*args, **kwargs)
    except ImportError:
        logger.warning("hook %s cannot be imported", path)
    except Exception:  # noqa: BLE001 - one broken section must not take the home page down
        logger.exception("hook %s failed", path)
    return None


def home_context(home, request):
    """The home page's listings, counts and sections. They depend on the rows and on which
    restricted subtrees the reader may not see, nothing else: readers who see the same pages
    share one copy until anything changes (community.pagecache.remember)."""
    from community import pagecache

    user = _user(request)
    paths = hidden_paths(user)
    return pagecache.remember(
        f"home:{home.pk}:{'|'.join(sorted(paths))}", lambda: _home_context(home, request, user)
    )


def _home_context(home, request, user):
    from .models import EventPage, EventRegistration, NewsPage, ResourcePage

    featured = [
        item.resource
        for item in home.featured_resources.select_related("resource__locale").prefetch_related(
            "resource__topics"
        )
        if item.resource.live and item.resource.path.startswith(home.path)
    ]
    paths = hidden_paths(user)
    featured = [r for r in featured if not any(r.path.startswith(p) for p in paths)]
    if not featured:
        featured = list(
            visible_pages(ResourcePage.objects.descendant_of(home), user)
            .select_related("locale")
            .prefetch_related("topics")
            .order_by("-first_published_at")[:3]
        )
    upcoming = list(
        visible_pages(EventPage.objects.descendant_of(home), user)
        .select_related("locale")
        .filter(end__gte=timezone.now())
        .order_by("start")[:3]
    )
    news = list(
        visible_pages(NewsPage.objects.descendant_of(home), user)
        .select_related("locale")
        .order_by("-date", "-pk")[:3]
    )
    public_resources = visible_pages(ResourcePage.objects.descendant_of(home), user)
    resources = public_resources.count()
    events = visible_pages(EventPage.objects.descendant_of(home), user).count()
    registrations = EventRegistration.objects.filter(status=EventRegistration.CONFIRMED).count()
    # The label follows its number's plural form (1 мероприятие, 2 мероприятия, 5 мероприятий).
    stats = [
        (npgettext("home statistics", "resource", "resources", resources), resources),
        (npgettext("home statistics", "event", "events", events), events),
        (
            npgettext(
                "home statistics", "event registration", "event registrations", registrations
            ),
            registrations,
        ),
    ]
    sections = []
    for path in getattr(settings, "HOME_PAGE_SECTIONS", []):
        section = _call_hook(path, request)
        if section:
            sections.append(section)
    for section in sections:
        stats.extend((section.get("stats") or [])[:2])  # a few headline numbers, not every count
    return {
        "featured_resources": featured,
        "upcoming_events": upcoming,
        "latest_news": news,
        "home_sections": sections,
        "headline_stats": stats,
        **_index_children(home),
    }


def _index_children(home):
    """The home page's first live resource, event and news index pages: one query."""
    from django.contrib.contenttypes.models import ContentType

    from .models import EventIndexPage, NewsIndexPage, ResourceIndexPage

    kinds = {
        ContentType.objects.get_for_model(model).pk: key
        for key, model in (
            ("resource_index", ResourceIndexPage),
            ("event_index", EventIndexPage),
            ("news_index", NewsIndexPage),
        )
    }
    found = dict.fromkeys(kinds.values())
    for page in home.get_children().live().filter(content_type_id__in=kinds).order_by("-path"):
        found[kinds[page.content_type_id]] = page  # the first in the tree's order wins
    return found


def section_indexes(request):
    """The resource, event and news index pages of the current language, for the navigation.

    One query for the three kinds in every language, on every page: base `Page` rows (no
    specific-model join), their URLs from the request's cached site root paths.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.utils.translation import get_language
    from wagtail.models import Page

    from .models import EventIndexPage, NewsIndexPage, ResourceIndexPage

    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    kinds = {
        ContentType.objects.get_for_model(model).pk: key
        for key, model in (
            ("resources", ResourceIndexPage),
            ("events", EventIndexPage),
            ("news", NewsIndexPage),
        )
    }
    found = {}
    for page in (
        Page.objects.live()
        .filter(content_type_id__in=kinds)
        .select_related("locale")
        .order_by("path")
    ):
        found[(kinds[page.content_type_id], page.locale.language_code)] = page
    out = {}
    for key in ("resources", "events", "news"):
        page = found.get((key, language)) or found.get((key, settings.LANGUAGE_CODE))
        out[key] = page.get_url(request) if page else None
    return out


# --- topics -------------------------------------------------------------------------------------
def _language(language=None):
    from django.utils.translation import get_language

    return (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]


def topic_choices(language=None):
    """Every topic once, named in `language` (the active one) where translated, else in the
    default language, else its only one; ordered by that name. One query."""
    from .models import Topic

    code = _language(language)
    default = settings.LANGUAGE_CODE.split("-")[0]

    def rank(topic):
        return {code: 0, default: 1}.get(topic.locale.language_code, 2)

    chosen = {}
    for topic in Topic.objects.select_related("locale"):
        current = chosen.get(topic.translation_key)
        if current is None or rank(topic) < rank(current):
            chosen[topic.translation_key] = topic
    return sorted(chosen.values(), key=lambda t: t.name.casefold())


def topic_names(request, language=None):
    """{translation key: name} of the topics translated into `language`; once per request."""
    from .models import Topic

    code = _language(language)
    memo = getattr(request, "_cms_topic_names", None) if request is not None else None
    if memo is None:
        memo = {}
        if request is not None:
            request._cms_topic_names = memo
    if code not in memo:
        memo[code] = dict(
            Topic.objects.filter(locale__language_code=code).values_list("translation_key", "name")
        )
    return memo[code]


def localized_topics(topics, request, language=None):
    """`topics` (a page's) as (slug, name) pairs named in the reader's language where translated."""
    from types import SimpleNamespace

    names = topic_names(request, language)
    return [
        SimpleNamespace(slug=t.slug, name=names.get(t.translation_key, t.name)) for t in topics
    ]


# --- resources ------------------------------------------------------------------------------
def resource_filters(request):
    from .models import ResourcePage

    return {
        "topic": request.GET.get("topic", ""),
        "format": request.GET.get("format", ""),
        "language": request.GET.get("language", ""),
        "audience": request.GET.get("audience", ""),
        "q": (request.GET.get("q") or "").strip()[:200],
        "choices": {
            "topics": topic_choices(),
            "formats": ResourcePage.FORMATS,
            "languages": settings.LANGUAGES,
            "audiences": ResourcePage.AUDIENCES,
        },
    }


def resources_for(index_page, request, filters):
    from .models import ResourcePage

    qs = _visible_children(index_page, ResourcePage, request)
    if filters["topic"]:
        qs = qs.filter(topics__slug=filters["topic"])
    if filters["format"]:
        qs = qs.filter(resource_format=filters["format"])
    if filters["language"]:
        qs = qs.filter(content_language=filters["language"])
    if filters["audience"]:
        qs = qs.filter(Q(audience=filters["audience"]) | Q(audience="all"))
    if filters["q"]:
        qs = qs.filter(Q(title__icontains=filters["q"]) | Q(summary__icontains=filters["q"]))
    return qs.distinct().order_by("-first_published_at", "-pk").prefetch_related("topics")


def resource_listing(index_page, request):
    filters = resource_filters(request)
    page = _paginate(request, resources_for(index_page, request, filters))
    query = urlencode(
        {k: filters[k] for k in ("topic", "format", "language", "audience", "q") if filters[k]}
    )
    return {"resources": page, "filters": filters, "query": query}


# --- events -----------------------------------------------------------------------------------
def event_listing(index_page, request):
    from .models import EventPage

    now = timezone.now()
    events = _visible_children(index_page, EventPage, request).prefetch_related("topics")
    events = events.annotate(
        registered_count=Count(
            "registrations", filter=Q(registrations__status="confirmed"), distinct=True
        )
    )
    upcoming = events.filter(end__gte=now).order_by("start", "pk")
    past = events.filter(end__lt=now).order_by("-start", "-pk")
    return {
        "upcoming_events": _paginate(request, upcoming, param="upcoming"),
        "past_events": _paginate(request, past, param="past"),
    }


def event_context(event, request):
    from .models import EventRegistration
    from .permissions import can_mark_attendance

    user = _user(request)
    registration = None
    if user.is_authenticated:
        registration = EventRegistration.objects.filter(event=event, user=user).first()
    confirmed = EventRegistration.objects.filter(
        event=event, status=EventRegistration.CONFIRMED
    ).count()
    waiting_position = None
    if registration and registration.status == EventRegistration.WAITING:
        waiting_position = (
            EventRegistration.objects.filter(
                event=event,
                status=EventRegistration.WAITING,
                created_at__lt=registration.created_at,
            ).count()
            + 1
        )
    return {
        "registration": registration
        if registration and registration.status != EventRegistration.CANCELLED
        else None,
        "confirmed_count": confirmed,
        "places_left": None if event.capacity is None else max(event.capacity - confirmed, 0),
        "waiting_position": waiting_position,
        "registration_open": event.registration_is_open(),
        "sessions": list(event.sessions.all()),
        "organisers": list(event.organisers.all()),
        "partners": list(event.partners.all()),
        "can_mark_attendance": can_mark_attendance(user, event),
        "ics_url": reverse("cms:event_ics", args=[event.pk]),
        **_reader_times(event, user),
    }


def _reader_times(event, user):
    """The event's times in the reader's own time zone, when the project knows it and it differs."""
    import zoneinfo

    profile = getattr(user, "profile", None) if user.is_authenticated else None
    name = getattr(profile, "time_zone", "") or ""
    if not name or name == event.time_zone:
        return {"reader_zone": None}
    try:
        zone = zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return {"reader_zone": None}
    if timezone.localtime(event.start, zone).utcoffset() == event.local_start.utcoffset():
        return {"reader_zone": None}  # another name for the same clock
    return {
        "reader_zone": name,
        "reader_start": timezone.localtime(event.start, zone),
        "reader_end": timezone.localtime(event.end, zone),
    }


def attendance_list(event):
    from .models import EventRegistration

    return (
        EventRegistration.objects.filter(event=event)
        .exclude(status=EventRegistration.CANCELLED)
        .select_related("user__profile")
        .order_by("status", "created_at", "pk")
    )


# --- news ---------------------------------------------------------------------------------------
def news_listing(index_page, request):
    from .models import NewsPage

    qs = (
        _visible_children(index_page, NewsPage, request)
        .order_by("-date", "-pk")
        .prefetch_related("topics")
    )
    category = request.GET.get("category", "")
    if category:
        qs = qs.filter(category=category)
    return {
        "news_items": _paginate(request, qs),
        "category": category,
        "categories": NewsPage.CATEGORIES,
        "query": urlencode({"category": category}) if category else "",
    }


# --- feeds --------------------------------------------------------------------------------------
def public_items(model, language_code, limit=30):
    """Live pages anyone may see (feeds are read anonymously)."""
    from django.contrib.auth.models import AnonymousUser

    qs = visible_pages(model.objects.all(), AnonymousUser()).filter(
        locale__language_code=language_code
    )
    return qs


# --- documents ------------------------------------------------------------------------------------
def _stream_document_ids(data):
    ids = set()
    if isinstance(data, str):
        # Rich text: <a linktype="document" id="N">.
        from wagtail.rich_text.rewriters import FIND_A_TAG, extract_attrs

        for attrs in map(extract_attrs, FIND_A_TAG.findall(data)):
            if attrs.get("linktype") == "document" and str(attrs.get("id", "")).isdigit():
                ids.add(int(attrs["id"]))
    elif isinstance(data, dict):
        if data.get("type") == "document" and isinstance(data.get("value"), dict):
            doc = data["value"].get("document")
            if isinstance(doc, int):
                ids.add(doc)
        for value in data.values():
            ids |= _stream_document_ids(value)
    elif isinstance(data, list):
        for value in data:
            ids |= _stream_document_ids(value)
    return ids


def document_ids_on_pages(pages):
    """Ids of documents attached to or embedded in `pages` (any page types)."""
    from .models import EventPage, HomePage, NewsPage, ResourceDocument, ResourcePage, StandardPage

    page_ids = list(pages.values_list("pk", flat=True))
    if not page_ids:
        return set()
    ids = set(
        ResourceDocument.objects.filter(page_id__in=page_ids).values_list("document_id", flat=True)
    )
    ids |= set(
        EventPage.objects.filter(pk__in=page_ids, slides__isnull=False).values_list(
            "slides_id", flat=True
        )
    )
    for model in (ResourcePage, EventPage, NewsPage, StandardPage, HomePage):
        for body in model.objects.filter(pk__in=page_ids).values_list("body", flat=True):
            ids |= _stream_document_ids(_raw(body))
    return ids


def _raw(body):
    raw = getattr(body, "raw_data", body)
    if isinstance(raw, str):
        import json

        try:
            return json.loads(raw)
        except ValueError:
            return []
    return list(raw) if raw is not None else []


def all_locales():
    return list(Locale.objects.all())
