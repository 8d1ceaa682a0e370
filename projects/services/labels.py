"""Quality labels: a partner applies after completion; an ambassador of a partner region or staff reviews."""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from community.discussions.services.notifications import notification_create
from community.models import Ambassadorship, User
from community.permissions import is_staff

from .. import permissions
from ..models import LABEL_SCORE_MAX, LABEL_SCORE_MIN, LabelApplication, LabelCriterion, Project
from ._common import notify_members, project_url, refuse


def label_apply(*, actor, project, answers):
    """`answers` maps each LabelCriterion value to the applicants' text. Once per project."""
    if project.status not in (Project.Status.COMPLETED, Project.Status.ARCHIVED):
        refuse("conflict", _("A project can apply for a quality label only once it is completed."))
    if not permissions.can_apply_for_label(actor, project):
        refuse("forbidden", _("Only the project's founder and partners can apply for a label."))
    if LabelApplication.objects.filter(project=project).exists():
        refuse("conflict", _("This project has already applied for a quality label."))
    clean = {}
    for criterion in LabelCriterion:
        text = (answers.get(criterion.value) or "").strip()
        if not text:
            refuse(
                "invalid",
                _("Answer every criterion: “%(criterion)s” is empty.")
                % {"criterion": criterion.label},
            )
        clean[criterion.value] = text
    try:
        with transaction.atomic():
            application = LabelApplication.objects.create(
                project=project, applicant=actor, answers=clean
            )
            _notify_reviewers(project, application, actor)
    except IntegrityError:
        refuse("conflict", _("This project has already applied for a quality label."))
    return application


def _notify_reviewers(project, application, actor):
    region_ids = permissions.project_region_ids(project)
    reviewers = User.objects.filter(
        pk__in=Ambassadorship.objects.filter(region_id__in=region_ids).values("user_id"),
        is_active=True,
    ).exclude(project_partnerships__project=project)
    url = reverse("projects:label_review", args=[application.pk])
    for reviewer in reviewers:
        notification_create(
            recipient=reviewer,
            actor=actor,
            kind="project.label_application",
            title=gettext_noop("“%(title)s” applies for a quality label."),
            params={"title": project.title},
            url=url,
        )


def label_review(*, actor, application, scores, feedback, grant):
    """Score every criterion within the range, with feedback, and grant or refuse the label."""
    if not permissions.can_review_label(actor, application):
        refuse(
            "forbidden",
            _(
                "Only an ambassador of a partner school's region, or staff, can review this application."
            ),
        )
    if permissions.is_member(actor, application.project) and not is_staff(actor):
        refuse("forbidden", _("You cannot review your own project."))
    clean_scores, clean_feedback = {}, {}
    for criterion in LabelCriterion:
        raw = scores.get(criterion.value)
        try:
            value = int(raw)
        except (TypeError, ValueError):
            refuse(
                "invalid", _("Give a score for “%(criterion)s”.") % {"criterion": criterion.label}
            )
        if not LABEL_SCORE_MIN <= value <= LABEL_SCORE_MAX:
            refuse(
                "invalid",
                _("Scores go from %(min)d to %(max)d: “%(criterion)s” got %(value)d.")
                % {
                    "min": LABEL_SCORE_MIN,
                    "max": LABEL_SCORE_MAX,
                    "criterion": criterion.label,
                    "value": value,
                },
            )
        clean_scores[criterion.value] = value
        clean_feedback[criterion.value] = (feedback.get(criterion.value) or "").strip()
    with transaction.atomic():
        application = LabelApplication.objects.select_for_update().get(pk=application.pk)
        if application.status != LabelApplication.Status.PENDING:
            refuse("conflict", _("This application has already been reviewed."))
        application.scores = clean_scores
        application.feedback = clean_feedback
        application.status = (
            LabelApplication.Status.GRANTED if grant else LabelApplication.Status.REFUSED
        )
        application.reviewer = actor
        application.reviewed_at = timezone.now()
        application.save()
        project = application.project
        title = (
            gettext_noop("“%(title)s” has been granted the quality label.")
            if grant
            else gettext_noop(
                "The quality label for “%(title)s” was not granted; read the reviewer's feedback."
            )
        )
        notify_members(
            project,
            kind="project.label_decision",
            title=title,
            params={"title": project.title},
            url=project_url(project),
            actor=actor,
        )
    return application
