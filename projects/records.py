"""A teacher's projects, labels and awards for the learning record (settings.LEARNING_RECORD_SECTIONS),
and what they wrote or hold in projects for the personal data export (settings.DATA_EXPORT_SECTIONS)."""

from pathlib import PurePosixPath

from django.urls import reverse
from django.utils.translation import gettext as _

from . import selectors
from .models import (
    Competition,
    CompetitionEntry,
    EntryScore,
    JournalEntry,
    LabelApplication,
    Partnership,
    ProjectFile,
    Task,
)


def _date(value):
    return value.isoformat() if value else ""


def _url(project):
    if project.published_at is not None:
        return reverse("projects:showcase_detail", args=[project.pk])
    return reverse("projects:detail", args=[project.pk])


def record_section(user):
    record = selectors.record_of(user)
    items = []
    for row in record["partnerships"]:
        project = row.project
        items.append(
            {
                "title": project.title,
                "url": _url(project),
                "date": _date(project.start_date),
                "detail": _("Project (%(role)s, %(status)s)")
                % {"role": row.get_role_display(), "status": project.get_status_display()},
            }
        )
    for label in record["labels"]:
        items.append(
            {
                "title": _("Quality label: %(title)s") % {"title": label.project.title},
                "url": _url(label.project),
                "date": _date(label.reviewed_at.date() if label.reviewed_at else None),
                "detail": _("Quality label granted"),
            }
        )
    for award in record["awards"]:
        items.append(
            {
                "title": _("Award: %(competition)s") % {"competition": award.competition.title},
                "url": _url(award.project),
                "date": _date(award.created_at.date()),
                "detail": _("Winner, %(category)s, with “%(title)s”")
                % {"category": award.category.name, "title": award.project.title},
            }
        )
    return {"key": "projects", "title": _("Projects, labels and awards"), "items": items}


# --- personal data export (settings.DATA_EXPORT_SECTIONS) ------------------------------------


def _when(value):
    return value.isoformat() if value else None


def _project_ref(project):
    """Just enough to tell which project a row belongs to."""
    return {"id": project.pk, "title": project.title}


def export_section(user):
    """What `user` wrote or holds in projects, for "download my data".

    Only the user's own rows; other people appear by name only where a row is
    about them both (an invitation the user sent or received). A fixed number
    of queries, however many rows there are.
    """
    partnerships = Partnership.objects.filter(user=user).select_related(
        "project", "school", "invited_by__profile"
    )
    invitations_sent = (
        Partnership.objects.filter(invited_by=user)
        .exclude(user=user)
        .select_related("project", "user__profile")
    )
    journal = JournalEntry.objects.filter(author=user).select_related("project", "school")
    tasks = Task.objects.filter(assignee=user).select_related("project", "milestone")
    files = ProjectFile.objects.filter(uploaded_by=user).select_related("project", "entry")
    labels = LabelApplication.objects.filter(applicant=user).select_related("project")
    label_reviews = LabelApplication.objects.filter(reviewer=user).select_related("project")
    entries = CompetitionEntry.objects.filter(entered_by=user).select_related(
        "competition", "category", "project"
    )
    scores = EntryScore.objects.filter(juror=user).select_related(
        "entry__competition", "entry__category", "entry__project"
    )
    competitions = Competition.objects.filter(created_by=user)
    return {
        "key": "projects",
        "data": {
            "partnerships": [
                {
                    "project": _project_ref(row.project),
                    "project_status": row.project.status,
                    "start_date": _when(row.project.start_date),
                    "end_date": _when(row.project.end_date),
                    "role": row.role,
                    "status": row.status,
                    "school": row.school.name if row.school else None,
                    "invited_by": row.invited_by.display_name if row.invited_by else None,
                    "message": row.message,
                    "created_at": _when(row.created_at),
                    "responded_at": _when(row.responded_at),
                    # The founder wrote the project's presentation.
                    **(
                        {
                            "summary": row.project.summary,
                            "description": row.project.description,
                        }
                        if row.role == Partnership.Role.FOUNDER
                        else {}
                    ),
                }
                for row in partnerships
            ],
            "invitations_sent": [
                {
                    "project": _project_ref(row.project),
                    "invitee": row.user.display_name,
                    "role": row.role,
                    "status": row.status,
                    "message": row.message,
                    "created_at": _when(row.created_at),
                    "responded_at": _when(row.responded_at),
                }
                for row in invitations_sent
            ],
            "journal_entries": [
                {
                    "project": _project_ref(entry.project),
                    "title": entry.title,
                    "body": entry.body,
                    "happened_on": _when(entry.happened_on),
                    "school": entry.school.name if entry.school else None,
                    "on_showcase": entry.on_showcase,
                    "created_at": _when(entry.created_at),
                }
                for entry in journal
            ],
            "tasks_assigned": [
                {
                    "project": _project_ref(task.project),
                    "title": task.title,
                    "milestone": task.milestone.title if task.milestone else None,
                    "status": task.status,
                    "due_date": _when(task.due_date),
                    "created_at": _when(task.created_at),
                }
                for task in tasks
            ],
            "files_uploaded": [
                {
                    "project": _project_ref(item.project),
                    "title": item.title,
                    "file_name": PurePosixPath(item.file.name).name if item.file else None,
                    "kind": item.kind,
                    "size": item.size,
                    "journal_entry": item.entry.title if item.entry else None,
                    "created_at": _when(item.created_at),
                }
                for item in files
            ],
            "label_applications": [
                {
                    "project": _project_ref(application.project),
                    "answers": application.answers,
                    "status": application.status,
                    "scores": application.scores,
                    "feedback": application.feedback,
                    "created_at": _when(application.created_at),
                    "reviewed_at": _when(application.reviewed_at),
                }
                for application in labels
            ],
            "label_reviews": [
                {
                    "project": _project_ref(application.project),
                    "status": application.status,
                    "scores": application.scores,
                    "feedback": application.feedback,
                    "reviewed_at": _when(application.reviewed_at),
                }
                for application in label_reviews
            ],
            "competition_entries": [
                {
                    "competition": entry.competition.title,
                    "category": entry.category.name,
                    "project": _project_ref(entry.project),
                    "created_at": _when(entry.created_at),
                }
                for entry in entries
            ],
            "competition_scores": [
                {
                    "competition": score.entry.competition.title,
                    "category": score.entry.category.name,
                    "project": _project_ref(score.entry.project),
                    "score": score.score,
                    "comment": score.comment,
                    "created_at": _when(score.created_at),
                }
                for score in scores
            ],
            "competitions_created": [
                {
                    "title": competition.title,
                    "description": competition.description,
                    "deadline": _when(competition.deadline),
                    "created_at": _when(competition.created_at),
                }
                for competition in competitions
            ],
        },
    }
