"""Competitions: staff create them; partners enter projects; a jury scores; winners are announced."""

from django.db import IntegrityError, transaction
from django.db.models import Avg, Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from community.permissions import is_ambassador, is_staff

from .. import permissions
from ..models import (
    ENTRY_SCORE_MAX,
    ENTRY_SCORE_MIN,
    Award,
    Competition,
    CompetitionCategory,
    CompetitionEntry,
    EntryScore,
    Project,
)
from ._common import notify_members, project_url, refuse


def competition_create(*, actor, title, deadline, categories, description="", jury=()):
    if not permissions.can_manage_competitions(actor):
        refuse("forbidden", _("Only staff can create competitions."))
    if not (title or "").strip():
        refuse("invalid", _("A competition needs a title."))
    if deadline is None:
        refuse("invalid", _("A competition needs a deadline."))
    names = [name.strip() for name in categories if name and name.strip()]
    if not names:
        refuse("invalid", _("A competition needs at least one category."))
    if len(set(names)) != len(names):
        refuse("invalid", _("Each category needs a different name."))
    for juror in jury:
        if not (is_staff(juror) or is_ambassador(juror)):
            refuse(
                "invalid",
                _("The jury is made of ambassadors and staff: %(name)s is neither.")
                % {"name": juror},
            )
    with transaction.atomic():
        competition = Competition.objects.create(
            title=title.strip(), description=description, deadline=deadline, created_by=actor
        )
        for name in names:
            CompetitionCategory.objects.create(competition=competition, name=name)
        competition.jury.set(jury)
    return competition


def competition_enter(*, actor, competition, project, category):
    if category.competition_id != competition.pk:
        refuse("invalid", _("Choose one of this competition's categories."))
    if not (
        permissions.is_member(actor, project) and permissions.can_manage_project(actor, project)
    ):
        refuse("forbidden", _("Only the project's founder and partners can enter it."))
    if timezone.now() > competition.deadline:
        refuse("conflict", _("The deadline for entries has passed."))
    if project.status not in (
        Project.Status.ACTIVE,
        Project.Status.COMPLETED,
        Project.Status.ARCHIVED,
    ):
        refuse("conflict", _("Only active or completed projects can enter a competition."))
    try:
        with transaction.atomic():
            return CompetitionEntry.objects.create(
                competition=competition, category=category, project=project, entered_by=actor
            )
    except IntegrityError:
        refuse("conflict", _("This project has already entered the competition."))


def entry_score(*, actor, entry, score, comment=""):
    """A juror scores an entry (again, if they change their mind) — never their own project."""
    if permissions.is_member(actor, entry.project):
        refuse("forbidden", _("You cannot score a project you take part in."))
    if not permissions.can_score_entry(actor, entry):
        refuse("forbidden", _("Only the competition's jury can score entries."))
    if Competition.objects.filter(pk=entry.competition_id, announced_at__isnull=False).exists():
        refuse("conflict", _("The winners have been announced; scoring is closed."))
    try:
        value = int(score)
    except (TypeError, ValueError):
        refuse("invalid", _("The score must be a whole number."))
    if not ENTRY_SCORE_MIN <= value <= ENTRY_SCORE_MAX:
        refuse(
            "invalid",
            _("Scores go from %(min)d to %(max)d.")
            % {"min": ENTRY_SCORE_MIN, "max": ENTRY_SCORE_MAX},
        )
    with transaction.atomic():
        row, _created = EntryScore.objects.update_or_create(
            entry=entry, juror=actor, defaults={"score": value, "comment": comment.strip()}
        )
    return row


def competition_announce(*, actor, competition):
    """For each category, the entry with the best average score (ties: most scores, then first entered) wins."""
    if not permissions.can_manage_competitions(actor):
        refuse("forbidden", _("Only staff can announce winners."))
    with transaction.atomic():
        competition = Competition.objects.select_for_update().get(pk=competition.pk)
        if competition.announced_at is not None:
            refuse("conflict", _("The winners have already been announced."))
        ranked = (
            CompetitionEntry.objects.filter(competition=competition, scores__isnull=False)
            .annotate(average=Avg("scores__score"), count=Count("scores"))
            .select_related("project", "category")
            .order_by("category_id", "-average", "-count", "id")
        )
        winners = {}
        for entry in ranked:
            winners.setdefault(entry.category_id, entry)
        if not winners:
            refuse("conflict", _("No entry has been scored yet."))
        awards = []
        for entry in winners.values():
            awards.append(
                Award.objects.create(
                    competition=competition, category=entry.category, project=entry.project
                )
            )
            notify_members(
                entry.project,
                kind="project.award",
                title=gettext_noop("“%(title)s” won “%(competition)s” (%(category)s)."),
                params={
                    "title": entry.project.title,
                    "competition": competition.title,
                    "category": entry.category.name,
                },
                url=project_url(entry.project),
                actor=actor,
            )
        competition.announced_at = timezone.now()
        competition.save(update_fields=["announced_at"])
    return awards
