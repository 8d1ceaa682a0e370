"""Run the CMS's periodic work: scheduled publishing and expiry, every interval, until stopped.

Exactly one of these should run per site (two would both publish what is due).
"""

import signal
import threading

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from cms.tasks import publish_scheduled_pages


class Command(BaseCommand):
    help = "Publish pages whose go-live time has come and unpublish expired ones, periodically."

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval",
            type=int,
            default=None,
            help="Seconds between runs (default: SCHEDULED_PUBLISHING_INTERVAL).",
        )
        parser.add_argument("--once", action="store_true", help="Run once and exit.")

    def handle(self, *args, interval=None, once=False, **options):
        if once:
            publish_scheduled_pages.enqueue()
            return
        interval = interval or settings.SCHEDULED_PUBLISHING_INTERVAL
        stop = threading.Event()
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: stop.set())
        self.stdout.write(f"Scheduled publishing and expiry: every {interval} s")
        while not stop.is_set():
            # A long-lived process: drop connections the database may have closed meanwhile.
            close_old_connections()
            try:
                publish_scheduled_pages.enqueue()
            except Exception as error:
                # Keep the scheduler alive (a database restart, say): the next tick retries.
                self.stderr.write(f"Scheduled publishing failed: {error!r}")
            finally:
                close_old_connections()
            stop.wait(interval)
        self.stdout.write("Scheduled publishing stopped")
