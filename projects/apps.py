from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Cross-school projects")

    def ready(self):
        from community.discussions.permissions import register_room_access

        from .permissions import can_post_in_project_room, can_read_project_room

        # The project's discussion room: members and staff read; members who can contribute post;
        # archived projects are read-only.
        register_room_access("project", read=can_read_project_room, post=can_post_in_project_room)
