"""The programme's statistics: the page, its CSV download and one region's numbers."""

import csv

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from community.localized import collation_key
from community.models import Region
from community.permissions import ambassador_region_ids, is_staff

from .. import permissions, selectors


def statistics(request):

    linked = "all" if is_staff(request.user) else ambassador_region_ids(request.user)
    return render(
        request,
        "projects/statistics.html",
        {"stats": selectors.statistics(), "linked_regions": linked},
    )


def statistics_csv(request):
    """The same aggregates as the page. `count` is the number of projects, except on `total` rows,
    where it is the total named by `key`; teachers, schools and completed are per region."""
    stats = selectors.statistics()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="project-statistics.csv"'
    writer = csv.writer(response)
    writer.writerow(["section", "key", "count", "teachers", "schools", "completed"])
    for value, _label, n in stats["by_status"]:
        writer.writerow(["status", value, n, "", "", ""])
    for row in stats["by_year"]:
        writer.writerow(["year", row["year"], row["n"], "", "", ""])
    for key in ("projects", "teachers", "schools", "regions", "countries", "labels"):
        writer.writerow(["total", key, stats["totals"][key], "", "", ""])
    # Region keys stay in English, in English order, whatever the interface language.
    by_region = sorted(
        stats["by_region"],
        key=lambda row: (
            collation_key(row["school__region__country__name"], "en"),
            collation_key(row["school__region__name"], "en"),
        ),
    )
    for row in by_region:
        writer.writerow(
            [
                "region",
                f"{row['school__region__name']} ({row['school__region__country__name']})",
                row["projects"],
                row["teachers"],
                row["schools"],
                row["completed"],
            ]
        )
    return response


@login_required
def regional_statistics(request, region_id):
    region = get_object_or_404(Region.objects.select_related("country"), pk=region_id)
    if not permissions.can_view_regional_statistics(request.user, region.pk):
        raise Http404
    return render(
        request,
        "projects/statistics_region.html",
        {"region": region, "stats": selectors.statistics(region_id=region.pk)},
    )
