"""Background work for the CMS (django-tasks; immediate backend unless configured).

Scheduled publishing: Wagtail records a page's go-live and expiry times but
publishes and unpublishes nothing by itself; its `publish_scheduled` command
does. `publish_scheduled_pages` runs it as a task, and `manage.py run_scheduler`
(started by `make run` beside Daphne; one process in production, see README)
enqueues it every SCHEDULED_PUBLISHING_INTERVAL seconds.

Event reminders: `send_event_reminders` (cms/reminders.py), enqueued by the same scheduler.
"""

from io import StringIO

from django.core.management import call_command
from django_tasks import task

from .reminders import send_due_reminders


@task()
def publish_scheduled_pages():
    """Publish what is due to go live and unpublish what has expired (pages and snippets)."""
    call_command("publish_scheduled", stdout=StringIO())


@task()
def send_event_reminders():
    """E-mail a reminder, with the calendar file, to everyone registered for an event that starts
    within a day (run by the scheduler; each registration is reminded once)."""
    return send_due_reminders()
