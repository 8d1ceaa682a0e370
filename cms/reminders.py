"""Event reminders: a day before an event starts, each confirmed registration gets one e-mail in
the teacher's language and time zone, with the event's calendar file.

An `EventReminder` row is written before the e-mail goes out (one per registration), so a second
run, or a second scheduler, sends nothing twice; a failed send deletes the row so the next run
retries. The same accounts as for digests are left out: inactive, unconfirmed, bouncing.
"""

import datetime
import logging

from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from community.digests import mailable_profiles, zone_of

from .digest import event_place, event_when
from .ics import event_calendar, event_filename
from .links import page_full_url
from .models import EventRegistration, EventReminder
from .permissions import can_view_page

logger = logging.getLogger(__name__)

AHEAD = datetime.timedelta(hours=24)


def due_registrations(now):
    return (
        EventRegistration.objects.filter(
            status=EventRegistration.CONFIRMED,
            event__live=True,
            event__start__gt=now,
            event__start__lte=now + AHEAD,
            reminder__isnull=True,
            user__profile__in=mailable_profiles(),
        )
        .select_related("event", "user__profile")
        .order_by("event__start", "id")
    )


def reminder_email(registration):
    """The reminder, built in the active language and time zone."""
    event, user = registration.event, registration.user
    shown = event.localized
    if not shown.live:
        shown = event
    url = page_full_url(shown) or ""
    context = {
        "name": user.profile.display_name,
        "event": shown,
        "when": event_when(event),
        "place": event_place(event),
        "online_url": event.online_url,
        "url": url,
    }
    message = EmailMessage(
        subject=_("Tomorrow: %(title)s") % {"title": shown.title},
        body=render_to_string("email/event_reminder.txt", context),
        to=[user.email],
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach(event_filename(event), event_calendar(shown, url), "text/calendar")
    return message


def send_reminder(registration):
    """Send one registration's reminder unless it went already; True when sent."""
    try:
        with transaction.atomic():
            row = EventReminder.objects.create(registration=registration)
    except IntegrityError:
        return False
    profile = registration.user.profile
    try:
        if not can_view_page(registration.user, registration.event):
            return False  # the row stays: nothing to remind of
        with translation.override(profile.interface_language), timezone.override(
            zone_of(profile.time_zone)
        ):
            reminder_email(registration).send()
    except Exception:
        row.delete()
        raise
    EventReminder.objects.filter(pk=row.pk).update(sent_at=timezone.now())
    return True


def send_due_reminders(now=None):
    sent = 0
    for registration in due_registrations(now or timezone.now()):
        try:
            sent += send_reminder(registration)
        except Exception:
            logger.exception("reminder for registration %s failed", registration.pk)
    return sent
