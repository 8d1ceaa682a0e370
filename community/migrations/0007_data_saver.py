from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0006_handle_field"),
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
