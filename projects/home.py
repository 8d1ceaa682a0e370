"""Home page section: recent showcase projects and a few counts (settings.HOME_PAGE_SECTIONS)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import npgettext

from . import selectors
from .models import Project


def home_section(request):
    recent = list(
        Project.objects.filter(published_at__isnull=False).order_by("-published_at", "-id")[:3]
    )
    totals = selectors.headline_totals()
    if not recent and not totals["projects"]:
        return None
    return {
        "title": _("Projects between schools"),
        "items": [
            {
                "title": p.title,
                "url": reverse("projects:showcase_detail", args=[p.pk]),
                "summary": p.summary,
            }
            for p in recent
        ],
        "more_url": reverse("projects:showcase"),
        "more_label": _("See the showcase"),
        # Each label follows its number's plural form (1 project, 2 projects; 1 проект, 5 проектов).
        "stats": [
            (
                npgettext("home statistics", "project", "projects", totals["projects"]),
                totals["projects"],
            ),
            (
                npgettext(
                    "home statistics",
                    "school taking part",
                    "schools taking part",
                    totals["schools"],
                ),
                totals["schools"],
            ),
            (
                npgettext("home statistics", "region", "regions", totals["regions"]),
                totals["regions"],
            ),
        ],
    }
