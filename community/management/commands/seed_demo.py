"""Create the demo world: people and schools, CMS content, communities, projects.

Each app contributes a `demo.seed(stdout)` function, listed in order in
settings.DEMO_SEEDERS. With --if-empty nothing happens when users already exist,
so `make run` can call it every time.

`--scale large` adds the large world on top of the small demo (loaded first when the
database has no users): each app's `demo_large.seed(stdout, factor=)`, listed in
settings.DEMO_LARGE_SEEDERS, in bulk; `--factor` scales every count (0.001 builds a tiny
one for tests). It is idempotent: a second run finds the large world's marker and adds nothing.
"""

import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import import_string


class Command(BaseCommand):
    help = "Load realistic demo data (idempotent with --if-empty); --scale large for a country's worth."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="Do nothing when the database already has users.")
        parser.add_argument(
            "--scale",
            choices=["small", "large"],
            default="small",
            help="small: the demo `make run` loads; large: 10,000 teachers, a million messages, on top of it.",
        )
        parser.add_argument(
            "--factor", type=float, default=1.0, help="With --scale large: multiply every count (default 1.0)."
        )

    def handle(self, *args, **options):
        if options["scale"] == "large":
            return self.seed_large(options["factor"])
        if options["if_empty"] and get_user_model().objects.exists():
            self.stdout.write("Demo data: the database already has users; nothing to do.")
            return
        self.seed_small()
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))

    def seed_small(self):
        for dotted in settings.DEMO_SEEDERS:
            seed = import_string(dotted)
            with transaction.atomic():
                seed(self.stdout)

    def seed_large(self, factor):
        if not 0 < factor <= 10:
            raise CommandError("--factor must be above 0 and at most 10.")
        began = time.monotonic()
        timings = []
        if not get_user_model().objects.exists():
            started = time.monotonic()
            self.seed_small()
            timings.append(("small demo", time.monotonic() - started))
        for dotted in settings.DEMO_LARGE_SEEDERS:
            seed = import_string(dotted)
            started = time.monotonic()
            with transaction.atomic():
                seed(self.stdout, factor=factor)
            timings.append((dotted.rsplit(".", 2)[0], time.monotonic() - started))
        self.stdout.write("Stage times: " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in timings))
        self.stdout.write(
            self.style.SUCCESS(f"Large demo world ready (factor {factor:g}) in {time.monotonic() - began:.1f} s.")
        )
