"""Learning-record section: events a teacher attended, with hours (settings.LEARNING_RECORD_SECTIONS)."""

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .models import EventRegistration


def record_section(user):
    rows = (
        EventRegistration.objects.filter(
            user=user, attended=True, status=EventRegistration.CONFIRMED
        )
        .select_related("event")
        .order_by("-event__start")
    )
    items = []
    total = 0
    for row in rows:
        event = row.event
        hours = event.learning_hours
        total += float(hours)
        items.append(
            {
                "title": event.title,
                "url": event.url or "",
                "date": event.start.date().isoformat(),
                "detail": _("%(kind)s attended, %(hours)s hours")
                % {"kind": event.get_kind_display(), "hours": number_format(hours, 1)},
                "hours": float(hours),
            }
        )
    return {
        "key": "events",
        "title": _("Events attended"),
        "items": items,
        "total_hours": round(total, 1),
    }
