"""Run the site's periodic work until stopped: every task of settings.SCHEDULED_TASKS, each
at its own interval (scheduled publishing and expiry of pages, e-mail digests, event
reminders).

Exactly one of these should run per site. The digests and reminders would not go out twice
from two schedulers (each writes its delivery row first), but publishing would run twice.
"""

import signal
import threading
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils.module_loading import import_string


def scheduled_tasks():
    """[(dotted path, task, interval in seconds)] from settings.SCHEDULED_TASKS."""
    return [(dotted, import_string(dotted), int(every)) for dotted, every in settings.SCHEDULED_TASKS]


def enqueue(dotted, task, stderr):
    # A long-lived process: drop connections the database may have closed meanwhile.
    close_old_connections()
    try:
        task.enqueue()
    except Exception as error:
        # Keep the scheduler alive (a database restart, say): the next tick retries.
        stderr.write(f"{dotted} failed: {error!r}")
    finally:
        close_old_connections()


def enqueue_once(dotted, task, stderr):
    try:
        task.enqueue()
    except Exception as error:
        stderr.write(f"{dotted} failed: {error!r}")


class Command(BaseCommand):
    help = "Run the periodic tasks of SCHEDULED_TASKS (publishing, digests, reminders), each at its interval."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run every task once and exit.")

    def handle(self, *args, once=False, **options):
        tasks = scheduled_tasks()
        if once:
            for dotted, task, _every in tasks:
                enqueue_once(dotted, task, self.stderr)
            return
        stop = threading.Event()
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: stop.set())
        for dotted, _task, every in tasks:
            self.stdout.write(f"{dotted}: every {every} s")
        due = {dotted: 0.0 for dotted, _task, _every in tasks}
        while not stop.is_set():
            for dotted, task, every in tasks:
                if stop.is_set():
                    break
                if time.monotonic() >= due[dotted]:
                    enqueue(dotted, task, self.stderr)
                    due[dotted] = time.monotonic() + every
            stop.wait(max(0.5, min(due.values()) - time.monotonic()))
        self.stdout.write("Scheduler stopped")
