"""Compile every .po catalogue of the project to .mo, without GNU gettext.

`make run` and `make test` call this so that a fresh machine gets working
translations even where `msgfmt` (needed by Django's compilemessages) is absent.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile the project's .po translation catalogues to .mo files."

    def handle(self, *args, **options):
        base = Path(settings.BASE_DIR)
        roots = [Path(p) for p in settings.LOCALE_PATHS]
        roots += [base / app / "locale" for app in ("community", "cms", "projects")]
        compiled = 0
        for root in roots:
            if not root.is_dir():
                continue
            for po_path in root.glob("*/LC_MESSAGES/*.po"):
                mo_path = po_path.with_suffix(".mo")
                if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                    continue
                polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
                compiled += 1
        self.stdout.write(f"compiled {compiled} catalogue(s)")
