"""The digest's section for projects (settings.DIGEST_SECTIONS): invitations to answer, requests
to decide, partners' answers, tasks due in the coming week and new journal entries, from the
projects the teacher takes part in at sending time."""

import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from projects.models import JournalEntry, Partnership, Project, Task

TASK_DAYS = 7
LIMIT = 10


def _name(user):
    return user.display_name if user else _("Someone")


def digest_section(user, *, since, until):
    mine = Partnership.objects.filter(user=user, status=Partnership.Status.ACCEPTED).exclude(
        project__status=Project.Status.ARCHIVED
    )
    project_ids = list(mine.values_list("project_id", flat=True))
    managed = list(
        mine.filter(role__in=[Partnership.Role.FOUNDER, Partnership.Role.PARTNER]).values_list(
            "project_id", flat=True
        )
    )
    items = []
    for row in (
        Partnership.objects.filter(user=user, status=Partnership.Status.INVITED)
        .exclude(project__status=Project.Status.ARCHIVED)
        .select_related("project", "invited_by__profile")
        .order_by("-created_at")[:LIMIT]
    ):
        items.append(
            {
                "title": _("%(name)s invites you to the project “%(title)s”.")
                % {"name": _name(row.invited_by), "title": row.project.title},
                "url": reverse("projects:detail", args=[row.project_id]),
                "detail": "",
                "lines": [row.message[:300]] if row.message else [],
            }
        )
    requests = {}
    for row in (
        Partnership.objects.filter(project_id__in=managed, status=Partnership.Status.REQUESTED)
        .select_related("project", "user__profile")
        .order_by("project_id", "created_at")[:100]
    ):
        requests.setdefault(row.project, []).append(row)
    for project, rows in requests.items():
        items.append(
            {
                "title": ngettext(
                    "%(count)s teacher asks to join “%(title)s”",
                    "%(count)s teachers ask to join “%(title)s”",
                    len(rows),
                )
                % {"count": len(rows), "title": project.title},
                "url": reverse("projects:members", args=[project.pk]),
                "detail": ", ".join(_name(row.user) for row in rows[:5]),
                "lines": [],
            }
        )
    for row in (
        Partnership.objects.filter(
            invited_by=user,
            responded_at__gt=since,
            status__in=[Partnership.Status.ACCEPTED, Partnership.Status.DECLINED],
        )
        .exclude(user=user)
        .select_related("project", "user__profile")
        .order_by("-responded_at")[:LIMIT]
    ):
        accepted = row.status == Partnership.Status.ACCEPTED
        items.append(
            {
                "title": (
                    _("%(name)s accepted your invitation to “%(title)s”.")
                    if accepted
                    else _("%(name)s declined your invitation to “%(title)s”.")
                )
                % {"name": _name(row.user), "title": row.project.title},
                "url": reverse("projects:members", args=[row.project_id]),
                "detail": "",
                "lines": [],
            }
        )
    today = timezone.localdate(until)
    due = (
        Task.objects.filter(
            project_id__in=project_ids,
            due_date__lte=today + datetime.timedelta(days=TASK_DAYS),
        )
        .exclude(status=Task.Status.DONE)
        .filter(Q(assignee=user) | Q(assignee__isnull=True))
        .select_related("project")
        .order_by("due_date", "id")[:LIMIT]
    )
    for task in due:
        overdue = task.due_date < today
        items.append(
            {
                "title": task.title,
                "url": reverse("projects:plan", args=[task.project_id]),
                "detail": (
                    _("%(project)s · overdue since %(date)s")
                    if overdue
                    else _("%(project)s · due %(date)s")
                )
                % {"project": task.project.title, "date": date_format(task.due_date)},
                "lines": [],
            }
        )
    for entry in (
        JournalEntry.objects.filter(project_id__in=project_ids, created_at__gt=since)
        .exclude(author=user)
        .select_related("project", "author__profile")
        .order_by("-created_at")[:LIMIT]
    ):
        text = " ".join((entry.body or "").split())
        items.append(
            {
                "title": _("New in the journal of “%(title)s”: %(entry)s")
                % {"title": entry.project.title, "entry": entry.title},
                "url": reverse("projects:journal", args=[entry.project_id]),
                "detail": _name(entry.author),
                "lines": [text[:200] + ("…" if len(text) > 200 else "")] if text else [],
            }
        )
    return {"key": "projects", "title": _("In your projects"), "items": items}
