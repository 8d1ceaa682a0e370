"""Editors' page forms where the admin's defaults are not enough."""

import zoneinfo

from django.utils import timezone
from wagtail.admin.forms import WagtailAdminPageForm

EVENT_TIME_FIELDS = ("start", "end", "registration_opens", "registration_closes")


def _zone(name):
    try:
        return zoneinfo.ZoneInfo(name or "")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


class EventPageForm(WagtailAdminPageForm):
    """An event's times are entered and shown in the event's own time zone, and stored in UTC.

    Django reads a typed date and time in the active time zone (the editor's or UTC);
    here the typed wall-clock time is taken as the event's: 15:00 with Asia/Baku is
    stored as 11:00 UTC, and shown back as 15:00.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zone = _zone(getattr(self.instance, "time_zone", None))
        if zone is None:
            return
        for name in EVENT_TIME_FIELDS:
            value = self.initial.get(name)
            if name in self.fields and value is not None and timezone.is_aware(value):
                self.initial[name] = timezone.localtime(value, zone).replace(tzinfo=None)

    def clean(self):
        cleaned = super().clean()
        zone = _zone(cleaned.get("time_zone"))
        if zone is None:
            return cleaned  # the time zone field carries its own error
        for name in EVENT_TIME_FIELDS:
            value = cleaned.get(name)
            if name in self.fields and value is not None:
                wall = timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
                cleaned[name] = timezone.make_aware(wall, zone)
        return cleaned
