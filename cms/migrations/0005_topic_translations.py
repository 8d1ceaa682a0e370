"""Topics become translatable: step 2, every existing topic is in the default language (with its
own translation key), and the demo topics get their Azerbaijani and Russian translations."""

import uuid

from django.conf import settings
from django.db import migrations

# The demo topics (cms/demo.py), by slug: {language: name}.
DEMO_TOPIC_TRANSLATIONS = {
    "inclusive-education": {"az": "İnklüziv təhsil", "ru": "Инклюзивное образование"},
    "ict-in-education": {"az": "Təhsildə İKT", "ru": "ИКТ в образовании"},
    "project-based-learning": {"az": "Layihə əsaslı təlim", "ru": "Проектное обучение"},
    "teacher-leadership": {"az": "Müəllim liderliyi", "ru": "Лидерство учителей"},
    "education-policy": {"az": "Təhsil siyasəti", "ru": "Образовательная политика"},
}


def forwards(apps, schema_editor):
    Topic = apps.get_model("cms", "Topic")
    Locale = apps.get_model("wagtailcore", "Locale")
    default = settings.LANGUAGE_CODE.split("-")[0]
    default_locale, _ = Locale.objects.get_or_create(language_code=default)
    for topic in Topic.objects.filter(translation_key__isnull=True):
        topic.translation_key = uuid.uuid4()
        topic.locale = default_locale
        topic.save(update_fields=["translation_key", "locale"])
    codes = {code for code, _name in settings.LANGUAGES}
    for slug, names in DEMO_TOPIC_TRANSLATIONS.items():
        original = Topic.objects.filter(slug=slug, locale=default_locale).first()
        if original is None:
            continue
        for code, name in names.items():
            if code not in codes:
                continue
            locale, _ = Locale.objects.get_or_create(language_code=code)
            if not Topic.objects.filter(translation_key=original.translation_key, locale=locale).exists():
                Topic.objects.create(
                    translation_key=original.translation_key,
                    locale=locale,
                    slug=slug,
                    name=name,
                    description=original.description,
                )


class Migration(migrations.Migration):
    dependencies = [("cms", "0004_topic_locales")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
