"""A day before an event, everyone registered gets one reminder with the calendar file, in
their language; digests list the coming week's events with the same file."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from cms import reminders
from cms.models import EventRegistration, EventReminder
from community import digests
from community.models import Profile

from . import factories

pytestmark = pytest.mark.django_db


def registered(event, language="en", **account):
    person = factories.user(**account)
    Profile.objects.update_or_create(
        user=person, defaults={"display_name": "Leyla Həsənova", "interface_language": language}
    )
    EventRegistration.objects.create(event=event, user=person)
    return person


def test_a_reminder_goes_once_a_day_before_with_the_calendar_file(tree):
    event = factories.event(tree["events"], "Inclusive classroom workshop", days=0, hours=3,
                            start=timezone.now() + timedelta(hours=20))
    event.save_revision().publish()
    person = registered(event, "ru")
    mail.outbox.clear()
    assert reminders.send_due_reminders() == 1
    [message] = mail.outbox
    assert message.to == [person.email]
    assert message.subject == "Завтра: Inclusive classroom workshop"
    assert "Ganja" in message.body
    [(filename, content, mimetype)] = message.attachments
    assert filename.endswith(".ics") and mimetype == "text/calendar"
    assert "BEGIN:VEVENT" in content and "SUMMARY:Inclusive classroom workshop" in content
    # The scheduler's next ticks send nothing more.
    assert reminders.send_due_reminders() == 0
    assert reminders.send_due_reminders(timezone.now() + timedelta(hours=5)) == 0
    assert len(mail.outbox) == 1
    assert EventReminder.objects.get().sent_at is not None


def test_no_reminder_too_early_nor_for_cancelled_or_unconfirmed(tree):
    later = factories.event(tree["events"], days=3)
    later.save_revision().publish()
    soon = factories.event(tree["events"], days=0, start=timezone.now() + timedelta(hours=10))
    soon.save_revision().publish()
    registered(later)
    cancelled = registered(soon)
    EventRegistration.objects.filter(user=cancelled).update(status=EventRegistration.CANCELLED)
    unconfirmed = registered(soon)
    type(unconfirmed).objects.filter(pk=unconfirmed.pk).update(email_confirmed=False)
    mail.outbox.clear()
    assert reminders.send_due_reminders() == 0
    assert mail.outbox == []


def test_the_weekly_digest_lists_registered_events_with_their_calendar_file(tree):
    event = factories.event(tree["events"], "Regional conference of rural schools", days=4)
    event.save_revision().publish()
    person = registered(event, "en")
    mail.outbox.clear()
    now = timezone.now()
    for profile, period in digests.due(now):
        digests.send_digest(profile, period, now)
    [message] = [m for m in mail.outbox if m.to == [person.email]]
    assert "Your events in the coming week" in message.body
    assert "Regional conference of rural schools" in message.body
    assert any(name.endswith(".ics") for name, _content, _type in message.attachments)
