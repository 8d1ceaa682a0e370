"""RSS and Atom feeds for news and events of one language; only pages anyone may see.

Links are absolute from the Wagtail Site or SITE_URL (cms/links.py), not the request's host.
"""

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import selectors, translations
from .links import absolute_url, page_full_url
from .models import EventPage, NewsPage

FEED_SIZE = 30


class _PageFeed(Feed):
    def get_object(self, request, *args, **kwargs):
        self.request = request
        return (get_language() or "en").split("-")[0]

    def link(self, language):
        home = translations.home_for_locale(language)
        return (page_full_url(home, self.request) if home else None) or absolute_url("/")

    def feed_url(self, language):
        return absolute_url(self.request.path, self.request)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # RSS <description> and Atom <summary type="html"> are read as HTML: the summary is text
        return escape(item.summary)

    def item_link(self, item):
        return page_full_url(item, self.request)


class NewsFeed(_PageFeed):
    def title(self, language):
        return _("Teacher Commons: news")

    def description(self, language):
        return _("News from Teacher Commons.")

    def items(self, language):
        return selectors.public_items(NewsPage, language).order_by("-date", "-pk")[:FEED_SIZE]

    def item_pubdate(self, item):
        return item.first_published_at


class EventFeed(_PageFeed):
    def title(self, language):
        return _("Teacher Commons: events")

    def description(self, language):
        return _("Upcoming conferences, workshops, symposiums and webinars.")

    def items(self, language):
        return (
            selectors.public_items(EventPage, language)
            .filter(end__gte=timezone.now() - timezone.timedelta(days=90))
            .order_by("-start", "-pk")[:FEED_SIZE]
        )

    def item_pubdate(self, item):
        return item.first_published_at

    def item_description(self, item):
        start = timezone.localtime(item.start, item.zone)
        return escape(f"{start:%Y-%m-%d %H:%M} ({item.time_zone}). {item.summary}")


class NewsAtomFeed(NewsFeed):
    feed_type = Atom1Feed
    subtitle = NewsFeed.description


class EventAtomFeed(EventFeed):
    feed_type = Atom1Feed
    subtitle = EventFeed.description
