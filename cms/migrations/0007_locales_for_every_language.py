"""A Wagtail locale for every interface language (kk, ky, uz, tg and tr joined en, az and ru),
so that editors can translate pages into each of them."""

from django.conf import settings
from django.db import migrations


def forwards(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for code, _name in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [("cms", "0006_topic_translatable"), ("wagtailcore", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
