"""The project lists and public pages: the board of ideas, the user's projects, the showcase
and the published project pages."""

from django.db.models import Exists, OuterRef, Prefetch, Q

from ..models import (
    Award,
    JournalEntry,
    LabelApplication,
    Partnership,
    Project,
    ProjectFile,
    ProjectPage,
)


def _schools_prefetch():
    return Prefetch(
        "partnerships",
        queryset=Partnership.objects.filter(status=Partnership.Status.ACCEPTED)
        .select_related("school__region__country", "user__profile")
        .order_by("created_at", "id"),
        to_attr="accepted_partnerships",
    )


def _with_cards(rows):
    return rows.select_related("founder__profile", "label_application").prefetch_related(
        "subjects",
        "languages",
        _schools_prefetch(),
        Prefetch("awards", queryset=Award.objects.select_related("competition", "category")),
    )


def _filter_projects(rows, filters):
    if filters.get("q"):
        rows = rows.filter(Q(title__icontains=filters["q"]) | Q(summary__icontains=filters["q"]))
    if filters.get("subject"):
        rows = rows.filter(subjects__id=filters["subject"])
    if filters.get("language"):
        rows = rows.filter(languages__id=filters["language"])
    if filters.get("age") is not None:
        rows = rows.filter(age_min__lte=filters["age"], age_max__gte=filters["age"])
    place = Partnership.objects.filter(project=OuterRef("pk"), status=Partnership.Status.ACCEPTED)
    if filters.get("country"):
        rows = rows.filter(Exists(place.filter(school__region__country_id=filters["country"])))
    if filters.get("region"):
        rows = rows.filter(Exists(place.filter(school__region_id=filters["region"])))
    if filters.get("rural"):
        rows = rows.filter(Exists(place.filter(school__is_rural=True)))
    if filters.get("looking"):
        rows = rows.filter(status=Project.Status.SEEKING)
    if filters.get("year"):
        rows = rows.filter(start_date__year=filters["year"])
    return rows.distinct()


def project_board(filters):
    """Project ideas seeking partners."""
    rows = Project.objects.filter(status=Project.Status.SEEKING)
    return _with_cards(_filter_projects(rows, filters)).order_by("-created_at", "-id")


def projects_of(user):
    """The user's projects with their partnership (accepted, invited, requested)."""
    return (
        Partnership.objects.filter(user=user)
        .exclude(status=Partnership.Status.DECLINED)
        .select_related("project", "project__founder__profile")
        .order_by("-project__created_at")
    )


def showcase(filters):
    """Published projects only."""
    rows = Project.objects.filter(published_at__isnull=False)
    if filters.get("labelled"):
        rows = rows.filter(label_application__status=LabelApplication.Status.GRANTED)
    if filters.get("awarded"):
        rows = rows.filter(awards__isnull=False)
    rows = _filter_projects(rows, {**filters, "looking": False})
    return _with_cards(rows).order_by("-published_at", "-id")


def showcase_detail(project):
    entries = (
        JournalEntry.objects.filter(project=project, on_showcase=True)
        .select_related("school")
        .prefetch_related(
            Prefetch(
                "attachments", queryset=ProjectFile.objects.filter(kind=ProjectFile.Kind.IMAGE)
            )
        )
    )
    awards = Award.objects.filter(project=project).select_related("competition", "category")
    label = LabelApplication.objects.filter(
        project=project, status=LabelApplication.Status.GRANTED
    ).first()
    members = (
        Partnership.objects.filter(project=project, status=Partnership.Status.ACCEPTED)
        .select_related("school__region__country", "user__profile")
        .order_by("created_at")
    )
    return {"entries": entries, "awards": awards, "label": label, "members": members}


def published_pages(project):
    """The pages visitors see: published ones, only while the project itself is public."""
    if project.published_at is None:
        return ProjectPage.objects.none()
    return project.pages.filter(published_at__isnull=False).order_by("position", "id")


def published_page(project, page_pk):
    """One page visitors may see, or None."""
    return published_pages(project).filter(pk=page_pk).first()


def all_published_pages():
    """Every page visitors may see: published pages of published projects (sitemap, search)."""
    return ProjectPage.objects.filter(
        published_at__isnull=False, project__published_at__isnull=False
    ).select_related("project")
