"""Background work for the CMS (django-tasks; immediate backend unless configured).

Scheduled publishing: Wagtail records a page's go-live and expiry times but
publishes and unpublishes nothing by itself; its `publish_scheduled` command
does. `publish_scheduled_pages` runs it as a task, and `manage.py run_scheduler`
(started by `make run` beside Daphne; one process in production, see README)
enqueues it every SCHEDULED_PUBLISHING_INTERVAL seconds.
"""

from io import StringIO

from django.core.management import call_command
from django_tasks import task


@task()
def publish_scheduled_pages():
    """Publish what is due to go live and unpublish what has expired (pages and snippets)."""
    call_command("publish_scheduled", stdout=StringIO())
