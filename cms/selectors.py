"""Reads for CMS pages: listings with their related rows loaded, bounded queries."""

import logging
import zoneinfo
from types import SimpleNamespace

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.module_loading import import_string
from django.utils.translation import get_language, npgettext
from wagtail.models import Locale, Page

from community import pagecache

from .models import (
    EventIndexPage,
    EventPage,
    EventRegistration,
    HomePage,
    NewsIndexPage,
    NewsPage,
    ResourceIndexPage,
    ResourcePage,
    Topic,
    page_context,
)
from .permissions import can_mark_attendance, hidden_paths, request_user, visible_pages

logger = logging.getLogger(__name__)

PAGE_SIZE = 12


def _paginate(request, queryset, per_page=PAGE_SIZE, param="page"):
    return Paginator(queryset, per_page).get_page(request.GET.get(param))


def _visible_children(index_page, model, request):
    return visible_pages(model.objects.child_of(index_page), request_user(request)).select_related(
        "locale"
    )


# --- home ---------------------------------------------------------------------------------
def _call_hook(path, *args, **kwargs):
    try:
        return import_string(path)(*args, **kwargs)
    except ImportError:
        logger.warning("hook %s cannot be imported", path)
    except Exception:  # noqa: BLE001 - one broken section must not take the home page down
        logger.exception("hook %s failed", path)
    return None


@page_context(HomePage)
def home_context(home, request):
    """The home page's listings, counts and sections. They depend on the rows and on which
    restricted subtrees the reader may not see, nothing else: readers who see the same pages
    share one copy until anything changes (community.pagecache.remember)."""
    user = request_user(request)
    paths = hidden_paths(user)
    return pagecache.remember(
        f"home:{home.pk}:{'|'.join(sorted(paths))}", lambda: _home_context(home, request, user)
    )


def _home_context(home, request, user):
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
    return (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]


def topic_choices(language=None):
    """Every topic once, named in `language` (the active one) where translated, else in the
    default language, else its only one; ordered by that name. One query."""
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
    names = topic_names(request, language)
    return [
        SimpleNamespace(slug=t.slug, name=names.get(t.translation_key, t.name)) for t in topics
    ]


# --- resources ------------------------------------------------------------------------------
def resource_filters(request):
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


@page_context(ResourceIndexPage)
def resource_listing(index_page, request):
    filters = resource_filters(request)
    page = _paginate(request, resources_for(index_page, request, filters))
    query = urlencode(
        {k: filters[k] for k in ("topic", "format", "language", "audience", "q") if filters[k]}
    )
    return {"resources": page, "filters": filters, "query": query}


# --- events -----------------------------------------------------------------------------------
@page_context(EventIndexPage)
def event_listing(index_page, request):
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


@page_context(EventPage)
def event_context(event, request):
    user = request_user(request)
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
    return (
        EventRegistration.objects.filter(event=event)
        .exclude(status=EventRegistration.CANCELLED)
        .select_related("user__profile")
        .order_by("status", "created_at", "pk")
    )


# --- news ---------------------------------------------------------------------------------------
@page_context(NewsIndexPage)
def news_listing(index_page, request):
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
    qs = visible_pages(model.objects.all(), AnonymousUser()).filter(
        locale__language_code=language_code
    )
    return qs


def all_locales():
    return list(Locale.objects.all())
