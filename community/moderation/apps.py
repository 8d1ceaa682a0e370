from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "community.moderation"
    label = "moderation"
    verbose_name = "Community: moderation, reports and audit log"

    def ready(self):
        from community.moderation import frames

        frames.register()
