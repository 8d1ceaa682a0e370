"""Statistics: a fixed number of aggregate queries, whatever the data size."""

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import ExtractYear

from community import pagecache
from community.localized import collation_key, current_language, localized_value, localized_values

from ..models import LabelApplication, Partnership, Project


def headline_totals():
    """Projects, and the schools and regions taking part: the home page's numbers (two queries)."""
    totals = Partnership.objects.filter(status=Partnership.Status.ACCEPTED).aggregate(
        schools=Count("school", distinct=True),
        regions=Count("school__region", distinct=True),
    )
    totals["projects"] = Project.objects.count()
    return totals


def statistics(*, region_id=None):
    """The programme's numbers (the whole country, or one region), counted once per change of the
    rows rather than on every view (community.pagecache.remember); the view checks who may ask."""
    return pagecache.remember(
        f"project-statistics:{region_id}", lambda: _statistics(region_id=region_id)
    )


def _statistics(*, region_id=None):
    projects = Project.objects.all()
    taking_part = Partnership.objects.filter(status=Partnership.Status.ACCEPTED)
    if region_id is not None:
        projects = projects.filter(
            Exists(taking_part.filter(project=OuterRef("pk"), school__region_id=region_id))
        )
        taking_part = taking_part.filter(school__region_id=region_id)
    by_status_rows = dict(projects.order_by().values_list("status").annotate(n=Count("id")))
    by_status = [
        (value, label, by_status_rows.get(value, 0)) for value, label in Project.Status.choices
    ]
    by_year = list(
        projects.order_by()
        .annotate(year=ExtractYear("start_date"))
        .values("year")
        .annotate(n=Count("id"))
        .order_by("year")
    )
    totals = taking_part.aggregate(
        teachers=Count("user", distinct=True),
        schools=Count("school", distinct=True),
        regions=Count("school__region", distinct=True),
        countries=Count("school__region__country", distinct=True),
    )
    totals["projects"] = sum(n for _v, _l, n in by_status)
    totals["labels"] = LabelApplication.objects.filter(
        status=LabelApplication.Status.GRANTED, project__in=projects
    ).count()
    by_region = list(
        Partnership.objects.filter(status=Partnership.Status.ACCEPTED, school__isnull=False)
        .filter(**({"school__region_id": region_id} if region_id is not None else {}))
        .order_by()
        .values(
            "school__region_id",
            *localized_values("school__region__name"),
            *localized_values("school__region__country__name"),
        )
        .annotate(
            projects=Count("project", distinct=True),
            teachers=Count("user", distinct=True),
            schools=Count("school", distinct=True),
            completed=Count(
                "project", distinct=True, filter=Q(project__status=Project.Status.COMPLETED)
            ),
        )
        .order_by("school__region__country__name", "school__region__name")
    )
    # The English names stay (the CSV download uses them); the page shows the labels, in the
    # interface language and in its alphabetical order.
    language = current_language()
    for row in by_region:
        row["region_label"] = localized_value(row, "school__region__name", language)
        row["country_label"] = localized_value(row, "school__region__country__name", language)
    by_region.sort(
        key=lambda row: (
            collation_key(row["country_label"], language),
            collation_key(row["region_label"], language),
        )
    )
    by_school = []
    if region_id is not None:
        by_school = list(
            taking_part.order_by()
            .values("school_id", "school__name", "school__is_rural")
            .annotate(
                projects=Count("project", distinct=True), teachers=Count("user", distinct=True)
            )
            .order_by("school__name")
        )
    return {
        "by_status": by_status,
        "by_year": by_year,
        "totals": totals,
        "by_region": by_region,
        "by_school": by_school,
    }
