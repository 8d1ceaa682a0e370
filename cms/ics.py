"""An event as an iCalendar file (RFC 5545): the event page's download and the attachment of
digests and reminders are the same file."""

from datetime import UTC

from django.utils import timezone


def _text(value):
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\n", "\\n")
    )


def _time(value):
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def event_calendar(event, url=""):
    """The VCALENDAR text of one event; `url` is the event page's absolute address."""
    place = event.venue or event.online_url
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Teacher Commons//Events//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:event-{event.pk}@teachercommons",
        f"DTSTAMP:{_time(timezone.now())}",
        f"DTSTART:{_time(event.start)}",
        f"DTEND:{_time(event.end)}",
        f"SUMMARY:{_text(event.title)}",
        f"DESCRIPTION:{_text(event.summary)}",
    ]
    if place:
        lines.append(f"LOCATION:{_text(place)}")
    if url:
        lines.append(f"URL:{url}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "\r\n".join(lines) + "\r\n"


def event_filename(event):
    return f"event-{event.pk}.ics"
