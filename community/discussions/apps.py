from django.apps import AppConfig


class DiscussionsConfig(AppConfig):
    name = "community.discussions"
    label = "discussions"
    verbose_name = "Community: learning communities, rooms and messages"

    def ready(self):
        # Direct conversations are rooms of kind `direct`: their rules register with the room
        # rules as any other app's rooms do.
        from community.discussions import (
            direct_permissions,  # noqa: F401
            frame_handlers,
        )

        # The discussions' frames (post, edit, delete, react, read) and their rooms' checks
        # go to the realtime package's registry, as moderation's `moderate` frame does.
        frame_handlers.register()
