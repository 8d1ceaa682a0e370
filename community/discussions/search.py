"""Site search provider (settings.SITE_SEARCH_PROVIDERS): communities and messages the searcher may read.

Community and Message are `wagtail.search.index.Indexed`; Wagtail's signal
handlers keep the database search index up to date on every save() and
delete (services save through the ORM; `manage.py update_index` rebuilds it).
Both are searched through the index (words in their forms on PostgreSQL, whole
words on SQLite: config/search_backend.py). Communities are few, so a name or
description containing the text is found too; messages are many, so only the
index answers, and a plain `LIKE` is the fallback only when the backend cannot
read the query at all.
Whatever the index returns, results are filtered again here by the same
visibility rules as the pages: private communities and their messages never
appear for outsiders, nor held, hidden or deleted messages for anyone.
"""

import logging

from django.db.models import Q
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.search.backends import get_search_backend

from community.discussions.models import Community, Membership, Message, Room
from community.models import Language
from community.permissions import ambassador_region_ids, is_staff

logger = logging.getLogger(__name__)
MAX_RESULTS = 20
#: Communities are few (thousands): this many best hits, before the searcher's readable ones.
MAX_COMMUNITY_HITS = 200


def readable_community_ids(user):
    """Ids of the communities whose content `user` may read (public ones unless banned; private ones as member)."""
    condition = Q(visibility=Community.Visibility.PUBLIC)
    banned = []
    if user is not None and user.is_authenticated:
        if is_staff(user):
            return set(Community.objects.values_list("pk", flat=True))
        memberships = Membership.objects.filter(user=user)
        condition |= Q(
            pk__in=memberships.filter(state=Membership.State.ACTIVE).values("community_id")
        )
        regions = ambassador_region_ids(user)
        if regions:
            condition |= Q(region_id__in=regions)
        banned = list(
            memberships.filter(state=Membership.State.BANNED).values_list("community_id", flat=True)
        )
    return set(
        Community.objects.filter(condition).exclude(pk__in=banned).values_list("pk", flat=True)
    )


def _search(qs, query, *, limit=MAX_RESULTS, by_relevance=True):
    """The index's hits among `qs`, best first (or in `qs`'s order when not `by_relevance`);
    None when the backend cannot read the query."""
    try:
        backend = get_search_backend()
        found = backend.search(query, qs, operator="and", order_by_relevance=by_relevance)
        return list(found[:limit])
    except Exception:  # noqa: BLE001 - a query the backend cannot parse falls back to a plain filter
        logger.debug("search backend failed for %r", query, exc_info=True)
        return None


def search_for(query, *, user, filters):
    filters = filters or {}
    kind = filters.get("type")
    if kind and kind not in ("community", "message"):
        return []
    query = (query or "").strip()
    if not query:
        return []
    readable = readable_community_ids(user)
    language = filters.get("language")
    results = []
    if kind in (None, "", "community"):
        communities = Community.objects.all()
        if language:
            communities = communities.filter(
                language_id__in=Language.objects.filter(code=language).values("pk")
            )
        # The index filters on indexed fields only (not the primary key): the readable ones are
        # taken from its best hits, and a name or description containing the text is found too.
        found = _search(communities, query, limit=MAX_COMMUNITY_HITS) or []
        hits = [community for community in found if community.pk in readable][:MAX_RESULTS]
        hits = hits or list(
            communities.filter(pk__in=readable).filter(
                Q(name__icontains=query) | Q(description__icontains=query)
            )[:MAX_RESULTS]
        )
        for community in hits:
            if community.pk not in readable:
                continue
            results.append(
                {
                    "title": community.name,
                    "url": community.get_absolute_url(),
                    "kind": "community",
                    "kind_label": _("Community"),
                    "summary": Truncator(community.description).chars(240),
                    "date": community.last_activity_at,
                }
            )
    if kind in (None, "", "message"):
        rooms = Room.objects.filter(community_id__in=readable)
        if language:
            rooms = rooms.filter(community__language__code=language)
        # Filters on the message's own indexed fields only (FilterField), so that the index answers.
        messages = Message.objects.filter(
            room_id__in=rooms.values("pk"),
            status=Message.Status.PUBLISHED,
            deleted_at__isnull=True,
            hidden_at__isnull=True,
        )
        # Newest first, unranked: a common word matches a million messages, and ranking them all
        # to keep twenty is what made it slow.
        hits = _search(messages.order_by("-created_at"), query, by_relevance=False)
        if hits is None:
            hits = list(
                messages.filter(body__icontains=query).order_by("-created_at")[:MAX_RESULTS]
            )
        ids = [m.pk for m in hits]
        loaded = {
            m.pk: m
            for m in Message.objects.filter(pk__in=ids).select_related(
                "room__community", "author__profile"
            )
        }
        for pk in ids:
            message = loaded.get(pk)
            if (
                message is None
                or message.room.community_id not in readable
                or message.status != Message.Status.PUBLISHED
                or message.deleted_at
                or message.hidden_at
            ):
                continue
            author = message.author.display_name if message.author else ""
            results.append(
                {
                    "title": _("%(author)s in %(room)s · %(community)s")
                    % {
                        "author": author,
                        "room": message.room.title,
                        "community": message.room.community.name,
                    },
                    "url": message.get_absolute_url(),
                    "kind": "message",
                    "kind_label": _("Message"),
                    "summary": Truncator(strip_tags(message.body_html) or message.body).chars(240),
                    "date": message.created_at,
                }
            )
    return results
