"""The digest's section for events (settings.DIGEST_SECTIONS): events the teacher registered
for that start in the coming week, each with its calendar file attached. Read at sending time:
a cancelled registration or an event the teacher may no longer see is left out."""

import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .ics import event_calendar, event_filename
from .links import page_full_url
from .models import EventRegistration
from .permissions import can_view_page

AHEAD = datetime.timedelta(days=8)
LIMIT = 10


def upcoming_registrations(user, *, after, before):
    return (
        EventRegistration.objects.filter(
            user=user,
            status=EventRegistration.CONFIRMED,
            event__live=True,
            event__start__gt=after,
            event__start__lte=before,
        )
        .select_related("event")
        .order_by("event__start")
    )


def event_when(event):
    """"Tuesday 8 December, 10:00" in the active language and time zone."""
    return date_format(timezone.localtime(event.start), "l j E, H:i")


def event_place(event):
    return event.venue or (_("Online") if event.online_url else "")


def digest_section(user, *, since, until):
    items, attachments = [], []
    for registration in upcoming_registrations(user, after=until, before=until + AHEAD)[:LIMIT]:
        event = registration.event
        if not can_view_page(user, event):
            continue
        shown = event.localized  # the reader's language where the event has a translation
        if not shown.live:
            shown = event
        url = page_full_url(shown) or ""
        items.append(
            {
                "title": shown.title,
                "url": url,
                "detail": " · ".join(filter(None, [event_when(event), event_place(event)])),
                "lines": [shown.summary] if shown.summary else [],
            }
        )
        attachments.append((event_filename(event), event_calendar(shown, url), "text/calendar"))
    return {
        "key": "events",
        "title": _("Your events in the coming week"),
        "items": items,
        "attachments": attachments,
    }
