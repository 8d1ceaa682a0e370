"""Learning-record section: a teacher's projects, labels and awards (settings.LEARNING_RECORD_SECTIONS)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from . import selectors


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
