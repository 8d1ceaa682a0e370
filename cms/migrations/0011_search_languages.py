"""Search in each content language on PostgreSQL (config/search_backend.py): the folded text-search
configuration for the languages PostgreSQL has no stemmer for, and the index that the search
query's `title || body` condition needs. Nothing happens on other databases.

`tc_folded` is `simple` (lower case, no stop words, no stemming) with `unaccent` first, so that
"Müəllim" and "muəllim" are one word. Where the extension cannot be created (a role without the
right), the configuration is plain `simple`: case is still folded, accents are not.
Existing index entries keep their old configuration until `manage.py update_index` runs.
"""

from django.db import DatabaseError, migrations, transaction

FOLDED = "tc_folded"
INDEX = "wagtailsearch_indexentry_title_body_gin"


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_ts_config WHERE cfgname = %s", [FOLDED])
        if not cursor.fetchone():
            cursor.execute(f"CREATE TEXT SEARCH CONFIGURATION {FOLDED} (COPY = simple)")
            if _unaccent_created(connection):
                cursor.execute(
                    f"ALTER TEXT SEARCH CONFIGURATION {FOLDED} "
                    "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple"
                )
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry USING gin ((title || body))"
        )


def backwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX IF EXISTS {INDEX}")
        cursor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {FOLDED}")


def _unaccent_created(connection):
    """Whether the extension is there (created now if need be); False where the role may not."""
    try:
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    except DatabaseError:
        return False
    return True


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0010_locales_for_uzbek_and_turkish"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
