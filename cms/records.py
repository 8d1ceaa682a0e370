"""Learning-record section: events a teacher attended, with hours (settings.LEARNING_RECORD_SECTIONS)."""

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import EventRegistration


def _plural_count(hours):
    """The count that picks the plural form for `hours`: whole hours as they are; a fraction
    (1.5) takes the form of 2 in English, Azerbaijani and Russian ("1,5 часа")."""
    return int(hours) if float(hours).is_integer() else 2


def _hours(hours):
    return number_format(hours, 0 if float(hours).is_integer() else 1)


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
                "detail": ngettext(
                    "%(kind)s attended, %(hours)s hour",
                    "%(kind)s attended, %(hours)s hours",
                    _plural_count(hours),
                )
                % {"kind": event.get_kind_display(), "hours": _hours(hours)},
                "hours": float(hours),
            }
        )
    return {
        "key": "events",
        "title": _("Events attended"),
        "items": items,
        "total_hours": round(total, 1),
    }
