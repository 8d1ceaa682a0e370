"""Create the demo world: people and schools, CMS content, communities, projects.

Each app contributes a `demo.seed(stdout)` function, listed in order in
settings.DEMO_SEEDERS. With --if-empty nothing happens when users already exist,
so `make run` can call it every time.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string


class Command(BaseCommand):
    help = "Load realistic demo data (idempotent with --if-empty)."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="Do nothing when the database already has users.")

    def handle(self, *args, **options):
        if options["if_empty"] and get_user_model().objects.exists():
            self.stdout.write("Demo data: the database already has users; nothing to do.")
            return
        for dotted in settings.DEMO_SEEDERS:
            seed = import_string(dotted)
            with transaction.atomic():
                seed(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
