"""Uzbek and Turkish joined the languages on by default: a Wagtail locale for each language
the site offers now, so that editors of a site migrated earlier can translate pages into them."""

from django.conf import settings
from django.db import migrations


def forwards(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for code, _name in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [("cms", "0009_event_reminders")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
