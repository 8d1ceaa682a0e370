"""Labels, competitions and awards, and a teacher's learning record built from them."""

from django.db.models import Count, Exists, OuterRef

from community.permissions import ambassador_region_ids, is_staff

from ..models import Award, Competition, CompetitionEntry, LabelApplication, Partnership, Project


def label_queue(user):
    """Pending label applications this user may review."""
    rows = LabelApplication.objects.filter(status=LabelApplication.Status.PENDING).select_related(
        "project"
    )
    if not is_staff(user):
        regions = ambassador_region_ids(user)
        rows = rows.filter(
            Exists(
                Partnership.objects.filter(
                    project=OuterRef("project"),
                    status=Partnership.Status.ACCEPTED,
                    school__region_id__in=regions,
                )
            )
        ).exclude(project__partnerships__user=user)
    return rows.order_by("created_at")


def competitions():
    return Competition.objects.prefetch_related("categories").order_by("-deadline")


def competition_entries(competition):
    return (
        CompetitionEntry.objects.filter(competition=competition)
        .select_related("project", "category")
        .annotate(score_count=Count("scores"))
        .order_by("category_id", "id")
    )


def competition_awards(competition):
    return Award.objects.filter(competition=competition).select_related("project", "category")


# --- learning record -------------------------------------------------------------------------


def record_of(user):
    partnerships = list(
        Partnership.objects.filter(user=user, status=Partnership.Status.ACCEPTED)
        .exclude(project__status=Project.Status.DRAFT)
        .select_related("project")
        .order_by("project__start_date")
    )
    project_ids = [p.project_id for p in partnerships]
    labels = list(
        LabelApplication.objects.filter(
            project_id__in=project_ids, status=LabelApplication.Status.GRANTED
        )
        .select_related("project")
        .order_by("reviewed_at")
    )
    awards = list(
        Award.objects.filter(project_id__in=project_ids, competition__announced_at__isnull=False)
        .select_related("project", "competition", "category")
        .order_by("created_at")
    )
    return {"partnerships": partnerships, "labels": labels, "awards": awards}
