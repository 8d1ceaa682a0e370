from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Cross-school projects")

    def ready(self):
        from django.db.models.signals import post_delete

        from community.discussions.permissions import register_room_access

        from .models import Pupil
        from .permissions import (
            can_post_in_project_room,
            can_read_project_room,
            can_review_project_room,
            hold_pupil_post,
            project_room_reviewer_ids,
        )
        from .signals import pupil_deleted

        # No pupil's account outlives its row, whichever road deletes it.
        post_delete.connect(pupil_deleted, sender=Pupil, dispatch_uid="projects.pupil_deleted")

        # The project's discussion room: members, staff and the project's pupils read; members who
        # can contribute and the pupils post; archived projects are read-only. A pupil's post in a
        # pre-moderated project is held: the teachers see it at once, the other pupils once the
        # pupil's own teacher approves it.
        register_room_access(
            "project",
            read=can_read_project_room,
            post=can_post_in_project_room,
            review=can_review_project_room,
            reviewer_ids=project_room_reviewer_ids,
            hold=hold_pupil_post,
        )
