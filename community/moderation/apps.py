from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "community.moderation"
    label = "moderation"
    verbose_name = "Community: moderation, reports and audit log"

    def ready(self):
        from community.discussions.signals import message_removing
        from community.moderation import frames, services

        frames.register()
        message_removing.connect(services.record_message_removal, dispatch_uid="moderation-audit")
