"""The Pupils tab and the teacher's export of their pupils' work."""

from django.db.models import Count

from community.discussions.models import Message

from .. import permissions
from ..models import PupilClass


def pupils_tab(project, teacher):
    """The Pupils tab for `teacher`: their classes with pupils and cards, the other teachers'
    classes (names and counts only), and their pupils' posts waiting for approval."""
    classes = list(
        PupilClass.objects.filter(project=project)
        .select_related("teacher__profile")
        .prefetch_related("pupils")
        .annotate(pupil_count=Count("pupils"))
    )
    own = [c for c in classes if c.teacher_id == teacher.pk]
    waiting = []
    if project.room_id and own:
        waiting = list(
            Message.objects.filter(
                room_id=project.room_id,
                status=Message.Status.HELD,
                deleted_at__isnull=True,
                author__pupil__pupil_class__in=own,
            )
            .select_related("author__pupil")
            .prefetch_related("attachments")
            .order_by("seq")
        )
    waiting_pages = []
    if own:
        waiting_pages = list(
            project.pages.filter(held=True, author__pupil__pupil_class__in=own)
            .select_related("author")
            .order_by("position", "id")
        )
    return {
        "own_classes": own,
        "other_classes": [c for c in classes if c.teacher_id != teacher.pk],
        "waiting_posts": waiting,
        "waiting_pages": waiting_pages,
        "can_manage_pupils": permissions.can_manage_pupils(teacher, project),
    }


def pupils_export(project, teacher):
    """The teacher's own classes, pupils and what each wrote in the project's room and pages."""
    classes = list(
        PupilClass.objects.filter(project=project, teacher=teacher).prefetch_related("pupils")
    )
    posts = {}
    if project.room_id and classes:
        for message in (
            Message.objects.filter(
                room_id=project.room_id,
                author__pupil__pupil_class__in=classes,
                deleted_at__isnull=True,
            )
            .prefetch_related("attachments")
            .order_by("seq")
        ):
            posts.setdefault(message.author_id, []).append(
                {
                    "seq": message.seq,
                    "written_at": message.created_at.isoformat(),
                    "status": message.status,
                    "text": message.body,
                    "files": [a.original_name for a in message.attachments.all()],
                }
            )
    pages = {}
    if classes:
        for page in project.pages.filter(author__pupil__pupil_class__in=classes).order_by(
            "position", "id"
        ):
            pages.setdefault(page.author_id, []).append(
                {
                    "title": page.title,
                    "text": page.body,
                    "written_at": page.created_at.isoformat(),
                    "approved": not page.held,
                }
            )
    data = {"project": project.title, "classes": []}
    for pupil_class in classes:
        pupils = list(pupil_class.pupils.all())
        data["classes"].append(
            {
                "class": pupil_class.name,
                "pupils": [
                    {
                        "name": p.name,
                        "grade": p.grade,
                        "posts": posts.get(p.user_id, []),
                        "pages": pages.get(p.user_id, []),
                    }
                    for p in pupils
                ],
            }
        )
    return data
