from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0008_reference_names_more_languages_data"),
    ]

    operations = [
        migrations.AddField(
            model_name="profile",
            name="data_saver",
            field=models.BooleanField(
                default=False,
                verbose_name="data saver: images only when I tap them, initials instead of photos, video as links, fewer messages",
            ),
        ),
    ]
